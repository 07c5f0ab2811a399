import type { FeedbackStore } from '../ports.ts';
import type { FeedbackKind } from '../types.ts';
import { createPeriodReader } from './period-data.ts';

const DAY_MS = 86_400_000;
const OPEN_REVIEW_LIMIT = 10_000;

/** The database-derived numbers `/metrics` shows, computed in the background, never during a scrape. */
export interface OpsCounts {
  /** Over the last 7 days (day summaries + the open day), so the cost does not grow with history. */
  interactions7d: number;
  feedback7d: Record<FeedbackKind | 'up' | 'down', number>;
  openReviews: number;
  knowledgePatterns: number;
}

export async function opsCounts(store: FeedbackStore, now: Date): Promise<OpsCounts> {
  // Up to and including `now`.
  const range = { from: new Date(now.getTime() - 7 * DAY_MS), to: new Date(now.getTime() + 1) };
  const [counts, open, knowledge] = await Promise.all([
    createPeriodReader(store, now).counts(range),
    store.reviews.list({ status: 'open', limit: OPEN_REVIEW_LIMIT }),
    store.knowledge.listLatest(),
  ]);
  return {
    interactions7d: counts.interactions,
    feedback7d: { ...counts.byKind, up: counts.up, down: counts.down },
    openReviews: open.length,
    knowledgePatterns: knowledge.length,
  };
}
