import type {
  DeliveryRepository,
  DigestRecord,
  DigestRepository,
  LeaseRepository,
} from '../../core/ports.ts';
import { claimRefusal, firstAttempt } from '../digest-claim-rules.ts';
import { copy } from './ids.ts';
import type { MemoryTables } from './tables.ts';

/** Delivery keys with the time they were claimed. */
export function memoryDeliveries(t: MemoryTables): DeliveryRepository {
  return {
    async claim(key, now) {
      if (t.deliveries.has(key)) return false;
      t.deliveries.set(key, now);
      return true;
    },
    async purgeOlderThan(before) {
      let n = 0;
      for (const [key, at] of t.deliveries)
        if (at < before) {
          t.deliveries.delete(key);
          n++;
        }
      return n;
    },
  };
}

/**
 * The same claim rules as the MongoDB digests repository (one winner per attempt, a stale 'posting'
 * attempt retried, a give-up after maxAttempts); here each claim is one synchronous step.
 */
export function memoryDigests(t: MemoryTables): DigestRepository {
  const key = (periodKey: string, channel: string) => `${periodKey}|${channel}`;
  const get = async (periodKey: string, channel: string) => {
    const r = t.digests.get(key(periodKey, channel));
    return r ? copy(r) : null;
  };
  return {
    get,
    async forPeriod(periodKey) {
      return [...t.digests.values()].filter((r) => r.periodKey === periodKey).map(copy);
    },
    async claim(req) {
      const { periodKey, channel, owner, now } = req;
      const record = t.digests.get(key(periodKey, channel));
      if (!record) {
        const created: DigestRecord = { ...firstAttempt(req), digest: copy(req.digest) };
        t.digests.set(key(periodKey, channel), created);
        return { claimed: true, attempt: 1, record: copy(created) };
      }
      const current = { attempt: record.attempt, status: record.status, since: record.updatedAt };
      const refused = claimRefusal(record, current, req);
      if (refused) return { claimed: false, reason: refused, record: copy(record) };
      Object.assign(record, { status: 'posting', attempt: record.attempt + 1, owner, updatedAt: now });
      delete record.error;
      return { claimed: true, attempt: record.attempt, record: copy(record) };
    },
    async markPosted(periodKey, channel, attempt, now) {
      const record = t.digests.get(key(periodKey, channel));
      if (!record) return;
      Object.assign(record, { status: 'posted', attempt, postedAt: now, updatedAt: now });
      delete record.error;
    },
    async markFailed(periodKey, channel, attempt, error, now) {
      const record = t.digests.get(key(periodKey, channel));
      if (!record || record.attempt !== attempt || record.status !== 'posting') return;
      Object.assign(record, { status: 'failed', error: error.slice(0, 500), updatedAt: now });
    },
    async firstRun(now) {
      t.state.firstRun ??= now;
      return t.state.firstRun;
    },
  };
}

export function memoryLeases(t: MemoryTables): LeaseRepository {
  return {
    async acquire(name, owner, ttlMs, now) {
      const held = t.leases.get(name);
      const expiresAt = new Date(now.getTime() + ttlMs);
      if (held && held.owner === owner) {
        held.expiresAt = expiresAt;
        return true;
      }
      if (held && held.expiresAt > now) return false;
      t.leases.set(name, { owner, acquiredAt: now, expiresAt });
      return true;
    },
    async release(name, owner) {
      if (t.leases.get(name)?.owner === owner) t.leases.delete(name);
    },
    async purgeExpired(before) {
      let n = 0;
      for (const [name, lease] of t.leases)
        if (lease.expiresAt < before) {
          t.leases.delete(name);
          n++;
        }
      return n;
    },
  };
}
