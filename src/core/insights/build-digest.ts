import type { FeedbackStore } from '../ports.ts';
import { periodLabel } from '../presentation/dates.ts';
import { quoted } from '../presentation/excerpt.ts';
import { percent } from '../presentation/percent.ts';
import { plural } from '../presentation/plural.ts';
import type { Digest } from '../views.ts';
import type { Clusterer } from './common-issues.ts';
import { computeInsights } from './compute-insights.ts';
import { periodsEndingWith } from './period.ts';
import { createPeriodReader } from './period-data.ts';
import { sparkline } from './sparkline.ts';
import { trendPeriod } from './trend-periods.ts';
import type { Insights } from './types.ts';

export interface DigestOptions {
  /** Zone of the schedule: trend periods step back by calendar weeks in it. Default UTC. */
  timezone?: string;
  /** Periods in the trend, this one included. Default 8. */
  trendPeriods?: number;
  /** Length of each trend period in calendar days. Default 7. */
  periodDays?: number;
  maxIssues?: number;
  maxCorrections?: number;
  maxOpportunities?: number;
  now?: Date;
  /** The wall clock (which days are closed and may be read from stored summaries); default: real time. */
  clock?: () => Date;
  cluster?: Clusterer;
}

/** The weekly digest for one period: numbers, trend, common issues, corrections, opportunities, reviews. */
export async function buildDigest(
  store: FeedbackStore,
  period: { from: Date; to: Date; key: string },
  opts: DigestOptions = {},
): Promise<Digest> {
  const tz = opts.timezone ?? 'UTC';
  const windows = periodsEndingWith(period, opts.trendPeriods ?? 8, tz, opts.periodDays);
  const previous = windows.length > 1 ? windows[windows.length - 2]! : undefined;
  const reader = createPeriodReader(store, opts.clock?.() ?? new Date());
  const [insights, ...counts] = await Promise.all([
    computeInsights(store, period, {
      previous,
      now: opts.now,
      clock: opts.clock,
      reader,
      maxIssues: opts.maxIssues ?? 5,
      cluster: opts.cluster,
    }),
    ...windows.map((w) => reader.counts(w)),
  ]);
  const periods = windows.map((w, i) => trendPeriod(w, counts[i]!, tz));
  const trend = periods.map((p) => p.positiveRate);
  return {
    periodKey: period.key,
    from: period.from,
    to: period.to,
    timezone: tz,
    periodLabel: periodLabel(period.from, period.to, tz),
    empty: insights.feedback === 0 && insights.interactions === 0,
    totals: {
      feedback: insights.feedback,
      up: insights.up,
      down: insights.down,
      corrections: insights.byKind.correction,
      ratings: insights.byKind.rating,
      interactions: insights.interactions,
    },
    positiveRate: insights.positiveRate,
    previousPositiveRate: insights.trend.previousPositiveRate,
    trend,
    sparkline: sparkline(trend),
    trendPeriods: periods,
    byPlatform: insights.byPlatform.map(({ platform, feedback, positiveRate }) => ({
      platform,
      feedback,
      positiveRate,
    })),
    commonIssues: insights.commonIssues.map(({ representative, frequency, samples }) => ({
      representative,
      frequency,
      samples,
    })),
    corrections: digestCorrections(insights, opts.maxCorrections ?? 10),
    opportunities: digestOpportunities(insights, opts.maxOpportunities ?? 3),
    reviewStats: {
      opened: insights.reviews.opened,
      resolved: insights.reviews.resolved,
      open: insights.reviews.open,
      medianHoursToResolve: insights.reviews.medianHoursToResolve,
    },
  };
}

/** Corrections of the period that are waiting for a moderator or were approved into the knowledge base. */
function digestCorrections(insights: Insights, max: number): Digest['corrections'] {
  return insights.corrections
    .flatMap((c) =>
      c.status === 'pending' || c.status === 'approved'
        ? [{ question: c.question, text: c.text, userName: c.userName, status: c.status }]
        : [],
    )
    .slice(0, max);
}

const QUOTE_MAX = 80;
const quote = (text: string) => quoted(text, QUOTE_MAX);

/** Up to `max` of each kind: worst patterns, stale reviews, corrections awaiting approval. */
function digestOpportunities(insights: Insights, max: number): Digest['opportunities'] {
  const { patterns, staleReviews, pendingCorrections } = insights.opportunities;
  return [
    ...patterns.slice(0, max).map((p) => ({
      description: `Improve answers to ${quote(p.question)}: ${p.negative} of ${p.total} reactions negative (${percent(p.negativeRate)})`,
      score: p.score,
    })),
    ...staleReviews.slice(0, max).map((r) => ({
      description: `Review of ${quote(r.question)} open for ${plural(r.ageDays, 'day')}`,
      score: r.ageDays,
    })),
    ...[...pendingCorrections]
      .sort((a, b) => b.count - a.count)
      .slice(0, max)
      .map((w) => ({
        description: `${plural(w.count, 'correction')} waiting for approval on ${quote(w.question)}`,
        score: w.count,
      })),
  ];
}
