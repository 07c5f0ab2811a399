import { randomBytes } from 'node:crypto';
import { type Db, MongoClient } from 'mongodb';
import { afterAll, inject } from 'vitest';
import {
  type MongoFeedbackStore,
  prepareDatabase,
  storeForDb,
} from '../../src/store/mongo-feedback-store.ts';
import { ensureGinIndexes } from '../../src/store/pg-indexes.ts';

export function testMongoUri(): string {
  return inject('mongoUri');
}

/** The run's PostgreSQL behind the embedded FerretDB; undefined when MONGODB_URI points elsewhere. */
export function testPgUrl(): string | undefined {
  return inject('pgUrl') || undefined;
}

/** On the embedded server, the GIN indexes heed's own start creates (a no-op against MongoDB). */
export async function ensureTestGinIndexes(db: Db): Promise<void> {
  const pgUrl = testPgUrl();
  if (pgUrl) await ensureGinIndexes(db, pgUrl);
}

/** A fresh database on the run's real server, dropped after the file. */
export async function openTestStore(prefix = 't'): Promise<MongoFeedbackStore> {
  const client = new MongoClient(testMongoUri());
  await client.connect();
  const db = client.db(`${prefix}_${randomBytes(4).toString('hex')}`);
  await prepareDatabase(db);
  await ensureTestGinIndexes(db);
  afterAll(async () => {
    await db.dropDatabase().catch(() => {});
    await client.close();
  });
  return storeForDb(db, client);
}

/** A store on a database a test gave heed by name (MONGODB_DB), dropped after the file. */
export async function storeOnNamedDb(dbName: string): Promise<MongoFeedbackStore> {
  const client = new MongoClient(testMongoUri());
  await client.connect();
  const db = client.db(dbName);
  afterAll(async () => {
    await db.dropDatabase().catch(() => {});
    await client.close();
  });
  return storeForDb(db, client);
}
