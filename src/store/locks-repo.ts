import type { Collection, Db } from 'mongodb';
import type { LeaseRepository } from '../core/ports.ts';
import { isDuplicateKey } from './docs.ts';

interface LeaseDoc {
  _id: string;
  owner: string;
  acquiredAt: Date;
  expiresAt: Date;
}

export type { LeaseRepository } from '../core/ports.ts';

/**
 * Leases in `locks`, one document per name under a unique `_id`, so taking a free lease is an insert.
 * Taking over an expired lease deletes exactly that stale document and inserts again; on servers whose
 * conditional writes are not atomic two takers might both succeed, so the lease only saves duplicate
 * work: correctness (one post per period and channel) comes from the digest claims.
 */
export function createLeaseRepository(db: Db): LeaseRepository {
  const col: Collection<LeaseDoc> = db.collection('locks');
  const insert = async (name: string, owner: string, ttlMs: number, now: Date) => {
    try {
      await col.insertOne({ _id: name, owner, acquiredAt: now, expiresAt: new Date(now.getTime() + ttlMs) });
      return true;
    } catch (err) {
      if (isDuplicateKey(err)) return false;
      throw err;
    }
  };
  return {
    async acquire(name, owner, ttlMs, now) {
      if (await insert(name, owner, ttlMs, now)) return true;
      const held = await col.findOne({ _id: name });
      if (!held) return insert(name, owner, ttlMs, now);
      if (held.owner === owner) {
        await col.updateOne({ _id: name, owner }, { $set: { expiresAt: new Date(now.getTime() + ttlMs) } });
        return true;
      }
      if (held.expiresAt > now) return false;
      await col.deleteOne({ _id: name, owner: held.owner, expiresAt: held.expiresAt });
      return insert(name, owner, ttlMs, now);
    },
    async release(name, owner) {
      await col.deleteOne({ _id: name, owner });
    },
    async purgeExpired(before) {
      const { deletedCount } = await col.deleteMany({ expiresAt: { $lt: before } });
      return deletedCount;
    },
  };
}
