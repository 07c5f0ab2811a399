import { type Db, MongoClient, type MongoClientOptions } from 'mongodb';
import { type FeedbackStore, type Metrics, noMetrics } from '../core/ports.ts';
import { backfillDays } from './backfill-days.ts';
import { createDeliveryRepository } from './deliveries-repo.ts';
import { createDigestRepository, DIGEST_INDEXES } from './digests-repo.ts';
import { createEmbeddingCacheRepository } from './embeddings-cache-repo.ts';
import { createExportSource } from './export-source.ts';
import { createFeedbackRepository } from './feedback-repo.ts';
import { claimHourBuckets } from './hour-buckets.ts';
import { ensureIndexes } from './indexes.ts';
import { createInstructionsRepository } from './instructions-repo.ts';
import { createInteractionRepository } from './interactions-repo.ts';
import { createKnowledgeRepository } from './knowledge-repo.ts';
import { createLeaseRepository } from './locks-repo.ts';
import { createPrivacyRepository } from './mongo-privacy.ts';
import { retryingDb } from './retrying-db.ts';
import { createReviewRepository } from './reviews-repo.ts';
import { createRollupRepository } from './rollups-repo.ts';

export interface MongoFeedbackStore extends FeedbackStore {
  readonly db: Db;
  readonly client: MongoClient;
  /** A round trip to the server (health checks). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** The repositories over `db`; every collection retries transient failures (counted in `metrics`). */
export function storeForDb(rawDb: Db, client: MongoClient, metrics: Metrics = noMetrics): MongoFeedbackStore {
  const db = retryingDb(rawDb, (err) =>
    metrics.inc('store_retries_total', { error: (err as Error).name || 'Error' }),
  );
  return {
    db,
    client,
    interactions: createInteractionRepository(db),
    feedback: createFeedbackRepository(db),
    reviews: createReviewRepository(db),
    knowledge: createKnowledgeRepository(db),
    instructions: createInstructionsRepository(db),
    deliveries: createDeliveryRepository(db),
    rollups: createRollupRepository(db),
    digests: createDigestRepository(db),
    leases: createLeaseRepository(db),
    exports: createExportSource(db),
    privacy: createPrivacyRepository(db),
    embeddings: createEmbeddingCacheRepository(db),
    ping: async () => {
      await rawDb.command({ ping: 1 });
    },
    close: () => client.close(),
  };
}

/** Connects, creates collections and indexes (idempotent), and returns the repositories. */
export async function createMongoFeedbackStore(opts: {
  uri: string;
  dbName: string;
  /** e.g. `maxPoolSize` for the embedded server, whose updates hold two of its connections each. */
  clientOptions?: MongoClientOptions;
  metrics?: Metrics;
}): Promise<MongoFeedbackStore> {
  const client = new MongoClient(opts.uri, {
    serverSelectionTimeoutMS: 10_000,
    appName: 'heed',
    ...opts.clientOptions,
  });
  await client.connect();
  const db = client.db(opts.dbName);
  await prepareDatabase(db);
  return storeForDb(db, client, opts.metrics);
}

/** What every start does before serving (idempotent): indexes, day buckets on old documents, the hour-bucket record. */
export async function prepareDatabase(db: Db): Promise<void> {
  await ensureIndexes(db, DIGEST_INDEXES);
  await backfillDays(db);
  await claimHourBuckets(db);
}
