import type { Collection, Db } from 'mongodb';
import type { Counts, DaySummary, HourSummary } from '../core/insights/day-summary.ts';
import type { RollupRepository, StoredCounts } from '../core/ports.ts';
import { isDuplicateKey } from './docs.ts';
import { hourBucketsSince } from './hour-buckets.ts';

/** Bumped when the summary's shape changes: older summaries are then simply recomputed. */
const VERSION = 2;

type Summary = DaySummary | HourSummary;
interface CountsPart {
  totals: Counts;
  hours?: Counts[];
  platforms: Summary['platforms'];
}
type RollupDoc =
  | { _id: string; kind: 'counts'; bucket: string; counts: CountsPart; at: Date }
  | { _id: string; kind: 'patterns'; patterns: Summary['patterns']; at: Date };

/**
 * Per closed UTC day (`YYYY-MM-DD`) and hour (`YYYY-MM-DDTHH`) two documents, `feedback:v2:<bucket>`
 * (counts, platforms and a day's 24 hours: small) and `feedback:v2:<bucket>:patterns` (every pattern
 * of the bucket: large on a busy day), so that counting a range never reads the pattern lists. Each
 * insert is a claim: racing instances compute the same numbers from a closed bucket, one copy is kept.
 */
export function createRollupRepository(db: Db): RollupRepository {
  const col: Collection<RollupDoc> = db.collection('rollups');
  const key = (bucket: string) => `feedback:v${VERSION}:${bucket}`;
  const patternsKey = (bucket: string) => `${key(bucket)}:patterns`;
  const countsOf = async (bucket: string): Promise<StoredCounts | null> => {
    const doc = await col.findOne({ _id: key(bucket) });
    return doc?.kind === 'counts' ? doc.counts : null;
  };
  const get = async (bucket: string): Promise<Summary | null> => {
    const [counts, patterns] = await Promise.all([
      countsOf(bucket),
      col.findOne({ _id: patternsKey(bucket) }),
    ]);
    if (!counts || patterns?.kind !== 'patterns') return null;
    const name = bucket.includes('T') ? { hour: bucket } : { day: bucket };
    return { ...name, ...counts, patterns: patterns.patterns } as Summary;
  };
  /** True when this insert won the claim. */
  const claim = async (doc: RollupDoc): Promise<boolean> => {
    try {
      await col.insertOne(doc);
      return true;
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      return false;
    }
  };
  const put = async <S extends Summary>(bucket: string, summary: S): Promise<S> => {
    const { patterns } = summary;
    const counts: CountsPart = { totals: summary.totals, platforms: summary.platforms };
    if ('hours' in summary) counts.hours = summary.hours;
    const at = new Date();
    const won = [
      await claim({ _id: patternsKey(bucket), kind: 'patterns', patterns, at }),
      await claim({ _id: key(bucket), kind: 'counts', bucket, counts, at }),
    ];
    // Only a lost claim means another instance's copy is the one kept.
    if (won.every(Boolean)) return summary;
    return ((await get(bucket)) as S | null) ?? summary;
  };
  let since: Date | null = null;
  return {
    get: (day) => get(day) as Promise<DaySummary | null>,
    put: (summary) => put(summary.day, summary),
    getHour: (hour) => get(hour) as Promise<HourSummary | null>,
    putHour: (summary) => put(summary.hour, summary),
    countsOf,
    async invalidate(bucket) {
      await col.deleteOne({ _id: key(bucket) });
      await col.deleteOne({ _id: patternsKey(bucket) });
    },
    async hourlySince() {
      // Recorded once per database and never changed: read until found, then kept.
      since ??= await hourBucketsSince(db);
      return since ?? new Date(8.64e15);
    },
  };
}
