import type { Digest } from '../../src/core/views.ts';

/** A digest far beyond one message: 40 long issues, 30 corrections, 12 opportunities. */
export function bigDigest(): Digest {
  return {
    periodKey: '2026-W45',
    from: new Date('2026-11-02T09:00:00Z'),
    to: new Date('2026-11-09T09:00:00Z'),
    empty: false,
    totals: { feedback: 420, up: 300, down: 90, corrections: 30, ratings: 0, interactions: 800 },
    positiveRate: 0.77,
    previousPositiveRate: 0.7,
    trend: [0.6, 0.65, null, 0.7, 0.72, 0.7, 0.75, 0.77],
    sparkline: '▁▃ ▅▆▅▇█',
    byPlatform: [
      { platform: 'discord', feedback: 220, positiveRate: 0.8 },
      { platform: 'slack', feedback: 200, positiveRate: 0.74 },
    ],
    commonIssues: Array.from({ length: 40 }, (_, n) => ({
      representative: `Issue ${n}: ${'the refund answer misses the new rule '.repeat(8)}`,
      frequency: 40 - n,
      samples: [`${'sample comment '.repeat(40)}`, 'short one', `${'another '.repeat(60)}`],
    })),
    corrections: Array.from({ length: 30 }, (_, n) => ({
      question: `Question ${n} ${'with many words '.repeat(20)}`,
      text: `${'corrected text '.repeat(100)}`,
      userName: `Person ${n}`,
      status: n % 2 === 0 ? 'pending' : 'approved',
    })),
    opportunities: Array.from({ length: 12 }, (_, n) => ({
      description: `Pattern ${n}: ${'improve this '.repeat(30)}`,
      score: 12 - n,
    })),
    reviewStats: { opened: 12, resolved: 9, open: 3, medianHoursToResolve: 5.5 },
  };
}

export function emptyDigest(): Digest {
  return {
    ...bigDigest(),
    empty: true,
    totals: { feedback: 0, up: 0, down: 0, corrections: 0, ratings: 0, interactions: 0 },
    positiveRate: 0,
    previousPositiveRate: null,
    byPlatform: [],
    commonIssues: [],
    corrections: [],
    opportunities: [],
  };
}
