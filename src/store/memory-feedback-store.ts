import type { FeedbackStore } from '../core/ports.ts';
import { memoryEmbeddings } from './memory/memory-embeddings.ts';
import { memoryExports } from './memory/memory-exports.ts';
import { memoryFeedback } from './memory/memory-feedback.ts';
import { memoryInteractions } from './memory/memory-interactions.ts';
import { memoryInstructions, memoryKnowledge } from './memory/memory-knowledge.ts';
import { memoryPrivacy } from './memory/memory-privacy.ts';
import { memoryReviews } from './memory/memory-reviews.ts';
import { memoryRollups } from './memory/memory-rollups.ts';
import { memoryDeliveries, memoryDigests, memoryLeases } from './memory/memory-scheduling.ts';
import { memoryTables } from './memory/tables.ts';

/**
 * The whole store port in memory, for tests that need no database and for trying heed's logic in a
 * REPL. It passes the same contract suite as the MongoDB store (test/store/contract/); it keeps
 * nothing across restarts and serialises nothing, so it is never the production store.
 */
export function createMemoryFeedbackStore(): FeedbackStore {
  const t = memoryTables();
  return {
    interactions: memoryInteractions(t),
    feedback: memoryFeedback(t),
    reviews: memoryReviews(t),
    knowledge: memoryKnowledge(t),
    instructions: memoryInstructions(t),
    deliveries: memoryDeliveries(t),
    rollups: memoryRollups(t),
    digests: memoryDigests(t),
    leases: memoryLeases(t),
    exports: memoryExports(t),
    privacy: memoryPrivacy(t),
    embeddings: memoryEmbeddings(t),
  };
}
