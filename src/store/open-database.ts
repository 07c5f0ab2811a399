import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import type { Config } from '../config.ts';
import type { Logger, Metrics } from '../core/ports.ts';
import { readCredentials } from './db-credentials.ts';
import { DRIVER_MAX_POOL, type EmbeddedDatabase, startEmbedded } from './embedded-database.ts';
import { driverUri } from './embedded-ferretdb.ts';
import { findOrBuildFerretdb } from './ferretdb-binary.ts';
import { createMongoFeedbackStore, type MongoFeedbackStore } from './mongo-feedback-store.ts';
import { ensureGinIndexes } from './pg-indexes.ts';
import { unmigratedSqliteError } from './sqlite-data.ts';

export interface OpenDatabase {
  store: MongoFeedbackStore;
  /** Set when this process started its own database (MONGODB_URI unset and none running). */
  embedded?: EmbeddedDatabase;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** `heed db migrate`: open the new database although HEED_DATA_DIR still holds SQLite data. */
  allowSqliteData?: boolean;
  /** Counts the store's retried operations. */
  metrics?: Metrics;
}

/** Where a running heed notes its embedded database, so `npx heed …` shares it instead of starting a second one. */
const MARKER = 'embedded-db.json';

/**
 * MONGODB_URI when set; otherwise the embedded database (PostgreSQL + FerretDB) with its files under
 * HEED_DATA_DIR — the one another heed process already runs there, or a new one.
 */
export async function openDatabase(
  mongo: Config['mongo'],
  logger: Logger,
  env: NodeJS.ProcessEnv = process.env,
  options: OpenOptions = {},
): Promise<OpenDatabase> {
  let embedded: EmbeddedDatabase | undefined;
  let uri = mongo.uri;
  if (!uri) {
    const unmigrated = options.allowSqliteData ? undefined : await unmigratedSqliteError(mongo.dataDir);
    if (unmigrated) {
      logger.error({ dataDir: mongo.dataDir }, unmigrated.message);
      throw unmigrated;
    }
    uri = await runningEmbedded(mongo.dataDir);
  }
  if (!uri) {
    const binary = await findOrBuildFerretdb({ ...env, FERRETDB_BIN: mongo.ferretdbBin }, (m) =>
      logger.info({}, m),
    );
    const started = Date.now();
    embedded = await startEmbedded({
      dataDir: mongo.dataDir,
      ferretdbBinary: binary,
      pgBin: mongo.pgBin,
      log: (msg, fields) => logger.info(fields ?? {}, msg),
    });
    uri = embedded.uri;
    const note = { uri: driverUri(embedded.port), pgPort: embedded.pgPort, pid: process.pid };
    await writeFile(path.join(mongo.dataDir, MARKER), JSON.stringify(note), { mode: 0o600 });
    logger.info(
      { dataDir: mongo.dataDir, port: embedded.port, pgPort: embedded.pgPort, ms: Date.now() - started },
      'embedded database started (FerretDB 1.24 on PostgreSQL)',
    );
  }
  const stopEmbedded = async () => {
    if (!embedded) return;
    await embedded.stop();
    await rm(path.join(mongo.dataDir, MARKER), { force: true });
  };
  try {
    const store = await createMongoFeedbackStore({ uri, dbName: mongo.dbName, metrics: options.metrics });
    if (embedded) {
      const created = await ensureGinIndexes(store.db, embedded.pgUrl).catch(async (err) => {
        await store.close();
        throw err;
      });
      if (created.length) logger.info({ count: created.length }, 'GIN indexes created for equality lookups');
    }
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

/** The URI (with the data folder's credentials) of the embedded database another process runs, if any. */
async function runningEmbedded(dataDir: string): Promise<string | undefined> {
  let port: number;
  try {
    const note = JSON.parse(await readFile(path.join(dataDir, MARKER), 'utf8')) as { uri?: string };
    port = Number(/^mongodb:\/\/127\.0\.0\.1:(\d+)\/$/.exec(note.uri ?? '')?.[1]);
  } catch {
    return undefined;
  }
  const creds = await readCredentials(dataDir).catch(() => undefined);
  if (!port || !creds) return undefined;
  const uri = driverUri(port, creds, { maxPoolSize: String(DRIVER_MAX_POOL) });
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
