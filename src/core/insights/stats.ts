import type { Feedback, FeedbackKind, Platform } from '../types.ts';
import type { PlatformInsights, VoteCounts } from './types.ts';

/** Rounds to 4 decimals so rates print and compare cleanly. */
export function round(n: number, digits = 4): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

export function ratio(part: number, whole: number): number {
  return whole === 0 ? 0 : round(part / whole);
}

export function voteCounts(feedback: readonly Feedback[]): VoteCounts {
  let up = 0;
  let down = 0;
  for (const f of feedback) {
    if (f.kind !== 'vote') continue;
    if (f.value === 'up') up++;
    else down++;
  }
  return { up, down, positiveRate: ratio(up, up + down) };
}

/** Positive rate, or null when there were no votes at all (a trend gap, not a 0 %). */
export function positiveRateOrNull(feedback: readonly Feedback[]): number | null {
  const { up, down, positiveRate } = voteCounts(feedback);
  return up + down === 0 ? null : positiveRate;
}

export function countByKind(feedback: readonly Feedback[]): Record<FeedbackKind, number> {
  const counts: Record<FeedbackKind, number> = { vote: 0, correction: 0, rating: 0 };
  for (const f of feedback) counts[f.kind]++;
  return counts;
}

export function averageRating(feedback: readonly Feedback[]): number {
  const ratings = feedback.flatMap((f) => (f.kind === 'rating' ? [f.value] : []));
  return ratings.length === 0 ? 0 : round(ratings.reduce((a, b) => a + b, 0) / ratings.length, 2);
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function byPlatform(feedback: readonly Feedback[]): PlatformInsights[] {
  const groups = new Map<Platform, Feedback[]>();
  for (const f of feedback) groups.set(f.platform, [...(groups.get(f.platform) ?? []), f]);
  return [...groups.entries()]
    .map(([platform, items]) => ({ platform, feedback: items.length, ...voteCounts(items) }))
    .sort((a, b) => b.feedback - a.feedback || a.platform.localeCompare(b.platform));
}
