import path from 'node:path';
import type { Config } from '../config.ts';
import type { Logger } from '../core/ports.ts';
import { findOrBuildFerretdb } from './ferretdb-binary.ts';
import { type CollectionCopy, migrateSqlite } from './migrate-sqlite.ts';
import { openDatabase } from './open-database.ts';
import { sqliteDataFiles } from './sqlite-data.ts';

export interface MigrationProgress {
  /** Setup notes (e.g. FerretDB being built for reading the old files). */
  note(message: string): void;
  /** The database is open and copying `files` starts. */
  start(files: string[]): void;
  collection(copy: CollectionCopy): void;
}

/**
 * `heed db migrate`: copies the SQLite-backed data in HEED_DATA_DIR into the database heed opens now (the
 * embedded PostgreSQL-backed one, or MONGODB_URI), so that the CLI never handles the driver itself.
 * Returns what each collection got, or null when the folder holds no SQLite data.
 */
export async function migrateDataDir(
  mongo: Config['mongo'],
  logger: Logger,
  env: NodeJS.ProcessEnv,
  progress: MigrationProgress,
): Promise<CollectionCopy[] | null> {
  const dataDir = path.resolve(mongo.dataDir);
  const files = await sqliteDataFiles(dataDir);
  if (files.length === 0) return null;
  const ferretdbBinary = await findOrBuildFerretdb(
    { ...env, FERRETDB_BIN: mongo.ferretdbBin },
    progress.note,
  );
  const database = await openDatabase(mongo, logger, env, { allowSqliteData: true });
  try {
    progress.start(files);
    return await migrateSqlite({
      dataDir,
      ferretdbBinary,
      target: database.store.client,
      onCollection: progress.collection,
    });
  } finally {
    await database.close();
  }
}
