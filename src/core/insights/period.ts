import type { TimeRange } from '../types.ts';
import { formatLocal, shiftLocalDays, zonedParts } from './zoned-time.ts';

/** A digest period: the days up to a scheduled fire time, named after that fire time. */
export interface DigestPeriod extends TimeRange {
  key: string;
}

const DIGEST_PERIOD_DAYS = 7;

/**
 * The key of the period ending at a scheduled fire time: its wall-clock time in the schedule's zone,
 * e.g. `2026-11-02T09:00`. Every instance derives the same key from the same schedule, which is what
 * makes "one digest per period and channel" checkable by a unique index.
 */
export function periodKey(fireTime: Date, timeZone: string): string {
  return formatLocal(zonedParts(fireTime, timeZone));
}

/**
 * The period that ends at `fireTime`: the same wall-clock time `days` calendar days earlier up to it.
 * Counting calendar days (not 24-hour blocks) keeps consecutive weekly periods back to back across a
 * DST change: such a week is 167 or 169 hours long.
 */
export function periodEndingAt(fireTime: Date, timeZone: string, days = DIGEST_PERIOD_DAYS): DigestPeriod {
  return {
    from: shiftLocalDays(fireTime, -days, timeZone),
    to: fireTime,
    key: periodKey(fireTime, timeZone),
  };
}

/** `count` back-to-back periods ending with `period`, oldest first. */
export function periodsEndingWith(
  period: TimeRange,
  count: number,
  timeZone: string,
  days = DIGEST_PERIOD_DAYS,
): TimeRange[] {
  const ranges: TimeRange[] = [{ from: period.from, to: period.to }];
  while (ranges.length < count) {
    const first = ranges[0]!;
    ranges.unshift({ from: shiftLocalDays(first.from, -days, timeZone), to: first.from });
  }
  return ranges;
}

/** The range of the same length right before `range` (the "previous period" of a trend). */
export function previousRange(range: TimeRange): TimeRange {
  const length = range.to.getTime() - range.from.getTime();
  return { from: new Date(range.from.getTime() - length), to: range.from };
}
