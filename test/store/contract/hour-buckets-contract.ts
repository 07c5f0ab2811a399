import { expect, it } from 'vitest';
import { summarizeDay, summarizeHour } from '../../../src/core/insights/day-summary.ts';
import type { FeedbackStore, FeedbackWrite } from '../../../src/core/ports.ts';

const T0 = new Date('2026-11-02T10:20:00Z');
const HOUR = 3_600_000;
const at = (ms: number) => new Date(T0.getTime() + ms);

const write = (userId: string, over: Partial<FeedbackWrite> = {}): FeedbackWrite =>
  ({
    interactionId: 'c'.repeat(24),
    patternKey: 'p',
    platform: 'slack',
    userId,
    reasons: [],
    kind: 'vote',
    value: 'up',
    ...over,
  }) as FeedbackWrite;

const users = (fs: { userId: string }[]) => fs.map((f) => f.userId).sort();

/** Hour buckets: what insights read the open day and a period's edges by (see insights/period-data.ts). */
export function hourBucketsContract(fresh: () => Promise<FeedbackStore>) {
  it('hour buckets: feedback and interactions by the hour they were created; votes keep their hour when changed', async () => {
    const s = await fresh();
    expect((await s.rollups.hourlySince()).getTime()).toBeLessThanOrEqual(T0.getTime());
    await s.interactions.insert({
      patternKey: 'p',
      question: 'Where is the VPN guide?',
      answer: 'On the wiki.',
      ref: { platform: 'slack', userId: 'U-ASK', channelId: 'C1' },
      answerer: 'fixed',
      sources: [],
      failed: false,
      createdAt: T0,
    });
    await s.feedback.upsert(write('UP'), T0);
    await s.feedback.upsert(write('DOWN', { value: 'down' }), at(60_000));
    await s.feedback.upsert(write('FIX', { kind: 'correction', value: 'It moved.' }), at(120_000));
    await s.feedback.upsert(write('NEXT', { value: 'down' }), at(HOUR));
    expect(await s.interactions.timesInHour('2026-11-02T10')).toEqual([T0]);
    expect(await s.interactions.timesInHour('2026-11-02T11')).toEqual([]);
    expect(users(await s.feedback.inHour('2026-11-02T10'))).toEqual(['DOWN', 'FIX', 'UP']);
    expect(users(await s.feedback.inHour('2026-11-02T10', 'negative'))).toEqual(['DOWN', 'FIX']);
    expect(users(await s.feedback.inHour('2026-11-02T10', 'corrections'))).toEqual(['FIX']);
    expect(users(await s.feedback.inHour('2026-11-02T11', 'negative'))).toEqual(['NEXT']);

    // Changed three hours later: still the 10:00 hour's, and its negative part follows the new value.
    await s.feedback.upsert(write('UP', { value: 'down' }), at(3 * HOUR));
    await s.feedback.upsert(write('DOWN', { value: 'up' }), at(3 * HOUR));
    await s.feedback.upsert(write('FIX', { kind: 'correction', value: 'It moved again.' }), at(3 * HOUR));
    expect(users(await s.feedback.inHour('2026-11-02T10', 'negative'))).toEqual(['FIX', 'UP']);
    expect(await s.feedback.inHour('2026-11-02T13', 'negative')).toEqual([]);
    expect((await s.feedback.inHour('2026-11-02T10', 'corrections')).map((f) => f.value)).toEqual([
      'It moved again.',
    ]);
    expect(await s.feedback.inHour('2026-11-02T13', 'corrections')).toEqual([]);
  });

  it('hour summaries are kept once, apart from the day summary, and each can be dropped', async () => {
    const s = await fresh();
    const day = summarizeDay('2026-11-02', [], []);
    const first = summarizeHour('2026-11-02T10', [], []);
    const second = { ...first, patterns: [{ patternKey: 'x', negative: 1, total: 1, interactionId: 'i' }] };
    expect(await s.rollups.getHour('2026-11-02T10')).toBeNull();
    const raced = await Promise.all([s.rollups.putHour(first), s.rollups.putHour(second)]);
    expect(raced[0]).toEqual(raced[1]);
    await s.rollups.put(day);
    expect(await s.rollups.getHour('2026-11-02T10')).toEqual(raced[0]);
    // Counting reads the counts without the pattern list.
    expect(await s.rollups.countsOf('2026-11-02T10')).toEqual({ totals: first.totals, platforms: [] });
    expect(await s.rollups.countsOf('2026-11-02')).toEqual({
      totals: day.totals,
      hours: day.hours,
      platforms: [],
    });
    expect(await s.rollups.countsOf('2026-11-04')).toBeNull();
    await s.rollups.invalidate('2026-11-02T10');
    expect(await s.rollups.getHour('2026-11-02T10')).toBeNull();
    expect(await s.rollups.get('2026-11-02')).toEqual(day);
  });
}
