import type { Db } from 'mongodb';
import type { LeaseRepository } from '../store/locks-repo.ts';

export const DELIVERY_RETENTION_DAYS = 30;
const DAY_MS = 86_400_000;

/**
 * Deletes delivery de-duplication keys older than the retention (platforms stop retrying within
 * minutes; 30 days is ample) and long-expired leases. The embedded server has no TTL indexes.
 */
export async function runRetention(
  db: Db,
  leases: LeaseRepository,
  now: Date,
  days = DELIVERY_RETENTION_DAYS,
): Promise<{ deliveries: number; leases: number }> {
  const { deletedCount } = await db
    .collection('deliveries')
    .deleteMany({ at: { $lt: new Date(now.getTime() - days * DAY_MS) } });
  const expired = await leases.purgeExpired(new Date(now.getTime() - DAY_MS));
  return { deliveries: deletedCount, leases: expired };
}
