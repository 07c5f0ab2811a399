import { randomBytes } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { afterAll } from 'vitest';
import { prepareDatabase, storeForDb } from '../../src/store/mongo-feedback-store.ts';
import { ensureTestGinIndexes, testMongoUri } from '../helpers/db.ts';
import { storeContract } from './contract/store-contract.ts';

const client = new MongoClient(testMongoUri());
const dbs: string[] = [];
afterAll(async () => {
  for (const name of dbs)
    await client
      .db(name)
      .dropDatabase()
      .catch(() => {});
  await client.close();
});

storeContract('MongoDB driver on the real server', async () => {
  const name = `contract_${randomBytes(4).toString('hex')}`;
  dbs.push(name);
  const db = client.db(name);
  await prepareDatabase(db);
  await ensureTestGinIndexes(db);
  return storeForDb(db, client);
});
