import { isNegative } from '../review-policy.ts';
import type { Feedback, FeedbackKind, Platform, TimeRange } from '../types.ts';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** The UTC calendar day of an instant, `YYYY-MM-DD`: the bucket feedback, interactions and reviews are read by. */
export function utcDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}

export function dayStart(day: string): Date {
  return new Date(`${day}T00:00:00.000Z`);
}

/** The UTC hour of an instant, `YYYY-MM-DDTHH`: the finer bucket the period's edges are read by. */
export function utcHour(at: Date): string {
  return at.toISOString().slice(0, 13);
}

export function hourStart(hour: string): Date {
  return new Date(`${hour}:00:00.000Z`);
}

/** The 24 UTC hours of a day, oldest first. */
export function hoursOfDay(day: string): string[] {
  const start = dayStart(day).getTime();
  return Array.from({ length: 24 }, (_, h) => utcHour(new Date(start + h * HOUR_MS)));
}

/** Every UTC day that overlaps [from, to), oldest first. */
export function daysOverlapping(from: Date, to: Date): string[] {
  const days: string[] = [];
  for (let t = dayStart(utcDay(from)).getTime(); t < to.getTime(); t += DAY_MS)
    days.push(utcDay(new Date(t)));
  return days;
}

/** Counts that add up across hours and days. */
export interface Counts {
  feedback: number;
  up: number;
  down: number;
  byKind: Record<FeedbackKind, number>;
  ratingSum: number;
  ratingCount: number;
  interactions: number;
}

export interface PlatformCounts {
  platform: Platform;
  feedback: number;
  up: number;
  down: number;
}

export interface PatternCounts {
  patternKey: string;
  negative: number;
  total: number;
  /** One interaction of the pattern that day: where its example question is read from. */
  interactionId: string;
}

/** What a UTC day's feedback adds up to. A closed day's summary is stored once and reused. */
export interface DaySummary {
  day: string;
  totals: Counts;
  /** 24 UTC hours: lets a period that starts or ends inside the day use the summary for its counts. */
  hours: Counts[];
  platforms: PlatformCounts[];
  patterns: PatternCounts[];
}

export function emptyCounts(): Counts {
  return {
    feedback: 0,
    up: 0,
    down: 0,
    byKind: { vote: 0, correction: 0, rating: 0 },
    ratingSum: 0,
    ratingCount: 0,
    interactions: 0,
  };
}

export function addCounts(into: Counts, c: Counts): Counts {
  into.feedback += c.feedback;
  into.up += c.up;
  into.down += c.down;
  for (const k of Object.keys(into.byKind) as FeedbackKind[]) into.byKind[k] += c.byKind[k] ?? 0;
  into.ratingSum += c.ratingSum;
  into.ratingCount += c.ratingCount;
  into.interactions += c.interactions;
  return into;
}

function countFeedback(c: Counts, f: Feedback): void {
  c.feedback++;
  c.byKind[f.kind]++;
  if (f.kind === 'vote') {
    if (f.value === 'up') c.up++;
    else c.down++;
  }
  if (f.kind === 'rating') {
    c.ratingSum += f.value;
    c.ratingCount++;
  }
}

/** Counts of feedback and interaction times (already limited to the caller's range). */
export function countAll(feedback: readonly Feedback[], interactionTimes: readonly Date[]): Counts {
  const c = emptyCounts();
  for (const f of feedback) countFeedback(c, f);
  c.interactions = interactionTimes.length;
  return c;
}

export function platformCounts(feedback: readonly Feedback[]): PlatformCounts[] {
  const by = new Map<Platform, PlatformCounts>();
  for (const f of feedback) {
    const p = by.get(f.platform) ?? { platform: f.platform, feedback: 0, up: 0, down: 0 };
    p.feedback++;
    if (f.kind === 'vote') p[f.value]++;
    by.set(f.platform, p);
  }
  return [...by.values()];
}

export function patternCounts(feedback: readonly Feedback[]): PatternCounts[] {
  const by = new Map<string, PatternCounts>();
  for (const f of feedback) {
    const p = by.get(f.patternKey) ?? {
      patternKey: f.patternKey,
      negative: 0,
      total: 0,
      interactionId: f.interactionId,
    };
    p.total++;
    if (isNegative(f)) p.negative++;
    by.set(f.patternKey, p);
  }
  return [...by.values()];
}

/** What a closed UTC hour's feedback adds up to: what a period that starts or ends inside a day reads. */
export interface HourSummary {
  hour: string;
  totals: Counts;
  platforms: PlatformCounts[];
  patterns: PatternCounts[];
}

/** Summarises one UTC hour from its raw documents. */
export function summarizeHour(
  hour: string,
  feedback: readonly Feedback[],
  interactionTimes: readonly Date[],
): HourSummary {
  return {
    hour,
    totals: countAll(feedback, interactionTimes),
    platforms: platformCounts(feedback),
    patterns: patternCounts(feedback),
  };
}

/** Summarises one UTC day from its raw documents. */
export function summarizeDay(
  day: string,
  feedback: readonly Feedback[],
  interactionTimes: readonly Date[],
): DaySummary {
  const start = dayStart(day).getTime();
  const hourOf = (d: Date) => Math.min(23, Math.max(0, Math.floor((d.getTime() - start) / HOUR_MS)));
  const hours = Array.from({ length: 24 }, emptyCounts);
  for (const f of feedback) countFeedback(hours[hourOf(f.createdAt)]!, f);
  for (const t of interactionTimes) hours[hourOf(t)]!.interactions++;
  return {
    day,
    totals: countAll(feedback, interactionTimes),
    hours,
    platforms: platformCounts(feedback),
    patterns: patternCounts(feedback),
  };
}

/** The counts of the part of a summarised day (its 24 hours) inside a range, or null when the range cuts an hour. */
export function countsWithin(day: string, hours: readonly Counts[], range: TimeRange): Counts | null {
  const start = dayStart(day).getTime();
  const lo = Math.max(0, (range.from.getTime() - start) / HOUR_MS);
  const hi = Math.min(24, (range.to.getTime() - start) / HOUR_MS);
  if (!Number.isInteger(lo) || !Number.isInteger(hi)) return null;
  const c = emptyCounts();
  for (let h = lo; h < hi; h++) addCounts(c, hours[h]!);
  return c;
}

export function mergePlatforms(lists: readonly PlatformCounts[][]): PlatformCounts[] {
  const by = new Map<Platform, PlatformCounts>();
  for (const p of lists.flat()) {
    const m = by.get(p.platform) ?? { platform: p.platform, feedback: 0, up: 0, down: 0 };
    m.feedback += p.feedback;
    m.up += p.up;
    m.down += p.down;
    by.set(p.platform, m);
  }
  return [...by.values()];
}

export function mergePatterns(lists: readonly PatternCounts[][]): PatternCounts[] {
  const by = new Map<string, PatternCounts>();
  for (const p of lists.flat()) {
    const m = by.get(p.patternKey) ?? { ...p, negative: 0, total: 0 };
    m.negative += p.negative;
    m.total += p.total;
    by.set(p.patternKey, m);
  }
  return [...by.values()];
}
