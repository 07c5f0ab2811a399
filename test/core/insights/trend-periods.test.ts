import { describe, expect, it } from 'vitest';
import { buildDigest } from '../../../src/core/insights/build-digest.ts';
import { trendPeriod } from '../../../src/core/insights/trend-periods.ts';
import { createMemoryFeedbackStore } from '../../../src/store/memory-feedback-store.ts';
import { makeCore } from '../../helpers/core.ts';
import { RANGE, seedWeek } from './seed.ts';

const store = createMemoryFeedbackStore();
const { core, clock } = makeCore(store);
await seedWeek(core, clock);

describe('digest trend periods (the chart data)', () => {
  it('carries 8 back-to-back periods with volume and positive rate, this one last', async () => {
    const d = await buildDigest(store, { ...RANGE, key: '2026-11-09T00:00' });
    const periods = d.trendPeriods!;
    expect(periods).toHaveLength(8);
    expect(periods.at(-1)).toEqual({
      start: '2026-11-02',
      end: '2026-11-09',
      feedback: 15,
      votes: 11,
      positiveRate: expect.closeTo(6 / 11, 4),
    });
    expect(periods.at(-2)).toEqual({
      start: '2026-10-26',
      end: '2026-11-02',
      feedback: 4,
      votes: 4,
      positiveRate: 0.25,
    });
    expect(periods[0]).toMatchObject({ start: '2026-09-14', feedback: 0, votes: 0, positiveRate: null });
    for (let i = 1; i < periods.length; i++) expect(periods[i]!.start).toBe(periods[i - 1]!.end);
    expect(periods.map((p) => p.positiveRate)).toEqual(d.trend);
  });

  it('names days in the schedule zone', () => {
    const p = trendPeriod(
      { from: new Date('2026-11-01T23:30:00Z'), to: new Date('2026-11-08T23:30:00Z') },
      { feedback: 3, up: 1, down: 2 },
      'Europe/Berlin',
    );
    expect(p).toEqual({
      start: '2026-11-02',
      end: '2026-11-09',
      feedback: 3,
      votes: 3,
      positiveRate: 0.3333,
    });
  });
});
