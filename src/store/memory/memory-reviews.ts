import { utcDay } from '../../core/insights/day-summary.ts';
import type { ReviewRepository } from '../../core/ports.ts';
import type { Review } from '../../core/types.ts';
import { copy, newId } from './ids.ts';
import { type MemoryTables, memoryTables } from './tables.ts';

export function memoryReviews(t: MemoryTables = memoryTables()): ReviewRepository {
  const rows = t.reviews;
  const claims = t.resolutions;
  const appended = t.reviewAudit;
  const openRow = (patternKey: string) =>
    [...rows.values()].find((r) => r.patternKey === patternKey && r.status === 'open');
  const findOpen = async (patternKey: string) => {
    const row = openRow(patternKey);
    return row ? copy(row) : null;
  };
  return {
    async openOrJoin(init, now) {
      // Look-up and insert without a pause in between: the one-open-review rule a unique index keeps elsewhere.
      const open = openRow(init.patternKey);
      if (open) return { review: copy(open), created: false };
      const review: Review = {
        id: newId(),
        ...init,
        status: 'open',
        threads: [],
        audit: [{ at: now, event: 'opened' }],
        createdAt: now,
        updatedAt: now,
      };
      rows.set(review.id, review);
      return { review: copy(review), created: true };
    },
    async get(id) {
      const row = rows.get(id);
      return row ? copy(row) : null;
    },
    findOpen,
    async list({ status, limit = 50 }) {
      return [...rows.values()]
        .filter((r) => !status || r.status === status)
        .sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime())
        .slice(0, limit)
        .map(copy);
    },
    async openedOnDay(day) {
      return [...rows.values()].filter((r) => utcDay(r.createdAt) === day).map(copy);
    },
    async closedOnDay(day) {
      return [...rows.values()].filter((r) => r.resolution && utcDay(r.resolution.at) === day).map(copy);
    },
    async addThread(id, thread) {
      const row = rows.get(id);
      if (!row) return;
      row.threads.push(copy(thread));
      row.audit.push({ at: new Date(), event: 'posted', detail: thread.platform });
    },
    async setTally(id, tally) {
      const row = rows.get(id);
      if (row) row.tally = copy(tally);
    },
    async claimResolution(id, resolution) {
      const existing = claims.get(id);
      if (existing) return { claimed: false, existing: copy(existing) };
      claims.set(id, copy(resolution));
      return { claimed: true };
    },
    async close(id, resolution) {
      const row = rows.get(id);
      if (!row) return null;
      const status = resolution.action === 'dismiss' ? 'dismissed' : 'resolved';
      Object.assign(row, { status, resolution: copy(resolution), updatedAt: resolution.at });
      row.audit.push({ at: resolution.at, event: status, actor: resolution.actor });
      return copy(row);
    },
    async addAudit(id, entry) {
      appended.set(id, [...(appended.get(id) ?? []), copy(entry)]);
    },
    async auditTrail(id) {
      const own = rows.get(id)?.audit ?? [];
      return [...own, ...(appended.get(id) ?? [])].map(copy).sort((a, b) => a.at.getTime() - b.at.getTime());
    },
  };
}
