import { describe, expect, it } from 'vitest';
import { type DashboardInput, dashboardView } from '../../../adapters/web/render/insights-view.ts';
import type { Insights } from '../../../src/core/insights/types.ts';
import type { Digest } from '../../../src/core/views.ts';

const from = new Date('2026-11-01T23:30:00Z');
const to = new Date('2026-11-08T23:30:00Z');

function insights(over: Partial<Insights> = {}): Insights {
  return {
    range: { from, to },
    up: 0,
    down: 0,
    positiveRate: 0,
    interactions: 0,
    feedback: 0,
    byKind: { vote: 0, rating: 0, correction: 0 },
    averageRating: 0,
    corrections: [],
    commonIssues: [],
    opportunities: { patterns: [], staleReviews: [], pendingCorrections: [] },
    trend: { previous: { from, to }, previousPositiveRate: null, change: null },
    byPlatform: [],
    reviews: { opened: 0, resolved: 0, dismissed: 0, open: 0, medianHoursToResolve: null },
    ...over,
  };
}

const votes = (up: number, down: number) => ({ up, down, positiveRate: up / (up + down) });

const digest: Digest = {
  periodKey: '2026-11-09T00:00',
  from,
  to,
  timezone: 'Europe/Berlin',
  periodLabel: '2026-11-02 – 2026-11-09',
  empty: false,
  totals: { feedback: 9, up: 7, down: 2, corrections: 0, ratings: 0, interactions: 3 },
  positiveRate: 7 / 9,
  previousPositiveRate: null,
  trend: [null, 0.5, 7 / 9],
  sparkline: '',
  byPlatform: [],
  commonIssues: [],
  corrections: [],
  opportunities: [],
  reviewStats: { opened: 0, resolved: 0, open: 0, medianHoursToResolve: null },
};

const view = (over: Partial<DashboardInput>) =>
  dashboardView({
    days: 7,
    now: insights(),
    before: insights(),
    openReviews: new Map(),
    digest: null,
    ...over,
  });
const rate = (v: ReturnType<typeof view>) => v.headlines.find((h) => h.id === 'positive-rate')!;

describe('the playground dashboard through the presentation layer', () => {
  it('words the positive-rate change as the digests do, coloured by the points shown', () => {
    const now = insights(votes(7, 3)); // 70%
    expect(rate(view({ now, before: insights(votes(6, 4)) })).change).toEqual({
      text: '▲ 10 pts vs the 7 days before',
      tone: 'good',
    });
    expect(rate(view({ now, before: insights(votes(8, 2)) })).change).toEqual({
      text: '▼ 10 pts vs the 7 days before',
      tone: 'bad',
    });
    // 70.4% vs 69.6%: both shown as 70%, so no change, not a rounded "▲ 1 pts".
    const close = rate(view({ now: insights(votes(704, 296)), before: insights(votes(696, 304)) }));
    expect(close.change).toEqual({ text: '= 0 pts vs the 7 days before', tone: 'neutral' });
    expect(rate(view({ now })).change).toEqual({ text: 'no previous period', tone: 'neutral' });
    expect(rate(view({ now })).value).toBe('70%');
    // No votes now: a dash and no change at all.
    expect(rate(view({ before: insights(votes(1, 1)) }))).toMatchObject({ value: '—', change: null });
  });

  it('shows times in the digest zone (DIGEST_TZ), else UTC, and labels the digest by its days', () => {
    expect(view({}).rangeLabel).toBe('Nov 1, 23:30 – Nov 8, 23:30 UTC');
    const v = view({ now: insights(votes(7, 2)), digest });
    expect(v.rangeLabel).toBe('Nov 2, 00:30 – Nov 9, 00:30 Europe/Berlin');
    expect(v.digest?.title).toBe('Digest for 2026-11-02 – 2026-11-09');
    expect(view({ digest: { ...digest, periodLabel: undefined, timezone: undefined } }).digest?.title).toBe(
      'Digest for 2026-11-01 – 2026-11-08',
    );
  });

  it('formats percents, durations, counts and the chart text with the shared functions', () => {
    const v = view({
      now: insights({
        ...votes(1, 2),
        feedback: 3,
        byKind: { vote: 1, rating: 1, correction: 1 },
        byPlatform: [
          { platform: 'slack', feedback: 1, up: 0, down: 0, positiveRate: 0 },
          { platform: 'web', feedback: 2, ...votes(1, 2) },
        ],
        opportunities: {
          patterns: [
            { patternKey: 'k', question: 'Q?', negative: 2, total: 3, negativeRate: 2 / 3, score: 1 },
          ],
          staleReviews: [],
          pendingCorrections: [],
        },
        corrections: [
          {
            feedbackId: 'f',
            interactionId: 'i',
            question: 'Q?',
            text: 'T',
            userId: 'U1',
            at: from,
            status: 'pending',
          },
        ],
        reviews: { opened: 1, resolved: 1, dismissed: 0, open: 0, medianHoursToResolve: 5 },
      }),
      digest,
    });
    expect(v.headlines.find((h) => h.id === 'feedback')?.detail).toBe('1 vote · 1 correction · 1 rating');
    expect(v.platforms).toEqual([
      { platform: 'Slack', feedback: '1 reaction', positiveRate: '—' },
      { platform: 'Playground', feedback: '2 reactions', positiveRate: '33%' },
    ]);
    expect(v.opportunities[0]?.detail).toBe('2 of 3 reactions negative (67%)');
    expect(v.corrections[0]?.by).toBe('U1');
    expect(v.reviews.at(-1)).toEqual({ label: 'Median time to resolve', value: '5 h' });
    expect(v.chart?.alt).toBe('Weekly positive rate, oldest first: no votes, 50%, 78%.');
  });
});
