const BARS = '▁▂▃▄▅▆▇█';
/** Shown for a period without votes: a gap, not a zero. */
const NO_DATA = '·';

/**
 * One character per value on an absolute 0–1 scale (▁ = 0 %, █ = 100 %), so the same rate always
 * draws the same bar from week to week; null draws a gap.
 */
export function sparkline(values: readonly (number | null)[]): string {
  return values
    .map((v) => {
      if (v === null || !Number.isFinite(v)) return NO_DATA;
      const clamped = Math.min(1, Math.max(0, v));
      return BARS[Math.round(clamped * (BARS.length - 1))];
    })
    .join('');
}
