import { describe, expect, it } from 'vitest';
import { countAll } from '../../../src/core/insights/day-summary.ts';
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
      .find({ _id: 'feedback:v1:2026-11-03' as never })
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

  it('the open day is read from its documents and never stored', async () => {
    clock.set(new Date('2026-11-03T20:00:00Z'));
    const period = await createPeriodReader(store, clock.now()).period({ from: DAY.from, to: clock.now() });
    expect(period.counts.feedback).toBe(5);
    // The stored summary of 2026-11-03 from the first test is the only one.
    expect(await store.db.collection('rollups').countDocuments()).toBe(1);
  });

  it('a changed vote on a summarised day drops the summary; the next read counts the new vote', async () => {
    clock.set(LATER);
    await core.recordFeedback({
      interactionId: first,
      platform: 'slack',
      userId: 'U1',
      kind: 'vote',
      value: 'up',
    });
    const after = await createPeriodReader(store, LATER).period(DAY);
    expect([after.counts.up, after.counts.down]).toEqual([3, 0]);
  });
});
