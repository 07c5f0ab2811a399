import { describe, expect, it } from 'vitest';
import { createDigestRepository } from '../../src/store/digests-repo.ts';
import { openTestStore } from '../helpers/db.ts';
import { req } from './contract/digest-contract.ts';

const store = await openTestStore('digests');
const repo = createDigestRepository(store.db);
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
