import { describe, expect, it } from 'vitest';
import { buildDigest } from '../../../src/core/insights/build-digest.ts';
import { renderDigestText } from '../../../src/core/insights/digest-text.ts';
import { createMemoryFeedbackStore } from '../../../src/store/memory-feedback-store.ts';
import { makeCore } from '../../helpers/core.ts';
import { RANGE, seedWeek } from './seed.ts';

const store = createMemoryFeedbackStore();
const { core, clock } = makeCore(store);
await seedWeek(core, clock);
const period = { ...RANGE, key: '2026-11-09T00:00' };

describe('buildDigest', () => {
  it('headline numbers match the seeded week', async () => {
    const d = await buildDigest(store, period);
    expect(d).toMatchObject({
      periodKey: '2026-11-09T00:00',
      from: RANGE.from,
      to: RANGE.to,
      empty: false,
      totals: { feedback: 15, up: 6, down: 5, corrections: 2, ratings: 2, interactions: 5 },
      previousPositiveRate: 0.25,
      reviewStats: { opened: 3, resolved: 1, open: 3, medianHoursToResolve: 5 },
    });
    expect(d.positiveRate).toBeCloseTo(6 / 11, 4);
    expect(d.byPlatform).toEqual([
      { platform: 'slack', feedback: 10, positiveRate: expect.closeTo(5 / 9, 4) },
      { platform: 'discord', feedback: 5, positiveRate: 0.5 },
    ]);
  });

  it('draws an 8-period trend with gaps for weeks without votes', async () => {
    const d = await buildDigest(store, period);
    expect(d.trend).toHaveLength(8);
    expect(d.trend.slice(0, 6)).toEqual([null, null, null, null, null, null]);
    expect(d.trend[6]).toBe(0.25);
    expect(d.trend[7]).toBeCloseTo(6 / 11, 4);
    expect(d.sparkline).toBe('······▃▅');
  });

  it('carries common issues, pending and approved corrections, and opportunities', async () => {
    const d = await buildDigest(store, period);
    expect(d.commonIssues[0]).toEqual({
      representative: 'How do I reset my password?',
      frequency: 4,
      samples: ['reset email never came', 'link never arrives', 'the reset link expired'],
    });
    expect(d.corrections).toEqual([
      {
        question: 'Which plan includes SSO?',
        text: 'The Enterprise plan includes SSO.',
        userName: 'Grace',
        status: 'approved',
      },
      {
        question: 'What is the refund policy?',
        text: 'Refunds are possible within 30 days.',
        userName: 'Ada',
        status: 'pending',
      },
    ]);
    const descriptions = d.opportunities.map((o) => o.description);
    expect(descriptions[0]).toBe(
      'Improve answers to “How do I reset my password?”: 3 of 4 reactions negative (75%)',
    );
    expect(descriptions).toContain('Review of “What are the office hours?” open for 11 days');
    expect(descriptions).toContain('1 correction waiting for approval on “What is the refund policy?”');
  });

  it('renders as text with the headline, trend and sections', async () => {
    const text = renderDigestText(await buildDigest(store, period));
    expect(text).toContain('heed digest 2026-11-09T00:00 (2026-11-02 – 2026-11-09)');
    expect(text).toContain('Answers: 5 · Feedback: 15 (👍 6 · 👎 5 · ✏️ 2 · ⭐ 2)');
    expect(text).toContain('Positive rate: 55% (previous 25%, ▲ 30 pts)');
    expect(text).toContain('Trend (8 periods): ······▃▅');
    expect(text).toContain('“How do I reset my password?” ×4');
    expect(text).toContain('Reviews: 3 opened, 1 resolved, 3 open, median 5 h to resolve');
  });

  it("carries its period's days in the schedule's zone, which the text prints without being told", async () => {
    const berlin = await buildDigest(store, period, { timezone: 'Europe/Berlin' });
    expect(berlin).toMatchObject({ timezone: 'Europe/Berlin', periodLabel: '2026-11-02 – 2026-11-09' });
    const utcMidnight = {
      from: new Date('2026-11-01T23:30:00Z'),
      to: new Date('2026-11-08T23:30:00Z'),
      key: 'k',
    };
    const shifted = await buildDigest(store, utcMidnight, { timezone: 'Europe/Berlin' });
    expect(shifted.periodLabel).toBe('2026-11-02 – 2026-11-09');
    expect(renderDigestText(shifted)).toContain('heed digest k (2026-11-02 – 2026-11-09)');
    expect(renderDigestText(shifted, 'UTC')).toContain('heed digest k (2026-11-01 – 2026-11-08)');
  });

  it('an empty week says so plainly', async () => {
    const empty = await buildDigest(store, {
      from: new Date('2025-01-06T00:00:00Z'),
      to: new Date('2025-01-13T00:00:00Z'),
      key: 'e',
    });
    expect(empty).toMatchObject({
      empty: true,
      totals: { feedback: 0, up: 0, down: 0, corrections: 0, ratings: 0, interactions: 0 },
      positiveRate: 0,
      previousPositiveRate: null,
      sparkline: '········',
      commonIssues: [],
      corrections: [],
    });
    expect(renderDigestText(empty)).toContain(
      'No questions and no feedback this period — nothing to report.',
    );
  });
});
