import type { Db } from 'mongodb';
import { utcDay } from '../core/insights/day-summary.ts';
import { isNegative } from '../core/review-policy.ts';
import type { FeedbackValue } from '../core/types.ts';

const MARKER = 'backfill:days:v2';

/**
 * Documents written before day buckets existed get them once (`day`, `negDay`, `closedDay`), so
 * insights read them by equality like new ones. A marker in `meta` makes later starts skip the scan.
 */
export async function backfillDays(db: Db): Promise<number> {
  const meta = db.collection<{ _id: string; at: Date }>('meta');
  if (await meta.findOne({ _id: MARKER })) return 0;
  let updated = 0;
  for (const name of ['interactions', 'feedback', 'reviews']) {
    const col = db.collection(name);
    const missing = name === 'feedback' ? { corrDay: { $exists: false }, kind: 'correction' } : {};
    for await (const doc of col.find({
      $or: [{ day: { $exists: false } }, ...(name === 'feedback' ? [missing] : [])],
    })) {
      if (!(doc.createdAt instanceof Date)) continue;
      const day = utcDay(doc.createdAt);
      const set: Record<string, string> = { day };
      if (name === 'feedback' && isNegative(doc as unknown as FeedbackValue)) set.negDay = day;
      if (name === 'feedback' && doc.kind === 'correction') set.corrDay = day;
      if (name === 'reviews' && doc.resolution?.at instanceof Date) set.closedDay = utcDay(doc.resolution.at);
      await col.updateOne({ _id: doc._id }, { $set: set });
      updated++;
    }
  }
  await meta.updateOne({ _id: MARKER }, { $set: { at: new Date() } }, { upsert: true });
  return updated;
}
