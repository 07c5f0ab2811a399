import type { TimeRange } from '../types.ts';
import { dayStart, hourStart, hoursOfDay } from './day-summary.ts';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
/** A day or hour is closed (its summary may be stored) this long after it ended: late writes in flight land first. */
const CLOSE_GRACE_MS = 10 * 60_000;

export const within = (d: Date, r: TimeRange) => d >= r.from && d < r.to;

const spans = (r: TimeRange, start: Date, length: number) =>
  r.from <= start && r.to.getTime() >= start.getTime() + length;

/** The range holds the whole UTC day. */
export const coversDay = (r: TimeRange, day: string) => spans(r, dayStart(day), DAY_MS);

/** The range holds the whole UTC hour. */
export const coversHour = (r: TimeRange, hour: string) => spans(r, hourStart(hour), HOUR_MS);

export function isClosedDay(day: string, now: Date): boolean {
  return dayStart(day).getTime() + DAY_MS + CLOSE_GRACE_MS <= now.getTime();
}

export function isClosedHour(hour: string, now: Date): boolean {
  return hourStart(hour).getTime() + HOUR_MS + CLOSE_GRACE_MS <= now.getTime();
}

/** The index of an hour in its day's summary (0–23). */
export const hourIndex = (hour: string) => Number(hour.slice(11, 13));

/**
 * The hours of `day` that overlap `range`, newest first — or null when one of them began before the
 * documents carried hour buckets (`since`): such a day is read whole, by its day bucket.
 */
export function hoursWithin(day: string, range: TimeRange, since: Date): string[] | null {
  const hours = hoursOfDay(day).filter((h) => {
    const start = hourStart(h).getTime();
    return start < range.to.getTime() && start + HOUR_MS > range.from.getTime();
  });
  if (hours.some((h) => hourStart(h) < since)) return null;
  return hours.reverse();
}
