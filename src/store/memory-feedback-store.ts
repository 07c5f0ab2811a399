import type { DaySummary } from '../core/insights/day-summary.ts';
import type { FeedbackStore } from '../core/ports.ts';
import { copy } from './memory/ids.ts';
import { memoryFeedback } from './memory/memory-feedback.ts';
import { memoryInteractions } from './memory/memory-interactions.ts';
import { memoryInstructions, memoryKnowledge } from './memory/memory-knowledge.ts';
import { memoryReviews } from './memory/memory-reviews.ts';

/**
 * The whole store port in memory, for core tests that need no database and for trying heed's logic
 * in a REPL. It passes the same contract suite as the MongoDB store (test/store/contract/); it keeps
 * nothing across restarts and serialises nothing, so it is never the production store.
 */
export function createMemoryFeedbackStore(): FeedbackStore {
  const deliveries = new Set<string>();
  const rollups = new Map<string, DaySummary>();
  return {
    interactions: memoryInteractions(),
    feedback: memoryFeedback(),
    reviews: memoryReviews(),
    knowledge: memoryKnowledge(),
    instructions: memoryInstructions(),
    deliveries: {
      async claim(key) {
        if (deliveries.has(key)) return false;
        deliveries.add(key);
        return true;
      },
    },
    rollups: {
      async get(day) {
        const s = rollups.get(day);
        return s ? copy(s) : null;
      },
      async put(summary) {
        if (!rollups.has(summary.day)) rollups.set(summary.day, copy(summary));
        return copy(rollups.get(summary.day)!);
      },
      async invalidate(day) {
        rollups.delete(day);
      },
    },
  };
}
