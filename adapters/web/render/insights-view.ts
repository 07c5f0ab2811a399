import { renderDigestText } from '../../../src/core/insights/digest-text.ts';
import type { Insights } from '../../../src/core/insights/types.ts';
import {
  actorName,
  digestPeriodLabel,
  hoursText,
  percent,
  percentPoints,
  plural,
  shortDateTime,
  trendVs,
} from '../../../src/core/presentation/index.ts';
import { REASON_LABELS, type Reason } from '../../../src/core/types.ts';
import type { Digest } from '../../../src/core/views.ts';

/** What the playground's Insights pane shows: every label and number already written for a person. */
export interface DashboardView {
  /** e.g. "Last 7 days". */
  title: string;
  /** e.g. "Nov 25, 09:00 – Dec 2, 09:00 UTC", in the digest's zone (DIGEST_TZ). */
  rangeLabel: string;
  /** e.g. "vs the 7 days before". */
  comparedWith: string;
  empty: boolean;
  headlines: HeadlineView[];
  chart: { url: string; alt: string; caption: string } | null;
  reviews: StatView[];
  platforms: { platform: string; feedback: string; positiveRate: string }[];
  issues: IssueView[];
  opportunities: OpportunityView[];
  corrections: CorrectionRow[];
  digest: { title: string; text: string } | null;
}

interface ChangeView {
  text: string;
  /** good / bad colour the change; neutral for volumes, where more is neither. */
  tone: 'good' | 'bad' | 'neutral';
}

interface HeadlineView {
  id: 'positive-rate' | 'feedback' | 'answers' | 'corrections' | 'rating';
  label: string;
  value: string;
  detail: string;
  change: ChangeView | null;
}

interface StatView {
  label: string;
  value: string;
}

interface IssueView {
  question: string;
  frequency: number;
  reasons: { label: string; count: number }[];
  comments: string[];
}

interface OpportunityView {
  kind: 'pattern' | 'stale-review' | 'pending-corrections';
  title: string;
  detail: string;
  /** The review to open for it, when there is one. */
  review: { id: string; label: string } | null;
}

interface CorrectionRow {
  question: string;
  text: string;
  by: string;
  status: string;
}

export const CHART_URL = '/api/insights/chart.svg';

/** The rate of a period, null when it had no votes (its 0 is then no rate at all). */
const voteRate = (i: Pick<Insights, 'up' | 'down' | 'positiveRate'>) =>
  i.up + i.down === 0 ? null : i.positiveRate;

function countChange(now: number, before: number, against: string): ChangeView {
  const diff = now - before;
  if (diff === 0) return { text: `same as ${against}`, tone: 'neutral' };
  return {
    text: `${diff > 0 ? '+' : '−'}${Math.abs(diff).toLocaleString('en-US')} vs ${against}`,
    tone: 'neutral',
  };
}

/** The shared trend wording ("▲ 7 pts vs the 7 days before"); coloured by the points shown, not the raw rates. */
function rateChange(now: Insights, before: Insights, against: string): ChangeView | null {
  const rate = voteRate(now);
  if (rate === null) return null;
  const points = percentPoints(rate, voteRate(before));
  return {
    text: trendVs(rate, voteRate(before), against),
    tone: points === null || points === 0 ? 'neutral' : points > 0 ? 'good' : 'bad',
  };
}

function headlines(now: Insights, before: Insights, against: string): HeadlineView[] {
  const votes = now.up + now.down;
  const ratings = now.byKind.rating;
  const pending = now.corrections.filter((c) => c.status === 'pending').length;
  return [
    {
      id: 'positive-rate',
      label: 'Positive rate',
      value: percent(voteRate(now)),
      detail: votes === 0 ? 'no votes yet' : `${now.up} 👍 · ${now.down} 👎`,
      change: rateChange(now, before, against),
    },
    {
      id: 'feedback',
      label: 'Feedback received',
      value: now.feedback.toLocaleString('en-US'),
      detail: `${plural(now.byKind.vote, 'vote')} · ${plural(now.byKind.correction, 'correction')} · ${plural(ratings, 'rating')}`,
      change: countChange(now.feedback, before.feedback, against),
    },
    {
      id: 'answers',
      label: 'Questions answered',
      value: now.interactions.toLocaleString('en-US'),
      detail:
        now.interactions === 0
          ? 'nobody asked yet'
          : `${(Math.round((now.feedback / now.interactions) * 10) / 10).toLocaleString('en-US')} reactions per answer`,
      change: countChange(now.interactions, before.interactions, against),
    },
    {
      id: 'corrections',
      label: 'Corrections suggested',
      value: now.byKind.correction.toLocaleString('en-US'),
      detail: pending === 0 ? 'none waiting for a moderator' : `${pending} waiting for a moderator`,
      change: countChange(now.byKind.correction, before.byKind.correction, against),
    },
    {
      id: 'rating',
      label: 'Average rating',
      value: ratings === 0 ? '—' : `${now.averageRating.toFixed(1)} / 5`,
      detail: ratings === 0 ? 'no ratings yet' : `from ${plural(ratings, 'rating')}`,
      change: null,
    },
  ];
}

function reasons(counts: Partial<Record<Reason, number>>): IssueView['reasons'] {
  return (Object.entries(counts) as [Reason, number][])
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .map(([reason, count]) => ({ label: REASON_LABELS[reason] ?? reason, count }));
}

/** The worst patterns (linked to their open review), stale reviews, corrections waiting for approval. */
function opportunities(now: Insights, openReviews: Map<string, string>): OpportunityView[] {
  const { patterns, staleReviews, pendingCorrections } = now.opportunities;
  return [
    ...patterns.slice(0, 5).map((p): OpportunityView => {
      const reviewId = openReviews.get(p.patternKey);
      return {
        kind: 'pattern',
        title: p.question,
        detail: `${p.negative} of ${p.total} reactions negative (${percent(p.negativeRate)})`,
        review: reviewId ? { id: reviewId, label: 'Open its review' } : null,
      };
    }),
    ...staleReviews.slice(0, 5).map(
      (r): OpportunityView => ({
        kind: 'stale-review',
        title: r.question,
        detail: `Review open for ${plural(r.ageDays, 'day')}`,
        review: { id: r.reviewId, label: 'Resolve it' },
      }),
    ),
    ...pendingCorrections.slice(0, 5).map(
      (w): OpportunityView => ({
        kind: 'pending-corrections',
        title: w.question,
        detail: `${plural(w.count, 'correction')} waiting for approval`,
        review: { id: w.reviewId, label: 'Review the corrections' },
      }),
    ),
  ];
}

const CORRECTION_STATUS: Record<string, string> = {
  pending: 'Waiting for a moderator',
  approved: 'Added to the knowledge base',
  dismissed: 'Dismissed',
  resolved: 'Review closed otherwise',
  unreviewed: 'Not reviewed',
};

export interface DashboardInput {
  days: number;
  now: Insights;
  before: Insights;
  /** Open review id by pattern key, for the patterns among the opportunities. */
  openReviews: Map<string, string>;
  /** The digest preview; its zone (DIGEST_TZ) is the one the range is shown in (UTC without one). */
  digest: Digest | null;
}

export function dashboardView({ days, now, before, openReviews, digest }: DashboardInput): DashboardView {
  const against = `the ${days} days before`;
  const r = now.reviews;
  const periods = digest?.trendPeriods ?? [];
  // The zone the digest's periods are cut in (DIGEST_TZ), so the pane and the digest show the same times.
  const tz = digest?.timezone ?? 'UTC';
  return {
    title: `Last ${days} days`,
    rangeLabel: `${shortDateTime(now.range.from, tz)} – ${shortDateTime(now.range.to, tz)} ${tz}`,
    comparedWith: `Changes compare with ${against}.`,
    empty: now.feedback === 0 && now.interactions === 0,
    headlines: headlines(now, before, against),
    chart:
      digest && (digest.trend.some((t) => t !== null) || periods.some((p) => p.feedback > 0))
        ? {
            url: CHART_URL,
            alt: `Weekly positive rate, oldest first: ${digest.trend.map((t) => percent(t, 'no votes')).join(', ')}${periods.length ? `; feedback per week: ${periods.map((p) => p.feedback).join(', ')}` : ''}.`,
            caption: 'The same chart the weekly digest posts to Slack and Discord.',
          }
        : null,
    reviews: [
      { label: 'Opened / resolved', value: `${r.opened} / ${r.resolved}` },
      { label: 'Open now', value: String(r.open) },
      { label: 'Dismissed', value: String(r.dismissed) },
      {
        label: 'Median time to resolve',
        value: hoursText(r.medianHoursToResolve),
      },
    ],
    platforms: now.byPlatform.map((p) => ({
      platform: p.platform === 'web' ? 'Playground' : p.platform === 'slack' ? 'Slack' : 'Discord',
      feedback: plural(p.feedback, 'reaction'),
      positiveRate: percent(voteRate(p)),
    })),
    issues: now.commonIssues.map((i) => ({
      question: i.representative,
      frequency: i.frequency,
      reasons: reasons(i.reasons),
      comments: i.samples,
    })),
    opportunities: opportunities(now, openReviews),
    corrections: now.corrections.slice(0, 10).map((c) => ({
      question: c.question,
      text: c.text,
      by: actorName({ name: c.userName, userId: c.userId }),
      status: CORRECTION_STATUS[c.status] ?? c.status,
    })),
    digest: digest
      ? { title: `Digest for ${digestPeriodLabel(digest)}`, text: renderDigestText(digest) }
      : null,
  };
}
