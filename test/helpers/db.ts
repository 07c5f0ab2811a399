import { randomBytes } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { afterAll, inject } from 'vitest';
import { DIGEST_INDEXES } from '../../src/store/digests-repo.ts';
import { ensureIndexes } from '../../src/store/indexes.ts';
import { type MongoFeedbackStore, storeForDb } from '../../src/store/mongo-feedback-store.ts';

export function testMongoUri(): string {
  return inject('mongoUri');
}

/** A fresh database on the run's real server, dropped after the file. */
export async function openTestStore(prefix = 't'): Promise<MongoFeedbackStore> {
  const client = new MongoClient(testMongoUri());
  await client.connect();
  const db = client.db(`${prefix}_${randomBytes(4).toString('hex')}`);
  await ensureIndexes(db, DIGEST_INDEXES);
  afterAll(async () => {
    await db.dropDatabase().catch(() => {});
    await client.close();
  });
  return storeForDb(db, client);
}
