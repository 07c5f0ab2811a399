import type { DaySummary, HourSummary } from '../../core/insights/day-summary.ts';
import type { RollupRepository } from '../../core/ports.ts';
import { copy } from './ids.ts';
import { type MemoryTables, memoryTables } from './tables.ts';

/** Day and hour summaries by bucket; the first put wins, as MongoDB's insert claim does. */
export function memoryRollups(t: MemoryTables = memoryTables()): RollupRepository {
  const get = (bucket: string) => {
    const s = t.rollups.get(bucket);
    return s ? copy(s) : null;
  };
  const put = <S extends DaySummary | HourSummary>(bucket: string, summary: S): S => {
    if (!t.rollups.has(bucket)) t.rollups.set(bucket, copy(summary));
    return copy(t.rollups.get(bucket)!) as S;
  };
  return {
    get: async (day) => get(day) as DaySummary | null,
    put: async (summary) => put(summary.day, summary),
    getHour: async (hour) => get(hour) as HourSummary | null,
    putHour: async (summary) => put(summary.hour, summary),
    async countsOf(bucket) {
      const s = get(bucket);
      if (!s) return null;
      return { totals: s.totals, platforms: s.platforms, ...('hours' in s ? { hours: s.hours } : {}) };
    },
    async invalidate(bucket) {
      t.rollups.delete(bucket);
    },
    // Memory rows are bucketed by their creation time on every read: complete from the start.
    hourlySince: async () => new Date(0),
  };
}
