import { describe, expect, it } from 'vitest';
import { runRetention } from '../../src/scheduler/index.ts';
import { openTestStore } from '../helpers/db.ts';

const store = await openTestStore('lease');
const { leases } = store;
const T0 = new Date('2026-11-02T08:00:00Z');
const later = (ms: number) => new Date(T0.getTime() + ms);

describe('lease in `locks`', () => {
  it('one of many concurrent takers gets a free lease; the holder renews it; others wait for expiry', async () => {
    const got = await Promise.all(
      Array.from({ length: 10 }, (_, i) => leases.acquire('job', `o${i}`, 60_000, T0)),
    );
    expect(got.filter(Boolean)).toHaveLength(1);
    const holder = `o${got.indexOf(true)}`;
    const other = holder === 'o0' ? 'o1' : 'o0';
    expect(await leases.acquire('job', holder, 60_000, later(30_000))).toBe(true); // renewed to T0 + 90 s
    expect(await leases.acquire('job', other, 60_000, later(75_000))).toBe(false);
    expect(await leases.acquire('job', other, 60_000, later(90_001))).toBe(true); // stale: taken over
    expect(await leases.acquire('job', holder, 60_000, later(90_002))).toBe(false);
    await leases.release('job', holder); // not the holder any more: no effect
    expect(await leases.acquire('job', 'third', 60_000, later(90_003))).toBe(false);
    await leases.release('job', other);
    expect(await leases.acquire('job', 'third', 60_000, later(90_004))).toBe(true);
  });
});

describe('retention job', () => {
  it('deletes deliveries older than 30 days and long-expired leases, keeps the rest', async () => {
    const now = new Date('2026-12-01T00:00:00Z');
    const day = 86_400_000;
    await store.deliveries.claim('slack:event:old', new Date(now.getTime() - 31 * day));
    await store.deliveries.claim('slack:event:edge', new Date(now.getTime() - 29 * day));
    await store.deliveries.claim('discord:interaction:new', new Date(now.getTime() - day));
    await leases.acquire('old-lease', 'x', 1000, new Date(now.getTime() - 3 * day));
    await leases.acquire('live-lease', 'x', 60_000, now);
    // 'old-lease' and the first test's 'job' lease (expired in November) go; the live one stays.
    expect(await runRetention(store, now)).toEqual({ deliveries: 1, leases: 2 });
    expect(await store.db.collection('locks').distinct('_id')).toEqual(['live-lease']);
    const left = await store.db.collection('deliveries').find({}).toArray();
    expect(left.map((d) => d._id).sort()).toEqual(['discord:interaction:new', 'slack:event:edge']);
    // A delivery key deleted by retention could be claimed again; one kept cannot.
    expect(await store.deliveries.claim('slack:event:edge', now)).toBe(false);
    expect(await store.deliveries.claim('slack:event:old', now)).toBe(true);
  });
});
