import { describe, expect, it } from 'vitest';
import type { DigestClaimRequest, FeedbackStore } from '../../../src/core/ports.ts';
import type { Digest } from '../../../src/core/views.ts';

const T0 = new Date('2026-11-02T09:00:00Z');
const later = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

const digest: Digest = {
  periodKey: 'p',
  from: new Date('2026-10-26T09:00:00Z'),
  to: T0,
  empty: false,
  totals: { feedback: 3, up: 2, down: 1, corrections: 0, ratings: 0, interactions: 2 },
  positiveRate: 0.6667,
  previousPositiveRate: null,
  trend: [null, 0.6667],
  sparkline: '·▆',
  byPlatform: [],
  commonIssues: [{ representative: 'q', frequency: 1, samples: ['{"$gt": ""}'] }],
  corrections: [],
  opportunities: [],
  reviewStats: { opened: 0, resolved: 0, open: 0, medianHoursToResolve: null },
};
/** A claim for one channel of a period (the digest-repo test's server-only cases use it too). */
export const req = (periodKey: string, owner: string, now = T0): DigestClaimRequest => ({
  periodKey,
  channel: 'slack:C1',
  owner,
  now,
  digest: { ...digest, periodKey },
  staleMs: 30 * 60_000,
  maxAttempts: 3,
});

/** Exactly-once digest claims, whatever holds them (the unique index itself: digests-repo.test.ts). */
export function digestContract(fresh: () => Promise<FeedbackStore>) {
  describe('digests: one winner per attempt, per period and channel', () => {
    it('twenty concurrent first claims: exactly one wins', async () => {
      const repo = (await fresh()).digests;
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) => repo.claim(req('race', `o${i}`))),
      );
      expect(results.filter((r) => r.claimed)).toHaveLength(1);
      expect(results.filter((r) => !r.claimed).every((r) => !r.claimed && r.reason === 'in_progress')).toBe(
        true,
      );
      expect(await repo.forPeriod('race')).toMatchObject([
        { periodKey: 'race', attempt: 1, status: 'posting' },
      ]);
    });

    it('keeps the first-built digest, dates and user text intact', async () => {
      const repo = (await fresh()).digests;
      await repo.claim(req('snapshot', 'a'));
      const record = await repo.get('snapshot', 'slack:C1');
      expect(record?.digest).toEqual({ ...digest, periodKey: 'snapshot' });
      expect(record?.digest?.from).toBeInstanceOf(Date);
    });

    it('after a failure, concurrent retries win attempt 2 once; posted is final', async () => {
      const repo = (await fresh()).digests;
      const first = await repo.claim(req('retry', 'a'));
      expect(first).toMatchObject({ claimed: true, attempt: 1 });
      await repo.markFailed('retry', 'slack:C1', 1, 'HTTP 503', later(1));
      expect(await repo.get('retry', 'slack:C1')).toMatchObject({
        status: 'failed',
        attempt: 1,
        error: 'HTTP 503',
      });
      const retries = await Promise.all(
        Array.from({ length: 10 }, (_, i) => repo.claim(req('retry', `r${i}`, later(5)))),
      );
      const winners = retries.filter((r) => r.claimed);
      expect(winners).toHaveLength(1);
      expect(winners[0]).toMatchObject({ attempt: 2 });
      expect(await repo.get('retry', 'slack:C1')).toMatchObject({ status: 'posting', attempt: 2 });
      await repo.markPosted('retry', 'slack:C1', 2, later(6));
      expect(await repo.get('retry', 'slack:C1')).toMatchObject({
        status: 'posted',
        attempt: 2,
        postedAt: later(6),
      });
      expect(await repo.claim(req('retry', 'z', later(60)))).toMatchObject({
        claimed: false,
        reason: 'posted',
      });
    });

    it('an attempt in progress is left alone until it is stale, then taken over once', async () => {
      const repo = (await fresh()).digests;
      await repo.claim(req('stale', 'dead'));
      expect(await repo.claim(req('stale', 'b', later(10)))).toMatchObject({
        claimed: false,
        reason: 'in_progress',
      });
      const takeovers = await Promise.all([
        repo.claim(req('stale', 'b', later(31))),
        repo.claim(req('stale', 'c', later(31))),
      ]);
      expect(takeovers.filter((r) => r.claimed)).toMatchObject([{ attempt: 2 }]);
    });

    it('gives up after the last allowed attempt', async () => {
      const repo = (await fresh()).digests;
      for (let attempt = 1; attempt <= 3; attempt++) {
        const claim = await repo.claim(req('giveup', 'a', later(attempt)));
        expect(claim).toMatchObject({ claimed: true, attempt });
        await repo.markFailed('giveup', 'slack:C1', attempt, 'boom', later(attempt));
      }
      expect(await repo.claim(req('giveup', 'a', later(10)))).toMatchObject({
        claimed: false,
        reason: 'gave_up',
      });
    });

    it('a failure report from an old attempt does not overwrite a newer one', async () => {
      const repo = (await fresh()).digests;
      await repo.claim(req('late', 'a'));
      await repo.markFailed('late', 'slack:C1', 1, 'timeout', later(1));
      await repo.claim(req('late', 'b', later(2)));
      await repo.markFailed('late', 'slack:C1', 1, 'stale report', later(3));
      expect(await repo.get('late', 'slack:C1')).toMatchObject({ status: 'posting', attempt: 2, owner: 'b' });
    });

    it('remembers the first run: later calls return the first time', async () => {
      const repo = (await fresh()).digests;
      const first = await repo.firstRun(T0);
      expect(first).toEqual(T0);
      expect(await repo.firstRun(later(100))).toEqual(T0);
    });
  });
}
