import { localDate as localDay } from '../presentation/dates.ts';
import type { TimeRange } from '../types.ts';
import type { DigestTrendPeriod } from '../views.ts';

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
