import type { Feedback, Priority, Reason, Review } from './types.ts';

/** Everything an adapter needs to render a review thread root; built by the core, rendered by adapters. */
export interface ReviewView {
  review: Review;
  question: string;
  answerExcerpt: string;
  /** Which answerer/model produced the answer, from which knowledge entries and versions. */
  answerSource: string;
  /** The earlier turns of the thread the answer was given in (what the answerer saw), oldest first; absent or empty outside a thread. */
  context?: { question: string; answer: string }[];
  /** The trigger window for the pattern: negative items among the last `size` feedback. */
  window: { negative: number; total: number; size: number };
  reasonCounts: Partial<Record<Reason, number>>;
  corrections: CorrectionView[];
  comments: string[];
  suggestedAction: string;
  priority: Priority;
  /** Feedback that raised or joined the review, newest first. */
  related: Feedback[];
  /** Once the review is closed: what was done and by whom, in plain text (presentation's outcomeSentence). */
  outcome?: string;
}

interface CorrectionView {
  feedbackId: string;
  text: string;
  userId: string;
  userName?: string;
  at: Date;
}

/** One line of related feedback appended to a review thread. */
export interface FeedbackItemView {
  reviewId: string;
  feedback: Feedback;
  summary: string;
  /** The pattern's trigger window as this item left it. */
  window: ReviewView['window'];
}

/** One period of a digest's trend. Days are local dates (YYYY-MM-DD) in the schedule's zone: plain JSON survives storage. */
export interface DigestTrendPeriod {
  /** First day of the period. */
  start: string;
  /** The day the period ends (the digest's day). */
  end: string;
  /** All feedback (votes, corrections, ratings). */
  feedback: number;
  votes: number;
  /** Share of 👍 among the votes; null when there were none. */
  positiveRate: number | null;
}

/** The weekly insight digest, as the digest builder produces it and adapters render it. */
export interface Digest {
  periodKey: string;
  from: Date;
  to: Date;
  /** The schedule's zone (DIGEST_TZ) the period was cut in. Absent in digests stored before it existed. */
  timezone?: string;
  /** The period's days in that zone, e.g. "2026-10-26 – 2026-11-02", so no adapter formats dates itself. */
  periodLabel?: string;
  empty: boolean;
  totals: {
    feedback: number;
    up: number;
    down: number;
    corrections: number;
    ratings: number;
    interactions: number;
  };
  positiveRate: number;
  previousPositiveRate: number | null;
  /** Positive rate for up to 8 periods, oldest first (null where a period had no votes). */
  trend: (number | null)[];
  sparkline: string;
  /** The same periods with their volume, oldest first, this one last (the trend chart's data). Absent in digests stored before it existed. */
  trendPeriods?: DigestTrendPeriod[];
  byPlatform: { platform: string; feedback: number; positiveRate: number }[];
  commonIssues: { representative: string; frequency: number; samples: string[] }[];
  corrections: { question: string; text: string; userName?: string; status: 'pending' | 'approved' }[];
  opportunities: { description: string; score: number }[];
  reviewStats: { opened: number; resolved: number; open: number; medianHoursToResolve: number | null };
}
