import type { Digest } from '../views.ts';
import { percent, percentPoints } from './percent.ts';

/** What a rate is compared with when there is nothing before it. */
export const NO_PREVIOUS = 'no previous period';

/** "▲ 7 pts", "▼ 3 pts", "= 0 pts"; "" when either rate is missing (nothing to compare). */
export function trendArrow(now: number | null, before: number | null): string {
  const points = percentPoints(now, before);
  if (points === null) return '';
  if (points === 0) return '= 0 pts';
  return `${points > 0 ? '▲' : '▼'} ${Math.abs(points)} pts`;
}

/**
 * "▲ 7 pts vs 70%" (or vs `against`, e.g. "the 7 days before"); NO_PREVIOUS when there is no earlier
 * rate; "no votes this period" when there is no current one.
 */
export function trendVs(now: number | null, before: number | null, against?: string): string {
  if (now === null) return 'no votes this period';
  if (before === null) return NO_PREVIOUS;
  return `${trendArrow(now, before)} vs ${against ?? percent(before)}`;
}

/** "+30 pts", "-5 pts", "+0 pts"; "" when either rate is missing (the `heed insights` wording). */
export function signedPoints(now: number | null, before: number | null): string {
  const points = percentPoints(now, before);
  if (points === null) return '';
  return `${points >= 0 ? '+' : ''}${points} pts`;
}

/** A digest's positive rate, null when the period had no votes (its stored 0 is then no rate at all). */
export function digestRate(d: Pick<Digest, 'positiveRate' | 'totals'>): number | null {
  return d.totals.up + d.totals.down === 0 ? null : d.positiveRate;
}

/** The digest's positive rate with its change, e.g. "77% (▲ 7 pts vs 70%)" — Slack and Discord alike. */
export function digestRateTrend(d: Pick<Digest, 'positiveRate' | 'previousPositiveRate' | 'totals'>): string {
  const now = digestRate(d);
  if (now === null) return 'no votes this period';
  return `${percent(now)} (${trendVs(now, d.previousPositiveRate)})`;
}
