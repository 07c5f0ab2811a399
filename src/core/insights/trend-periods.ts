import type { TimeRange } from '../types.ts';
import type { DigestTrendPeriod } from '../views.ts';
import { formatLocal, zonedParts } from './zoned-time.ts';

const localDay = (d: Date, tz: string) => formatLocal(zonedParts(d, tz)).slice(0, 10);

/** One trend period of the digest (the chart's data) from its counts, whatever they were read from. */
export function trendPeriod(
  window: TimeRange,
  counts: { feedback: number; up: number; down: number },
  timezone: string,
): DigestTrendPeriod {
  const votes = counts.up + counts.down;
  return {
    start: localDay(window.from, timezone),
    end: localDay(window.to, timezone),
    feedback: counts.feedback,
    votes,
    positiveRate: votes === 0 ? null : Math.round((counts.up / votes) * 10_000) / 10_000,
  };
}
