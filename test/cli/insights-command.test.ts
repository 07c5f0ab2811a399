import { describe, expect, it } from 'vitest';
import { insightsCommand } from '../../src/cli/insights-command.ts';
import { createMemoryFeedbackStore } from '../../src/store/memory-feedback-store.ts';
import { RANGE, seedWeek } from '../core/insights/seed.ts';
import { makeCore } from '../helpers/core.ts';
import { ManualClock } from '../helpers/fakes.ts';

/** Captures what a command writes. */
function captureIO() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: { stdout: (s: string) => void out.push(s), stderr: (s: string) => void err.push(s) },
    stdout: () => out.join(''),
    stderr: () => err.join(''),
  };
}

const store = createMemoryFeedbackStore();
const { core, clock } = makeCore(store);
await seedWeek(core, clock);
const now = new ManualClock(RANGE.to);

describe('heed insights', () => {
  it('--days 7 --json prints parseable insights that match the seeded week', async () => {
    const cap = captureIO();
    expect(await insightsCommand(['--days', '7', '--json'], { store, io: cap.io, clock: now })).toBe(0);
    const out = JSON.parse(cap.stdout());
    expect(out).toMatchObject({
      range: { from: RANGE.from.toISOString(), to: RANGE.to.toISOString() },
      feedback: 15,
      interactions: 5,
      up: 6,
      down: 5,
      byKind: { vote: 11, correction: 2, rating: 2 },
      averageRating: 3.5,
      trend: { previousPositiveRate: 0.25 },
      reviews: { opened: 3, resolved: 1, open: 3, medianHoursToResolve: 5 },
    });
    expect(out.positiveRate).toBeCloseTo(6 / 11, 4);
    expect(out.corrections.map((c: { status: string }) => c.status)).toEqual(['approved', 'pending']);
    expect(out.commonIssues[0]).toMatchObject({
      representative: 'How do I reset my password?',
      frequency: 4,
    });
    expect(cap.stderr()).toBe('');
  });

  it('prints a readable summary by default (last 7 days)', async () => {
    const cap = captureIO();
    expect(await insightsCommand([], { store, io: cap.io, clock: now })).toBe(0);
    const text = cap.stdout();
    expect(text).toContain('heed insights 2026-11-02T00:00 – 2026-11-09T00:00 UTC');
    expect(text).toContain('Positive rate: 55% (👍 6 / 👎 5; previous 25%, +30 pts)');
    expect(text).toContain('Average rating: 3.5 / 5');
    expect(text).toContain('By platform: slack 10 (56% 👍) · discord 5 (50% 👍)');
    expect(text).toContain('1. “How do I reset my password?” ×4');
    expect(text).toContain(
      '[pending] “What is the refund policy?” → “Refunds are possible within 30 days.” (Ada)',
    );
  });

  it('--days widens the range', async () => {
    const cap = captureIO();
    await insightsCommand(['--days', '14', '--json'], { store, io: cap.io, clock: now });
    expect(JSON.parse(cap.stdout())).toMatchObject({ feedback: 19, up: 7, down: 8 });
  });

  it('an empty database gives zeros', async () => {
    const empty = createMemoryFeedbackStore();
    const cap = captureIO();
    expect(await insightsCommand(['--json'], { store: empty, io: cap.io, clock: now })).toBe(0);
    expect(JSON.parse(cap.stdout())).toMatchObject({
      feedback: 0,
      positiveRate: 0,
      averageRating: 0,
      commonIssues: [],
    });
    const text = captureIO();
    await insightsCommand([], { store: empty, io: text.io, clock: now });
    expect(text.stdout()).toContain('Positive rate: no votes');
    expect(text.stdout()).not.toContain('NaN');
  });

  it('refuses bad arguments with exit code 2 and the usage', async () => {
    for (const args of [['--days', '0'], ['--days', 'seven'], ['--days', '400'], ['--bogus'], ['extra']]) {
      const cap = captureIO();
      expect(await insightsCommand(args, { store, io: cap.io, clock: now })).toBe(2);
      expect(cap.stderr()).toContain('usage: heed insights');
      expect(cap.stdout()).toBe('');
    }
  });
});
