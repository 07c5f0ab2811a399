import type { Db } from 'mongodb';
import { isDuplicateKey } from './docs.ts';

/** The `meta` document that says from when on every document carries its hour bucket. */
const HOUR_BUCKETS_ID = 'buckets:hour:v1';

interface HourBucketsDoc {
  _id: string;
  since: Date;
}

/**
 * Hour buckets (`hour`, `negHour`, `corrHour`) are written with every document from this version on.
 * Rather than rewriting a whole history at start-up, heed records once from when they are complete: a
 * database with no feedback or interactions yet is complete from the start (the epoch), an older one
 * from now, and hours before that are read by day. The insert is the claim: racing instances agree.
 */
export async function claimHourBuckets(db: Db, now = new Date()): Promise<Date> {
  const meta = db.collection<HourBucketsDoc>('meta');
  const found = await meta.findOne({ _id: HOUR_BUCKETS_ID });
  if (found) return found.since;
  const used =
    (await db.collection('feedback').findOne({}, { projection: { _id: 1 } })) !== null ||
    (await db.collection('interactions').findOne({}, { projection: { _id: 1 } })) !== null;
  const since = used ? now : new Date(0);
  try {
    await meta.insertOne({ _id: HOUR_BUCKETS_ID, since });
    return since;
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    return (await meta.findOne({ _id: HOUR_BUCKETS_ID }))?.since ?? since;
  }
}

/** The recorded instant, or null before the claim (nothing is read by hour then). */
export async function hourBucketsSince(db: Db): Promise<Date | null> {
  return (await db.collection<HourBucketsDoc>('meta').findOne({ _id: HOUR_BUCKETS_ID }))?.since ?? null;
}
