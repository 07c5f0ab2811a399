import type { FeedbackStore } from '../core/ports.ts';

const DELIVERY_RETENTION_DAYS = 30;
const DAY_MS = 86_400_000;

/**
 * Deletes delivery de-duplication keys older than the retention (platforms stop retrying within
 * minutes; 30 days is ample) and long-expired leases. The embedded server has no TTL indexes.
 */
export async function runRetention(
  store: Pick<FeedbackStore, 'deliveries' | 'leases'>,
  now: Date,
  days = DELIVERY_RETENTION_DAYS,
): Promise<{ deliveries: number; leases: number }> {
  const deliveries = await store.deliveries.purgeOlderThan(new Date(now.getTime() - days * DAY_MS));
  const leases = await store.leases.purgeExpired(new Date(now.getTime() - DAY_MS));
  return { deliveries, leases };
}
