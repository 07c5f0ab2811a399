import type { FeedbackStore } from '../ports.ts';
import { isNegative } from '../review-policy.ts';
import type { Feedback, TimeRange } from '../types.ts';
import {
  addCounts,
  type Counts,
  countAll,
  countsWithin,
  dayStart,
  daysOverlapping,
  emptyCounts,
  mergePatterns,
  mergePlatforms,
  type PatternCounts,
  type PlatformCounts,
  patternCounts,
  platformCounts,
  summarizeDay,
} from './day-summary.ts';

const DAY_MS = 86_400_000;
/** A day is closed (its summary may be stored) this long after it ended: late writes in flight land first. */
const CLOSE_GRACE_MS = 10 * 60_000;
/** Negative items a period read keeps at least (common issues cluster the newest 1,000). */
const NEWEST_NEGATIVES = 1000;

interface PeriodData {
  counts: Counts;
  platforms: PlatformCounts[];
  patterns: PatternCounts[];
  /**
   * The range's newest negative feedback (👎, corrections, low ratings), newest first: at least the
   * `newest` asked for when the range holds that many (whole days are read), never all of a long range.
   */
  negatives: Feedback[];
  /** Every correction of the range, newest first. */
  corrections: Feedback[];
}

const within = (d: Date, r: TimeRange) => d >= r.from && d < r.to;
const covers = (r: TimeRange, day: string) =>
  r.from <= dayStart(day) && r.to.getTime() >= dayStart(day).getTime() + DAY_MS;

export function isClosedDay(day: string, now: Date): boolean {
  return dayStart(day).getTime() + DAY_MS + CLOSE_GRACE_MS <= now.getTime();
}

/** Reads ranges for one insights/digest computation; each day is read at most once, however many ranges overlap it. */
export interface PeriodReader {
  period(range: TimeRange, newest?: number): Promise<PeriodData>;
  counts(range: TimeRange): Promise<Counts>;
}

/**
 * Closed days come from their stored summaries: computed from the day's documents the first time and
 * stored with an insert claim, so two instances racing compute the same numbers and one document is
 * kept. The open day and days a range only partly covers are read from their documents by equality
 * on the day bucket. Cost follows the length of the ranges, not the size of the history.
 */
export function createPeriodReader(store: FeedbackStore, now: Date): PeriodReader {
  const memo = new Map<string, Promise<unknown>>();
  const once = <T>(key: string, read: () => Promise<T>): Promise<T> => {
    if (!memo.has(key)) memo.set(key, read());
    return memo.get(key) as Promise<T>;
  };
  const dayDocs = (day: string) =>
    once(`raw:${day}`, () =>
      Promise.all([store.feedback.onDay(day), store.interactions.timesOnDay(day)]).then(
        ([feedback, times]) => ({ feedback, times }),
      ),
    );
  const summary = (day: string) =>
    once(`summary:${day}`, async () => {
      const stored = await store.rollups.get(day);
      if (stored) return stored;
      const { feedback, times } = await dayDocs(day);
      return store.rollups.put(summarizeDay(day, feedback, times));
    });
  const rawWithin = async (day: string, range: TimeRange) => {
    const { feedback, times } = await dayDocs(day);
    return {
      feedback: feedback.filter((f) => within(f.createdAt, range)),
      times: times.filter((t) => within(t, range)),
    };
  };
  return {
    async period(range, newest = NEWEST_NEGATIVES) {
      const days = daysOverlapping(range.from, range.to).reverse();
      const parts = await Promise.all(
        days.map(async (day) => {
          if (isClosedDay(day, now) && covers(range, day)) {
            const [s, corrections] = await Promise.all([
              summary(day),
              once(`corr:${day}`, () => store.feedback.correctionsOnDay(day)),
            ]);
            return { day, counts: s.totals, platforms: s.platforms, patterns: s.patterns, corrections };
          }
          const { feedback, times } = await rawWithin(day, range);
          const negatives = feedback.filter(isNegative);
          return {
            day,
            counts: countAll(feedback, times),
            platforms: platformCounts(feedback),
            patterns: patternCounts(feedback),
            corrections: negatives.filter((f) => f.kind === 'correction'),
            negatives,
          };
        }),
      );
      // Newest days first, until `newest` negative items are in hand: older ones could not be among them.
      const negatives: Feedback[] = [];
      for (const part of parts) {
        if (negatives.length >= newest) break;
        negatives.push(
          ...('negatives' in part && part.negatives
            ? part.negatives
            : await once(`neg:${part.day}`, () => store.feedback.negativeOnDay(part.day))),
        );
      }
      const newestFirst = (a: Feedback, b: Feedback) => b.createdAt.getTime() - a.createdAt.getTime();
      return {
        counts: parts.reduce((c, p) => addCounts(c, p.counts), emptyCounts()),
        platforms: mergePlatforms(parts.map((p) => p.platforms)),
        patterns: mergePatterns(parts.map((p) => p.patterns)),
        negatives: negatives.filter((f) => within(f.createdAt, range)).sort(newestFirst),
        corrections: parts
          .flatMap((p) => p.corrections)
          .filter((f) => within(f.createdAt, range))
          .sort(newestFirst),
      };
    },
    async counts(range) {
      const parts = await Promise.all(
        daysOverlapping(range.from, range.to).map(async (day) => {
          if (isClosedDay(day, now)) {
            const sliced = countsWithin(await summary(day), range.from, range.to);
            if (sliced) return sliced;
          }
          const { feedback, times } = await rawWithin(day, range);
          return countAll(feedback, times);
        }),
      );
      return parts.reduce((c, p) => addCounts(c, p), emptyCounts());
    },
  };
}
