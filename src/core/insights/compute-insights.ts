import type { FeedbackStore } from '../ports.ts';
import { isNegative } from '../review-policy.ts';
import type { Feedback, Interaction, Review, TimeRange } from '../types.ts';
import { type Clusterer, commonIssues } from './common-issues.ts';
import {
  patternOpportunities,
  pendingCorrections,
  STALE_REVIEW_DAYS,
  staleReviews,
} from './opportunities.ts';
import { previousRange } from './period.ts';
import { reviewStats } from './review-stats.ts';
import { averageRating, byPlatform, countByKind, positiveRateOrNull, round, voteCounts } from './stats.ts';
import type { CorrectionInsight, CorrectionStatus, Insights } from './types.ts';

/** How many open / closed reviews are looked at; enough for any team, bounded for safety. */
const REVIEW_SCAN = 1000;
/** Open reviews whose related feedback is read for pending corrections. */
const OPEN_REVIEW_SCAN = 200;

export interface InsightsOptions {
  /** "Now" for the age of open reviews; defaults to the end of the range. */
  now?: Date;
  /** The period the positive-rate trend compares with; defaults to the equally long one before. */
  previous?: TimeRange;
  staleReviewDays?: number;
  maxIssues?: number;
  maxPatterns?: number;
  cluster?: Clusterer;
}

/** Everything heed knows about a time range. Zero-safe: an empty range gives zeros and empty lists. */
export async function computeInsights(
  store: FeedbackStore,
  range: TimeRange,
  opts: InsightsOptions = {},
): Promise<Insights> {
  const previous = opts.previous ?? previousRange(range);
  const [feedback, before, interactionCount, opened, open, resolved, dismissed] = await Promise.all([
    store.feedback.inRange(range),
    store.feedback.inRange(previous),
    store.interactions.countInRange(range),
    store.reviews.inRange(range),
    store.reviews.list({ status: 'open', limit: REVIEW_SCAN }),
    store.reviews.list({ status: 'resolved', limit: REVIEW_SCAN }),
    store.reviews.list({ status: 'dismissed', limit: REVIEW_SCAN }),
  ]);
  const interactions = await interactionsOf(store, feedback);
  const questionOf = (f: Feedback) => interactions.get(f.interactionId)?.question ?? f.patternKey;
  const questionOfPattern = patternQuestions(feedback, questionOf);
  const related = new Map<string, Feedback[]>();
  await Promise.all(
    open.slice(0, OPEN_REVIEW_SCAN).map(async (r) => related.set(r.id, await store.feedback.forReview(r.id))),
  );
  const reviews = new Map([...open, ...resolved, ...dismissed].map((r) => [r.id, r]));
  const votes = voteCounts(feedback);
  const previousPositiveRate = positiveRateOrNull(before);
  return {
    range,
    interactions: interactionCount,
    feedback: feedback.length,
    ...votes,
    byKind: countByKind(feedback),
    averageRating: averageRating(feedback),
    corrections: await corrections(store, feedback, questionOf, reviews),
    commonIssues: commonIssues(feedback.filter(isNegative), questionOf, {
      max: opts.maxIssues,
      cluster: opts.cluster,
    }),
    opportunities: {
      patterns: patternOpportunities(feedback, questionOfPattern, opts.maxPatterns),
      staleReviews: staleReviews(open, opts.now ?? range.to, opts.staleReviewDays ?? STALE_REVIEW_DAYS),
      pendingCorrections: pendingCorrections(open, related),
    },
    trend: {
      previous,
      previousPositiveRate,
      change:
        previousPositiveRate === null || votes.up + votes.down === 0
          ? null
          : round(votes.positiveRate - previousPositiveRate),
    },
    byPlatform: byPlatform(feedback),
    reviews: reviewStats(range, opened, [...resolved, ...dismissed], open),
  };
}

async function interactionsOf(store: FeedbackStore, feedback: readonly Feedback[]) {
  const ids = [...new Set(feedback.map((f) => f.interactionId))];
  const found = ids.length === 0 ? [] : await store.interactions.getMany(ids);
  return new Map<string, Interaction>(found.map((i) => [i.id, i]));
}

function patternQuestions(feedback: readonly Feedback[], questionOf: (f: Feedback) => string) {
  const byPattern = new Map<string, string>();
  for (const f of feedback) if (!byPattern.has(f.patternKey)) byPattern.set(f.patternKey, questionOf(f));
  return (patternKey: string) => byPattern.get(patternKey) ?? patternKey;
}

async function corrections(
  store: FeedbackStore,
  feedback: readonly Feedback[],
  questionOf: (f: Feedback) => string,
  known: Map<string, Review>,
): Promise<CorrectionInsight[]> {
  const items = feedback.filter((f) => f.kind === 'correction');
  for (const id of new Set(items.flatMap((f) => (f.reviewId ? [f.reviewId] : [])))) {
    if (!known.has(id)) {
      const review = await store.reviews.get(id);
      if (review) known.set(id, review);
    }
  }
  return items
    .map((f) => ({
      feedbackId: f.id,
      interactionId: f.interactionId,
      question: questionOf(f),
      text: String(f.value),
      userId: f.userId,
      userName: f.userName,
      at: f.updatedAt,
      reviewId: f.reviewId,
      status: correctionStatus(f.reviewId ? known.get(f.reviewId) : undefined),
    }))
    .sort((a, b) => b.at.getTime() - a.at.getTime());
}

function correctionStatus(review: Review | undefined): CorrectionStatus {
  if (!review) return 'unreviewed';
  if (review.status === 'open') return 'pending';
  if (review.status === 'dismissed') return 'dismissed';
  return review.resolution?.action === 'apply_correction' ? 'approved' : 'resolved';
}
