import { type Db, MongoClient } from 'mongodb';
import type { FeedbackStore } from '../core/ports.ts';
import { createDeliveryRepository } from './deliveries-repo.ts';
import { DIGEST_INDEXES } from './digests-repo.ts';
import { createFeedbackRepository } from './feedback-repo.ts';
import { ensureIndexes } from './indexes.ts';
import { createInstructionsRepository } from './instructions-repo.ts';
import { createInteractionRepository } from './interactions-repo.ts';
import { createKnowledgeRepository } from './knowledge-repo.ts';
import { createReviewRepository } from './reviews-repo.ts';

export interface MongoFeedbackStore extends FeedbackStore {
  readonly db: Db;
  readonly client: MongoClient;
  close(): Promise<void>;
}

export function storeForDb(db: Db, client: MongoClient): MongoFeedbackStore {
  return {
    db,
    client,
    interactions: createInteractionRepository(db),
    feedback: createFeedbackRepository(db),
    reviews: createReviewRepository(db),
    knowledge: createKnowledgeRepository(db),
    instructions: createInstructionsRepository(db),
    deliveries: createDeliveryRepository(db),
    close: () => client.close(),
  };
}

/** Connects, creates collections and indexes (idempotent), and returns the repositories. */
export async function createMongoFeedbackStore(opts: {
  uri: string;
  dbName: string;
}): Promise<MongoFeedbackStore> {
  const client = new MongoClient(opts.uri, { serverSelectionTimeoutMS: 10_000, appName: 'heed' });
  await client.connect();
  const db = client.db(opts.dbName);
  await ensureIndexes(db, DIGEST_INDEXES);
  return storeForDb(db, client);
}
