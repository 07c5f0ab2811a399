import { describe, expect, it } from 'vitest';
import { countAll, utcHour } from '../../../src/core/insights/day-summary.ts';
import { createPeriodReader } from '../../../src/core/insights/period-data.ts';
import { storeForDb } from '../../../src/store/mongo-feedback-store.ts';
import { makeCore } from '../../helpers/core.ts';
import { openTestStore } from '../../helpers/db.ts';
import { ask } from './seed.ts';

const store = await openTestStore('rollups');
const { core, clock } = makeCore(store);
const DAY = { from: new Date('2026-11-03T00:00:00Z'), to: new Date('2026-11-04T00:00:00Z') };
const LATER = new Date('2026-11-10T12:00:00Z');

const first = await ask(core, clock, '2026-11-03T08:00:00Z', 'How do I reset my password?', [
  { user: 'U1', vote: 'down', comment: 'wrong link' },
  { user: 'U2', vote: 'up' },
  { user: 'U3', rating: 2 },
]);
await ask(core, clock, '2026-11-03T15:00:00Z', 'Where is the VPN guide?', [
  { user: 'U1', vote: 'up' },
  { user: 'U4', correction: 'It is on the wiki.' },
]);

describe('per-day summaries', () => {
  it('a closed day is summarised once, also when two instances race, with the raw numbers', async () => {
    const other = storeForDb(store.db, store.client);
    const [a, b] = await Promise.all([
      createPeriodReader(store, LATER).period(DAY),
      createPeriodReader(other, LATER).period(DAY),
    ]);
    expect(a.counts).toEqual(b.counts);
    const stored = await store.db
      .collection('rollups')
      .find({ _id: 'feedback:v2:2026-11-03' as never })
      .toArray();
    expect(stored).toHaveLength(1);
    const raw = countAll(
      await store.feedback.onDay('2026-11-03'),
      await store.interactions.timesOnDay('2026-11-03'),
    );
    expect(a.counts).toEqual(raw);
    expect([a.counts.feedback, a.counts.up, a.counts.down, a.counts.interactions]).toEqual([5, 2, 1, 2]);
    expect(a.negatives.map((f) => f.kind).sort()).toEqual(['correction', 'rating', 'vote']);
    expect(a.patterns.reduce((n, p) => n + p.total, 0)).toBe(5);
  });

  it('hour slices serve a range that starts inside a closed day', async () => {
    const afternoon = { from: new Date('2026-11-03T12:00:00Z'), to: DAY.to };
    const counts = await createPeriodReader(store, LATER).counts(afternoon);
    expect([counts.feedback, counts.up, counts.interactions]).toEqual([2, 1, 1]);
  });

  it("the open day's closed hours are summarised once each; only the open hour is read from its documents", async () => {
    clock.set(new Date('2026-11-03T20:00:00Z'));
    const reads: string[] = [];
    const counted = {
      ...store,
      feedback: {
        ...store.feedback,
        onDay(day: string) {
          reads.push(day);
          return store.feedback.onDay(day);
        },
        inHour(hour: string, part?: 'negative' | 'corrections') {
          reads.push(`${hour}${part ? `/${part}` : ''}`);
          return store.feedback.inHour(hour, part);
        },
      },
    };
    const range = { from: DAY.from, to: clock.now() };
    const period = await createPeriodReader(counted, clock.now()).period(range);
    expect(period.counts).toEqual(
      countAll(await store.feedback.onDay('2026-11-03'), await store.interactions.timesOnDay('2026-11-03')),
    );
    expect(period.negatives.map((f) => f.kind).sort()).toEqual(['correction', 'rating', 'vote']);
    expect(period.corrections.map((f) => f.value)).toEqual(['It is on the wiki.']);
    expect(reads).not.toContain('2026-11-03');
    const ids = (await store.db.collection('rollups').find().toArray()).map((d) => String(d._id)).sort();
    // The day summary from the first test, and 00:00–18:00: 19:00 is still open (it closes at 20:10).
    const buckets = [
      '2026-11-03',
      ...Array.from({ length: 19 }, (_, h) => `2026-11-03T${String(h).padStart(2, '0')}`),
    ];
    expect(ids).toEqual(buckets.flatMap((b) => [`feedback:v2:${b}`, `feedback:v2:${b}:patterns`]).sort());
    // Read again: every closed hour from its summary, the open hour (no feedback in it) from its documents.
    reads.length = 0;
    const again = await createPeriodReader(counted, clock.now()).period(range);
    expect(again.counts).toEqual(period.counts);
    expect(reads.filter((r) => !r.includes('/'))).toEqual(['2026-11-03T19']);
  });

  it('a range cut inside an hour reads only that hour from its documents, with the same numbers', async () => {
    const cut = { from: new Date('2026-11-03T08:30:00Z'), to: new Date('2026-11-03T15:30:00Z') };
    const reader = createPeriodReader(store, LATER);
    const feedback = (await store.feedback.onDay('2026-11-03')).filter(
      (f) => f.createdAt >= cut.from && f.createdAt < cut.to,
    );
    const times = (await store.interactions.timesOnDay('2026-11-03')).filter(
      (t) => t >= cut.from && t < cut.to,
    );
    expect(feedback.length).toBeGreaterThan(0);
    expect(await reader.counts(cut)).toEqual(countAll(feedback, times));
    expect((await reader.period(cut)).counts).toEqual(countAll(feedback, times));
  });

  it('a changed vote on a summarised day drops the summaries of its day and hour; the next read counts the new vote', async () => {
    clock.set(LATER);
    const hour = utcHour(
      (await store.feedback.onDay('2026-11-03')).find((f) => f.userId === 'U1' && f.interactionId === first)!
        .createdAt,
    );
    expect(await store.rollups.getHour(hour)).not.toBeNull();
    await core.recordFeedback({
      interactionId: first,
      platform: 'slack',
      userId: 'U1',
      kind: 'vote',
      value: 'up',
    });
    const after = await createPeriodReader(store, LATER).period(DAY);
    expect([after.counts.up, after.counts.down]).toEqual([3, 0]);
    expect(await store.rollups.getHour(hour)).toBeNull();
  });
});
