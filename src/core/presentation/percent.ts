/** Rates (0–1) as people read them: whole percents, one rounding rule everywhere. */

/** Shown where there is no rate (no votes): a dash, not "0%". */
const NO_RATE = '—';

/** The rate as a whole percent, e.g. 0.554 → 55. */
function percentValue(rate: number): number {
  return Math.round(rate * 100);
}

/** e.g. "55%"; `none` when the rate is null or not a number (a period without votes). */
export function percent(rate: number | null, none = NO_RATE): string {
  return rate === null || !Number.isFinite(rate) ? none : `${percentValue(rate)}%`;
}

/**
 * Change between two rates in percentage points, as the difference of the two percents shown
 * ("77% vs 70%" is always 7 pts, never 6 from rounding the raw difference); null when either is missing.
 */
export function percentPoints(now: number | null, before: number | null): number | null {
  if (now === null || before === null || !Number.isFinite(now) || !Number.isFinite(before)) return null;
  return percentValue(now) - percentValue(before);
}
