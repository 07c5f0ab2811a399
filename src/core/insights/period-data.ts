import type { FeedbackStore, StoredCounts } from '../ports.ts';
import { isNegative } from '../review-policy.ts';
import type { Feedback, TimeRange } from '../types.ts';
import {
  addCounts,
  type Counts,
  countAll,
  countsWithin,
  daysOverlapping,
  emptyCounts,
  hoursOfDay,
  mergePatterns,
  mergePlatforms,
  type PatternCounts,
  type PlatformCounts,
  patternCounts,
  platformCounts,
  summarizeDay,
  summarizeHour,
} from './day-summary.ts';
import {
  coversDay,
  coversHour,
  hourIndex,
  hoursWithin,
  isClosedDay,
  isClosedHour,
  within,
} from './period-buckets.ts';

/** Negative items a period read keeps at least (common issues cluster the newest 1,000). */
const NEWEST_NEGATIVES = 1000;
/** Corrections a period read keeps at least (insights list the newest 200). */
const NEWEST_CORRECTIONS = 200;

interface PeriodData {
  counts: Counts;
  platforms: PlatformCounts[];
  patterns: PatternCounts[];
  /**
   * The range's newest negative feedback (👎, corrections, low ratings), newest first: at least the
   * `newest` asked for when the range holds that many (whole hours are read), never all of a long range.
   */
  negatives: Feedback[];
  /** The range's newest corrections, newest first: at least `newestCorrections` when it holds that many. */
  corrections: Feedback[];
}

/** Reads ranges for one insights/digest computation; each bucket is read at most once, however many ranges overlap it. */
export interface PeriodReader {
  period(range: TimeRange, newest?: number, newestCorrections?: number): Promise<PeriodData>;
  counts(range: TimeRange): Promise<Counts>;
}

interface Docs {
  feedback: Feedback[];
  times: Date[];
}

/** One bucket's share of a range: its numbers, and how to read its newest negative items. */
interface Part {
  counts: Counts;
  platforms: PlatformCounts[];
  patterns: PatternCounts[];
  /** Newest first: what to read for negative items and corrections, bucket by bucket. */
  units: Unit[];
}
interface Unit {
  negatives(): Promise<Feedback[]>;
  corrections(): Promise<Feedback[]>;
}

const corrections = (fs: Feedback[]) => fs.filter((f) => f.kind === 'correction');
const newestFirst = (a: Feedback, b: Feedback) => b.createdAt.getTime() - a.createdAt.getTime();

/**
 * Closed days come from their stored summaries, and so do closed hours that a range holds whole (the
 * open day's and the period's edges'): each computed from its documents the first time and stored
 * with an insert claim, so two instances racing compute the same numbers and one document is kept.
 * Only the open hour and hours a range cuts are read from their documents, by equality on the hour
 * bucket. Cost follows the length of the ranges, not the size of the history.
 */
export function createPeriodReader(store: FeedbackStore, now: Date): PeriodReader {
  const memo = new Map<string, Promise<unknown>>();
  const once = <T>(key: string, read: () => Promise<T>): Promise<T> => {
    if (!memo.has(key)) memo.set(key, read());
    return memo.get(key) as Promise<T>;
  };
  const since = () => once('since', () => store.rollups.hourlySince());
  const readDay = async (day: string): Promise<Docs> => {
    const [feedback, times] = await Promise.all([
      store.feedback.onDay(day),
      store.interactions.timesOnDay(day),
    ]);
    return { feedback, times };
  };
  const readHour = async (hour: string): Promise<Docs> => {
    const [feedback, times] = await Promise.all([
      store.feedback.inHour(hour),
      store.interactions.timesInHour(hour),
    ]);
    return { feedback, times };
  };
  // Summaries missing from the store are computed one at a time, and the documents read for them are
  // not kept: a first report over weeks of history holds one bucket's documents, not all of them.
  let computing: Promise<unknown> = Promise.resolve();
  const oneAtATime = <T>(work: () => Promise<T>): Promise<T> => {
    const run = computing.then(work);
    computing = run.catch(() => {});
    return run;
  };
  const summary = (day: string) =>
    once(`summary:${day}`, async () => {
      const stored = await store.rollups.get(day);
      if (stored) return stored;
      return oneAtATime(async () => {
        const { feedback, times } = memo.has(`raw:${day}`) ? await rawDay(day) : await readDay(day);
        return store.rollups.put(summarizeDay(day, feedback, times));
      });
    });
  const hourSummary = (hour: string) =>
    once(`hsum:${hour}`, async () => {
      const stored = await store.rollups.getHour(hour);
      if (stored) return stored;
      return oneAtATime(async () => {
        const { feedback, times } = await readHour(hour);
        return store.rollups.putHour(summarizeHour(hour, feedback, times));
      });
    });
  const rawDay = (day: string) => once(`raw:${day}`, () => readDay(day));
  const rawHour = (hour: string) => once(`rawh:${hour}`, () => readHour(hour));
  const rawPart = async (docs: Promise<Docs>, range: TimeRange): Promise<Part> => {
    const all = await docs;
    const feedback = all.feedback.filter((f) => within(f.createdAt, range));
    const negatives = feedback.filter(isNegative);
    const unit = { negatives: async () => negatives, corrections: async () => corrections(negatives) };
    return {
      counts: countAll(
        feedback,
        all.times.filter((t) => within(t, range)),
      ),
      platforms: platformCounts(feedback),
      patterns: patternCounts(feedback),
      units: [unit],
    };
  };
  /** A stored bucket's negative items and corrections, each by its own bucket field. */
  const storedUnit = (bucket: string, hourly: boolean): Unit => {
    const negatives = () =>
      once(`neg:${bucket}`, () =>
        hourly ? store.feedback.inHour(bucket, 'negative') : store.feedback.negativeOnDay(bucket),
      );
    return {
      negatives,
      corrections: () =>
        memo.has(`neg:${bucket}`)
          ? negatives().then(corrections)
          : once(`corr:${bucket}`, () =>
              hourly ? store.feedback.inHour(bucket, 'corrections') : store.feedback.correctionsOnDay(bucket),
            ),
    };
  };
  const dayParts = async (day: string, range: TimeRange): Promise<Part[]> => {
    const hours = hoursWithin(day, range, await since());
    if (isClosedDay(day, now) && coversDay(range, day)) {
      const s = await summary(day);
      const units = hours
        ? hoursOfDay(day)
            .reverse()
            .map((h) => storedUnit(h, true))
        : [storedUnit(day, false)];
      return [{ counts: s.totals, platforms: s.platforms, patterns: s.patterns, units }];
    }
    if (!hours) return [await rawPart(rawDay(day), range)];
    return Promise.all(
      hours.map(async (hour) => {
        if (!isClosedHour(hour, now) || !coversHour(range, hour)) return rawPart(rawHour(hour), range);
        const s = await hourSummary(hour);
        return {
          counts: s.totals,
          platforms: s.platforms,
          patterns: s.patterns,
          units: [storedUnit(hour, true)],
        };
      }),
    );
  };
  /** Newest buckets first, until `target` items are in hand: older ones could not be among the newest. */
  const newestOf = async (units: Unit[], target: number, read: (u: Unit) => Promise<Feedback[]>) => {
    const out: Feedback[] = [];
    for (const unit of units) {
      if (out.length >= target) break;
      out.push(...(await read(unit)));
    }
    return out;
  };
  /** A stored bucket's counts without its pattern list; computed (and stored whole) when missing. */
  const storedCounts = (bucket: string, compute: () => Promise<StoredCounts>) =>
    once(`counts:${bucket}`, async () => (await store.rollups.countsOf(bucket)) ?? compute());
  const hourCounts = async (day: string, hour: string, range: TimeRange): Promise<Counts> => {
    if (!coversHour(range, hour) || !isClosedHour(hour, now))
      return (await rawPart(rawHour(hour), range)).counts;
    // A closed day's summary holds its hours' counts; the open day's closed hours have their own.
    if (isClosedDay(day, now)) return (await storedCounts(day, () => summary(day))).hours![hourIndex(hour)]!;
    return (await storedCounts(hour, () => hourSummary(hour))).totals;
  };
  return {
    async period(range, newest = NEWEST_NEGATIVES, newestCorrections = NEWEST_CORRECTIONS) {
      const days = daysOverlapping(range.from, range.to).reverse();
      const parts = (await Promise.all(days.map((day) => dayParts(day, range)))).flat();
      const units = parts.flatMap((p) => p.units);
      const negatives = await newestOf(units, newest, (u) => u.negatives());
      const corrected = await newestOf(units, newestCorrections, (u) => u.corrections());
      return {
        counts: parts.reduce((c, p) => addCounts(c, p.counts), emptyCounts()),
        platforms: mergePlatforms(parts.map((p) => p.platforms)),
        patterns: mergePatterns(parts.map((p) => p.patterns)),
        negatives: negatives.filter((f) => within(f.createdAt, range)).sort(newestFirst),
        corrections: corrected.filter((f) => within(f.createdAt, range)).sort(newestFirst),
      };
    },
    async counts(range) {
      const parts = await Promise.all(
        daysOverlapping(range.from, range.to).map(async (day) => {
          if (isClosedDay(day, now)) {
            const sliced = countsWithin(day, (await storedCounts(day, () => summary(day))).hours!, range);
            if (sliced) return sliced;
          }
          const hours = hoursWithin(day, range, await since());
          if (!hours) return (await rawPart(rawDay(day), range)).counts;
          const counts = await Promise.all(hours.map((hour) => hourCounts(day, hour, range)));
          return counts.reduce((c, p) => addCounts(c, p), emptyCounts());
        }),
      );
      return parts.reduce((c, p) => addCounts(c, p), emptyCounts());
    },
  };
}
