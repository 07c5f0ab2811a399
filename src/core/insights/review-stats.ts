import type { Review, TimeRange } from '../types.ts';
import { median, round } from './stats.ts';
import type { ReviewStats } from './types.ts';

const HOUR_MS = 3_600_000;
const within = (d: Date, range: TimeRange) => d >= range.from && d < range.to;

/**
 * Review activity of a range. `closed` holds recently closed reviews (any range), `open` the reviews
 * open now; together they tell which reviews were still open when the range ended.
 */
export function reviewStats(
  range: TimeRange,
  opened: readonly Review[],
  closed: readonly Review[],
  open: readonly Review[],
): ReviewStats {
  const closedInRange = closed.filter((r) => r.resolution && within(r.resolution.at, range));
  const openAtEnd =
    open.filter((r) => r.createdAt < range.to).length +
    closed.filter((r) => r.createdAt < range.to && r.resolution && r.resolution.at >= range.to).length;
  const hours = closedInRange.map((r) => (r.resolution!.at.getTime() - r.createdAt.getTime()) / HOUR_MS);
  const med = median(hours);
  return {
    opened: opened.length,
    resolved: closedInRange.length,
    dismissed: closedInRange.filter((r) => r.status === 'dismissed').length,
    open: openAtEnd,
    medianHoursToResolve: med === null ? null : round(med, 1),
  };
}
