import { describe, expect, it } from 'vitest';
import type { Digest } from '../../src/core/views.ts';
import { type ClaimRequest, createDigestRepository } from '../../src/store/digests-repo.ts';
import { openTestStore } from '../helpers/db.ts';

const store = await openTestStore('digests');
const repo = createDigestRepository(store.db);
const T0 = new Date('2026-11-02T09:00:00Z');

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
const req = (periodKey: string, owner: string, now = T0): ClaimRequest => ({
  periodKey,
  channel: 'slack:C1',
  owner,
  now,
  digest: { ...digest, periodKey },
  staleMs: 30 * 60_000,
  maxAttempts: 3,
});

describe('digest claims on the real server (the rest: contract/digest-contract.ts)', () => {
  it('twenty concurrent first claims: exactly one wins', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => repo.claim(req('race', `o${i}`))));
    expect(results.filter((r) => r.claimed)).toHaveLength(1);
    expect(results.filter((r) => !r.claimed).every((r) => !r.claimed && r.reason === 'in_progress')).toBe(
      true,
    );
    expect(await store.db.collection('digests').countDocuments({ periodKey: 'race' })).toBe(1);
  });

  it('the unique index refuses a second record for the same period and channel', async () => {
    await repo.claim(req('unique', 'a'));
    await expect(
      store.db
        .collection('digests')
        .insertOne({ periodKey: 'unique', channel: 'slack:C1', status: 'posting' }),
    ).rejects.toMatchObject({ code: 11000 });
  });
});
