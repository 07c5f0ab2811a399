import type { Feedback, Review } from '../types.ts';
import type { PatternCounts } from './day-summary.ts';
import { ratio, round } from './stats.ts';
import type { PatternOpportunity, PendingCorrection, StaleReview } from './types.ts';

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

/** Corrections sitting in open reviews: they wait for a moderator to approve them into the knowledge base. */
export function pendingCorrections(
  open: readonly Review[],
  related: ReadonlyMap<string, Feedback[]>,
): PendingCorrection[] {
  return open
    .flatMap((review) =>
      (related.get(review.id) ?? []).flatMap((f) =>
        f.kind === 'correction'
          ? [
              {
                reviewId: review.id,
                feedbackId: f.id,
                question: review.question,
                text: f.value,
                userName: f.userName,
                at: f.updatedAt,
              },
            ]
          : [],
      ),
    )
    .sort((a, b) => a.at.getTime() - b.at.getTime());
}

/** Corrections waiting for approval, one entry per review: its question and how many wait there, first waiting first. */
export function waitingByReview(
  pending: readonly PendingCorrection[],
): { reviewId: string; question: string; count: number }[] {
  const waiting = new Map<string, { reviewId: string; question: string; count: number }>();
  for (const c of pending) {
    const entry = waiting.get(c.reviewId) ?? { reviewId: c.reviewId, question: c.question, count: 0 };
    entry.count++;
    waiting.set(c.reviewId, entry);
  }
  return [...waiting.values()];
}
