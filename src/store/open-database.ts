import type { Config } from '../config.ts';
import type { Logger } from '../core/ports.ts';
import { type EmbeddedDatabase, startFerretdb } from './embedded-ferretdb.ts';
import { findOrBuildFerretdb } from './ferretdb-binary.ts';
import { createMongoFeedbackStore, type MongoFeedbackStore } from './mongo-feedback-store.ts';

export interface OpenDatabase {
  store: MongoFeedbackStore;
  /** Set when heed started its own FerretDB (MONGODB_URI unset). */
  embedded?: EmbeddedDatabase;
  close(): Promise<void>;
}

/** MONGODB_URI when set; otherwise the embedded FerretDB with its files under HEED_DATA_DIR. */
export async function openDatabase(
  mongo: Config['mongo'],
  logger: Logger,
  env: NodeJS.ProcessEnv = process.env,
): Promise<OpenDatabase> {
  let embedded: EmbeddedDatabase | undefined;
  let uri = mongo.uri;
  if (!uri) {
    const binary = await findOrBuildFerretdb({ ...env, FERRETDB_BIN: mongo.ferretdbBin }, (m) =>
      logger.info({}, m),
    );
    embedded = await startFerretdb({ binary, dataDir: mongo.dataDir });
    uri = embedded.uri;
    logger.info(
      { dataDir: mongo.dataDir, port: embedded.port },
      'embedded database started (FerretDB, SQLite storage)',
    );
  }
  try {
    const store = await createMongoFeedbackStore({ uri, dbName: mongo.dbName });
    return {
      store,
      embedded,
      async close() {
        await store.close();
        await embedded?.stop();
      },
    };
  } catch (err) {
    await embedded?.stop();
    throw err;
  }
}
