import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import type { Config } from '../config.ts';
import type { Logger } from '../core/ports.ts';
import { type EmbeddedDatabase, startFerretdb } from './embedded-ferretdb.ts';
import { findOrBuildFerretdb } from './ferretdb-binary.ts';
import { createMongoFeedbackStore, type MongoFeedbackStore } from './mongo-feedback-store.ts';

export interface OpenDatabase {
  store: MongoFeedbackStore;
  /** Set when this process started its own FerretDB (MONGODB_URI unset and none running). */
  embedded?: EmbeddedDatabase;
  close(): Promise<void>;
}

/** Where a running heed notes its embedded database, so `npx heed …` shares it instead of starting a second one. */
const MARKER = 'embedded-db.json';

/**
 * MONGODB_URI when set; otherwise the embedded FerretDB with its files under HEED_DATA_DIR — the one
 * another heed process already runs there, or a new one.
 */
export async function openDatabase(
  mongo: Config['mongo'],
  logger: Logger,
  env: NodeJS.ProcessEnv = process.env,
): Promise<OpenDatabase> {
  let embedded: EmbeddedDatabase | undefined;
  let uri = mongo.uri ?? (await runningEmbedded(mongo.dataDir));
  if (!uri) {
    const binary = await findOrBuildFerretdb({ ...env, FERRETDB_BIN: mongo.ferretdbBin }, (m) =>
      logger.info({}, m),
    );
    embedded = await startFerretdb({ binary, dataDir: mongo.dataDir });
    uri = embedded.uri;
    await writeFile(path.join(mongo.dataDir, MARKER), JSON.stringify({ uri, pid: process.pid }));
    logger.info(
      { dataDir: mongo.dataDir, port: embedded.port },
      'embedded database started (FerretDB, SQLite storage)',
    );
  }
  const stopEmbedded = async () => {
    if (!embedded) return;
    await embedded.stop();
    await rm(path.join(mongo.dataDir, MARKER), { force: true });
  };
  try {
    const store = await createMongoFeedbackStore({ uri, dbName: mongo.dbName });
    return {
      store,
      embedded,
      async close() {
        await store.close();
        await stopEmbedded();
      },
    };
  } catch (err) {
    await stopEmbedded();
    throw err;
  }
}

async function runningEmbedded(dataDir: string): Promise<string | undefined> {
  let uri: string;
  try {
    uri = (JSON.parse(await readFile(path.join(dataDir, MARKER), 'utf8')) as { uri: string }).uri;
  } catch {
    return undefined;
  }
  if (!/^mongodb:\/\/127\.0\.0\.1:\d+\/$/.test(uri)) return undefined;
  const client = new MongoClient(uri, { serverSelectionTimeoutMS: 500 });
  try {
    await client.db('admin').command({ ping: 1 });
    return uri;
  } catch {
    return undefined;
  } finally {
    await client.close().catch(() => {});
  }
}
