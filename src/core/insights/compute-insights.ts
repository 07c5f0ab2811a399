import type { FeedbackStore } from '../ports.ts';
import type { Feedback, Interaction, Review, TimeRange } from '../types.ts';
import { type Clusterer, commonIssues, MAX_CLUSTERED } from './common-issues.ts';
import { daysOverlapping } from './day-summary.ts';
import { patternOpportunities, STALE_REVIEW_DAYS, staleReviews } from './opportunities.ts';
import { pendingCorrections } from './pending-corrections.ts';
import { previousRange } from './period.ts';
import { createPeriodReader, type PeriodReader } from './period-data.ts';
import { reviewStats } from './review-stats.ts';
import { ratio, round } from './stats.ts';
import type { CorrectionInsight, CorrectionStatus, Insights } from './types.ts';

/** How many open reviews are looked at; enough for any team, bounded for safety. */
const REVIEW_SCAN = 1000;
/** Corrections listed per range (newest first). */
const MAX_CORRECTIONS = 200;
/** Open reviews whose corrections are read for pending corrections. */
const OPEN_REVIEW_SCAN = 200;

export interface InsightsOptions {
  /** "Now" for the age of open reviews; defaults to the end of the range. */
  now?: Date;
  /** The wall clock: which days are closed (their stored summaries are used). Defaults to the real time. */
  clock?: () => Date;
  /** Shares day reads with other ranges of the same computation (the digest's trend). */
  reader?: PeriodReader;
  /** The period the positive-rate trend compares with; defaults to the equally long one before. */
  previous?: TimeRange;
  staleReviewDays?: number;
  maxIssues?: number;
  maxPatterns?: number;
  cluster?: Clusterer;
}

/**
 * Everything heed knows about a time range. Zero-safe: an empty range gives zeros and empty lists.
 * Reads closed days from their stored summaries and the rest by day bucket (see period-data.ts).
 */
export async function computeInsights(
  store: FeedbackStore,
  range: TimeRange,
  opts: InsightsOptions = {},
): Promise<Insights> {
  const previous = opts.previous ?? previousRange(range);
  const wall = opts.clock?.() ?? new Date();
  const reader = opts.reader ?? createPeriodReader(store, wall);
  const [period, before, opened, closedSince, open] = await Promise.all([
    reader.period(range, MAX_CLUSTERED, MAX_CORRECTIONS),
    reader.counts(previous),
    byDay(range, (day) => store.reviews.openedOnDay(day)),
    // Reviews closed from the range's start until now: closed in the range, or open at its end.
    byDay({ from: range.from, to: new Date(Math.max(wall.getTime(), range.to.getTime()) + 1) }, (day) =>
      store.reviews.closedOnDay(day),
    ),
    store.reviews.list({ status: 'open', limit: REVIEW_SCAN }),
  ]);
  const { counts, negatives } = period;
  const newest = negatives.slice(0, MAX_CLUSTERED);
  const correctionItems = period.corrections.slice(0, MAX_CORRECTIONS);
  const interactions = await interactionsOf(store, [...newest, ...correctionItems]);
  const questionOf = (f: Feedback) => interactions.get(f.interactionId)?.question ?? f.patternKey;
  const pending = await pendingCorrections(store, open.slice(0, OPEN_REVIEW_SCAN));
  const reviews = new Map([...open, ...closedSince].map((r) => [r.id, r]));
  const positiveRate = ratio(counts.up, counts.up + counts.down);
  const previousPositiveRate =
    before.up + before.down === 0 ? null : ratio(before.up, before.up + before.down);
  const patterns = patternOpportunities(period.patterns, opts.maxPatterns);
  const examples = await interactionsOf(
    store,
    patterns.map((p) => ({ interactionId: p.interactionId })),
  );
  return {
    range,
    interactions: counts.interactions,
    feedback: counts.feedback,
    up: counts.up,
    down: counts.down,
    positiveRate,
    byKind: counts.byKind,
    averageRating: counts.ratingCount === 0 ? 0 : round(counts.ratingSum / counts.ratingCount, 2),
    corrections: await corrections(store, correctionItems, questionOf, reviews),
    commonIssues: await commonIssues(newest, questionOf, {
      max: opts.maxIssues,
      cluster: opts.cluster,
    }),
    opportunities: {
      patterns: patterns.map(({ interactionId, ...p }) => ({
        ...p,
        question: examples.get(interactionId)?.question ?? p.patternKey,
      })),
      staleReviews: staleReviews(open, opts.now ?? range.to, opts.staleReviewDays ?? STALE_REVIEW_DAYS),
      pendingCorrections: pending,
    },
    trend: {
      previous,
      previousPositiveRate,
      change:
        previousPositiveRate === null || counts.up + counts.down === 0
          ? null
          : round(positiveRate - previousPositiveRate),
    },
    byPlatform: period.platforms
      .map((p) => ({ ...p, positiveRate: ratio(p.up, p.up + p.down) }))
      .sort((a, b) => b.feedback - a.feedback || a.platform.localeCompare(b.platform)),
    reviews: reviewStats(
      range,
      opened.filter((r) => r.createdAt >= range.from && r.createdAt < range.to),
      closedSince,
      open,
    ),
  };
}

/** One equality read per UTC day of the range, merged. */
async function byDay<T>(range: TimeRange, read: (day: string) => Promise<T[]>): Promise<T[]> {
  return (await Promise.all(daysOverlapping(range.from, range.to).map(read))).flat();
}

async function interactionsOf(store: FeedbackStore, feedback: readonly Pick<Feedback, 'interactionId'>[]) {
  const ids = [...new Set(feedback.map((f) => f.interactionId))];
  const found = ids.length === 0 ? [] : await store.interactions.getMany(ids);
  return new Map<string, Interaction>(found.map((i) => [i.id, i]));
}

async function corrections(
  store: FeedbackStore,
  items: readonly Feedback[],
  questionOf: (f: Feedback) => string,
  known: Map<string, Review>,
): Promise<CorrectionInsight[]> {
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
