import type { Collection, Db } from 'mongodb';
import type { DaySummary } from '../core/insights/day-summary.ts';
import type { RollupRepository } from '../core/ports.ts';
import { isDuplicateKey } from './docs.ts';

/** Bumped when the summary's shape changes: older summaries are then simply recomputed. */
const VERSION = 1;

/** One document per closed UTC day, `_id` = `feedback:v1:YYYY-MM-DD`; the insert is the claim. */
export function createRollupRepository(db: Db): RollupRepository {
  const col: Collection<{ _id: string; summary: DaySummary; at: Date }> = db.collection('rollups');
  const key = (day: string) => `feedback:v${VERSION}:${day}`;
  return {
    async get(day) {
      return (await col.findOne({ _id: key(day) }))?.summary ?? null;
    },
    async put(summary) {
      try {
        await col.insertOne({ _id: key(summary.day), summary, at: new Date() });
        return summary;
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
        return (await col.findOne({ _id: key(summary.day) }))?.summary ?? summary;
      }
    },
    async invalidate(day) {
      await col.deleteOne({ _id: key(day) });
    },
  };
}
