import { describe, expect, it } from 'vitest';
import type { FeedbackStore } from '../../../src/core/ports.ts';

const T0 = new Date('2026-11-02T08:00:00Z');
const later = (ms: number) => new Date(T0.getTime() + ms);
const DAY = 86_400_000;

/** Leases and the retention of delivery keys, whatever holds them. */
export function leaseContract(fresh: () => Promise<FeedbackStore>) {
  describe('leases and delivery retention', () => {
    it('one of many concurrent takers gets a free lease; the holder renews it; others wait for expiry', async () => {
      const { leases } = await fresh();
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

    it('purges leases that expired before a time, and only those', async () => {
      const { leases } = await fresh();
      await leases.acquire('old', 'x', 1000, new Date(T0.getTime() - 3 * DAY));
      await leases.acquire('live', 'x', 60_000, T0);
      expect(await leases.purgeExpired(new Date(T0.getTime() - DAY))).toBe(1);
      expect(await leases.purgeExpired(new Date(T0.getTime() - DAY))).toBe(0);
      // The live lease is still held; the purged name is free again.
      expect(await leases.acquire('live', 'y', 60_000, later(1))).toBe(false);
      expect(await leases.acquire('old', 'y', 60_000, later(1))).toBe(true);
    });

    it('purges delivery keys claimed before a time; a purged key can be claimed again', async () => {
      const { deliveries } = await fresh();
      await deliveries.claim('slack:event:old', new Date(T0.getTime() - 31 * DAY));
      await deliveries.claim('slack:event:edge', new Date(T0.getTime() - 29 * DAY));
      await deliveries.claim('discord:interaction:new', new Date(T0.getTime() - DAY));
      expect(await deliveries.purgeOlderThan(new Date(T0.getTime() - 30 * DAY))).toBe(1);
      expect(await deliveries.purgeOlderThan(new Date(T0.getTime() - 30 * DAY))).toBe(0);
      expect(await deliveries.claim('slack:event:edge', T0)).toBe(false);
      expect(await deliveries.claim('discord:interaction:new', T0)).toBe(false);
      expect(await deliveries.claim('slack:event:old', T0)).toBe(true);
    });
  });
}
