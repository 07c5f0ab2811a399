import type { Collection, Db } from 'mongodb';
import type { DeliveryRepository } from '../core/ports.ts';
import { isDuplicateKey } from './docs.ts';

/** Claimed delivery keys (e.g. `slack:event:Ev123`) live in `deliveries` under a unique `_id`. */
export function createDeliveryRepository(db: Db): DeliveryRepository {
  const col: Collection<{ _id: string; at: Date }> = db.collection('deliveries');
  return {
    async claim(key, now) {
      try {
        await col.insertOne({ _id: key, at: now });
        return true;
      } catch (err) {
        if (isDuplicateKey(err)) return false;
        throw err;
      }
    },
    async purgeOlderThan(before) {
      const { deletedCount } = await col.deleteMany({ at: { $lt: before } });
      return deletedCount;
    },
  };
}
