import type { Review } from '../types.ts';
import type { PatternCounts } from './day-summary.ts';
import { ratio, round } from './stats.ts';
import type { PatternOpportunity, StaleReview } from './types.ts';

export const STALE_REVIEW_DAYS = 3;
const DAY_MS = 86_400_000;

/** Patterns ranked by negative volume × negative rate: many complaints that are also most of the feedback. */
export function patternOpportunities(
  patterns: readonly PatternCounts[],
  max = 10,
): (Omit<PatternOpportunity, 'question'> & { interactionId: string })[] {
  return patterns
    .filter((g) => g.negative > 0)
    .map((g) => {
      const negativeRate = ratio(g.negative, g.total);
      return { ...g, negativeRate, score: round(g.negative * negativeRate, 2) };
    })
    .sort((a, b) => b.score - a.score || b.negative - a.negative || a.patternKey.localeCompare(b.patternKey))
    .slice(0, max);
}

/** Open reviews raised more than `days` days before `now`, oldest first. */
export function staleReviews(open: readonly Review[], now: Date, days = STALE_REVIEW_DAYS): StaleReview[] {
  return open
    .filter((r) => now.getTime() - r.createdAt.getTime() > days * DAY_MS)
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
    .map((r) => ({
      reviewId: r.id,
      question: r.question,
      openedAt: r.createdAt,
      ageDays: Math.floor((now.getTime() - r.createdAt.getTime()) / DAY_MS),
    }));
}
