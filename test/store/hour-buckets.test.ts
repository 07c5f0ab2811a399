import { describe, expect, it } from 'vitest';
import { createPeriodReader } from '../../src/core/insights/period-data.ts';
import { claimHourBuckets } from '../../src/store/hour-buckets.ts';
import { storeForDb } from '../../src/store/mongo-feedback-store.ts';
import { ask } from '../core/insights/seed.ts';
import { makeCore } from '../helpers/core.ts';
import { openTestStore } from '../helpers/db.ts';

/** A prepared test database without its hour-bucket record, as before the first start of this version. */
async function unclaimedStore() {
  const store = await openTestStore('hours');
  await store.db.collection('meta').deleteOne({ _id: 'buckets:hour:v1' as never });
  return store;
}

describe('hour buckets on a database that predates them', () => {
  it('a new database is complete from the start; the first claim stands for every later start', async () => {
    const { db } = await unclaimedStore();
    expect(await claimHourBuckets(db, new Date('2026-11-05T00:00:00Z'))).toEqual(new Date(0));
    expect(await claimHourBuckets(db, new Date('2026-11-06T00:00:00Z'))).toEqual(new Date(0));
  });

  it('documents written without hour buckets are still counted: their hours are read by day', async () => {
    const { db, client } = await unclaimedStore();
    const { core, clock } = makeCore(storeForDb(db, client));
    await ask(core, clock, '2026-11-03T08:00:00Z', 'How do I reset my password?', [
      { user: 'U1', vote: 'down' },
      { user: 'U2', vote: 'up' },
    ]);
    // As an older heed wrote them: no hour buckets, and no record of when they began.
    const unset = { $unset: { hour: '', negHour: '', corrHour: '' } };
    await db.collection('feedback').updateMany({}, unset);
    await db.collection('interactions').updateMany({}, unset);
    const upgradedAt = new Date('2026-11-03T12:30:00Z');
    expect(await claimHourBuckets(db, upgradedAt)).toEqual(upgradedAt);

    // The upgraded heed: the open day (a range inside it, too) still counts the older documents.
    const store = storeForDb(db, client);
    const now = new Date('2026-11-03T20:00:00Z');
    const range = { from: new Date('2026-11-03T00:00:00Z'), to: now };
    const reader = createPeriodReader(store, now);
    const period = await reader.period(range);
    expect([
      period.counts.feedback,
      period.counts.up,
      period.counts.down,
      period.counts.interactions,
    ]).toEqual([2, 1, 1, 1]);
    expect(period.negatives.map((f) => f.userId)).toEqual(['U1']);
    expect((await reader.counts({ from: new Date('2026-11-03T09:30:00Z'), to: now })).feedback).toBe(1);
  });
});
