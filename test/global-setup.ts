import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbedded } from '../src/store/embedded-database.ts';
import { findOrBuildFerretdb } from '../src/store/ferretdb-binary.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    mongoUri: string;
    /** PostgreSQL behind the embedded FerretDB ('' when MONGODB_URI points elsewhere). */
    pgUrl: string;
  }
}

/**
 * One real database for the whole run: MONGODB_URI when set, else heed's embedded stack (PostgreSQL +
 * FerretDB on it, random ports, fsync off) in a temporary folder.
 */
export default async function setup(project: TestProject) {
  if (process.env.MONGODB_URI) {
    project.provide('mongoUri', process.env.MONGODB_URI);
    project.provide('pgUrl', '');
    return;
  }
  const binary = await findOrBuildFerretdb(process.env, (m) => console.error(m));
  const dir = await mkdtemp(path.join(os.tmpdir(), 'heed-test-db-'));
  const db = await startEmbedded({
    dataDir: dir,
    ferretdbBinary: binary,
    pgBin: process.env.PG_BIN || undefined,
    durable: false,
  });
  project.provide('mongoUri', db.uri);
  project.provide('pgUrl', db.pgUrl);
  return async () => {
    await db.stop();
    await rm(dir, { recursive: true, force: true });
  };
}
