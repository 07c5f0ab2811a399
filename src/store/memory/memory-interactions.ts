import { utcDay, utcHour } from '../../core/insights/day-summary.ts';
import type { InteractionRepository } from '../../core/ports.ts';
import { copy, newId } from './ids.ts';
import { type MemoryTables, memoryTables } from './tables.ts';

export function memoryInteractions(t: MemoryTables = memoryTables()): InteractionRepository {
  const rows = t.interactions;
  return {
    async insert(i) {
      const row = { id: newId(), ...copy(i) };
      rows.set(row.id, row);
      return copy(row);
    },
    async get(id) {
      const row = rows.get(id);
      return row ? copy(row) : null;
    },
    async getMany(ids) {
      return [...new Set(ids)].flatMap((id) => (rows.has(id) ? [copy(rows.get(id)!)] : []));
    },
    async setMessageRef(id, ref) {
      const row = rows.get(id);
      if (!row) return;
      for (const [k, v] of Object.entries(ref)) if (typeof v === 'string') Object.assign(row.ref, { [k]: v });
    },
    async timesOnDay(day) {
      return [...rows.values()].filter((r) => utcDay(r.createdAt) === day).map((r) => new Date(r.createdAt));
    },
    async timesInHour(hour) {
      return [...rows.values()]
        .filter((r) => utcHour(r.createdAt) === hour)
        .map((r) => new Date(r.createdAt));
    },
    async inThread(threadKey, limit) {
      return [...rows.values()]
        .filter((r) => r.threadKey === threadKey)
        .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())
        .slice(0, limit)
        .map(copy);
    },
  };
}
