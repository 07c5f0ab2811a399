import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startFerretdb } from '../src/store/embedded-ferretdb.ts';
import { findOrBuildFerretdb } from '../src/store/ferretdb-binary.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    mongoUri: string;
  }
}

/** One real database server for the whole run: MONGODB_URI when set, else FerretDB on a random port. */
export default async function setup(project: TestProject) {
  if (process.env.MONGODB_URI) {
    project.provide('mongoUri', process.env.MONGODB_URI);
    return;
  }
  const binary = await findOrBuildFerretdb(process.env, (m) => console.error(m));
  const dir = await mkdtemp(path.join(os.tmpdir(), 'heed-test-db-'));
  const db = await startFerretdb({ binary, dataDir: dir });
  project.provide('mongoUri', db.uri);
  return async () => {
    await db.stop();
    await rm(dir, { recursive: true, force: true });
  };
}
