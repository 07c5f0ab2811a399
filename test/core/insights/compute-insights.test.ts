import { describe, expect, it } from 'vitest';
import { computeInsights } from '../../../src/core/insights/compute-insights.ts';
import { createMemoryFeedbackStore } from '../../../src/store/memory-feedback-store.ts';
import { makeCore } from '../../helpers/core.ts';
import { PREVIOUS, RANGE, seedWeek } from './seed.ts';

const store = createMemoryFeedbackStore();
const { core, clock } = makeCore(store);
await seedWeek(core, clock);

/** Every number anywhere in the value, for the "never NaN" check. */
function numbers(value: unknown): number[] {
  if (typeof value === 'number') return [value];
  if (Array.isArray(value)) return value.flatMap(numbers);
  if (value && typeof value === 'object' && !(value instanceof Date))
    return Object.values(value).flatMap(numbers);
  return [];
}

describe('computeInsights against seeded feedback', () => {
  it('counts feedback, votes, kinds, ratings and answers of the range only', async () => {
    const i = await computeInsights(store, RANGE);
    expect(i.feedback).toBe(15);
    expect(i.interactions).toBe(5);
    expect(i.byKind).toEqual({ vote: 11, correction: 2, rating: 2 });
    expect([i.up, i.down]).toEqual([6, 5]);
    expect(i.positiveRate).toBeCloseTo(6 / 11, 4);
    expect(i.averageRating).toBe(3.5);
  });

  it('compares the positive rate with the previous period and splits by platform', async () => {
    const i = await computeInsights(store, RANGE);
    expect(i.trend.previous).toEqual(PREVIOUS);
    expect(i.trend.previousPositiveRate).toBe(0.25);
    expect(i.trend.change).toBeCloseTo(6 / 11 - 0.25, 3);
    expect(i.byPlatform).toEqual([
      { platform: 'slack', feedback: 10, up: 5, down: 4, positiveRate: expect.closeTo(5 / 9, 4) },
      { platform: 'discord', feedback: 5, up: 1, down: 1, positiveRate: 0.5 },
    ]);
  });

  it('lists corrections with their review status', async () => {
    const i = await computeInsights(store, RANGE);
    expect(i.corrections.map((c) => [c.question, c.text, c.userName, c.status])).toEqual([
      ['Which plan includes SSO?', 'The Enterprise plan includes SSO.', 'Grace', 'approved'],
      ['What is the refund policy?', 'Refunds are possible within 30 days.', 'Ada', 'pending'],
    ]);
  });

  it('groups negative feedback (question + comment) into common issues', async () => {
    const { commonIssues } = await computeInsights(store, RANGE);
    expect(commonIssues.map((c) => [c.representative, c.frequency])).toEqual([
      ['How do I reset my password?', 4],
      ['What is the refund policy?', 3],
      ['Which plan includes SSO?', 1],
    ]);
    expect(commonIssues[0]!.samples).toEqual([
      'reset email never came',
      'link never arrives',
      'the reset link expired',
    ]);
    expect(commonIssues[0]!.reasons).toEqual({ outdated: 1 });
    expect(commonIssues[0]!.patternKeys).toHaveLength(2);
    expect(commonIssues[1]!.samples).toEqual(['refund window is 30 days not 14']);
  });

  it('ranks patterns by negative volume × rate and finds stale reviews and waiting corrections', async () => {
    const { opportunities } = await computeInsights(store, RANGE);
    expect(opportunities.patterns.slice(0, 2)).toMatchObject([
      { question: 'How do I reset my password?', negative: 3, total: 4, negativeRate: 0.75, score: 2.25 },
      { question: 'What is the refund policy?', negative: 3, total: 5, negativeRate: 0.6, score: 1.8 },
    ]);
    expect(opportunities.patterns.map((p) => p.question)).not.toContain('Where is the office?');
    // Open more than 3 days at the end of the range, oldest first; the resolved SSO review is not among them.
    expect(opportunities.staleReviews.map((r) => [r.question, r.ageDays])).toEqual([
      ['What are the office hours?', 11],
      ['How do I reset my password?', 5],
      ['What is the refund policy?', 4],
    ]);
    const soon = await computeInsights(store, RANGE, { now: new Date('2026-11-06T00:00:00Z') });
    expect(soon.opportunities.staleReviews.map((r) => r.question)).toEqual(['What are the office hours?']);
    expect(opportunities.pendingCorrections).toMatchObject([
      {
        question: 'What is the refund policy?',
        text: 'Refunds are possible within 30 days.',
        userName: 'Ada',
      },
    ]);
  });

  it('reports reviews opened, resolved, still open and the median time to resolve', async () => {
    const { reviews } = await computeInsights(store, RANGE);
    expect(reviews).toEqual({ opened: 3, resolved: 1, dismissed: 0, open: 3, medianHoursToResolve: 5 });
  });

  it('an empty range gives zeros and empty lists, never NaN', async () => {
    const empty = createMemoryFeedbackStore();
    const i = await computeInsights(empty, RANGE);
    expect(i).toMatchObject({
      feedback: 0,
      interactions: 0,
      up: 0,
      down: 0,
      positiveRate: 0,
      averageRating: 0,
      byKind: { vote: 0, correction: 0, rating: 0 },
      corrections: [],
      commonIssues: [],
      byPlatform: [],
      opportunities: { patterns: [], staleReviews: [], pendingCorrections: [] },
      trend: { previousPositiveRate: null, change: null },
      reviews: { opened: 0, resolved: 0, dismissed: 0, open: 0, medianHoursToResolve: null },
    });
    expect(numbers(i).every(Number.isFinite)).toBe(true);
  });
});
