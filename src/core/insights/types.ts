import type { FeedbackKind, Platform, Reason, TimeRange } from '../types.ts';

interface VoteCounts {
  up: number;
  down: number;
  /** up / (up + down); 0 when there were no votes. */
  positiveRate: number;
}

interface PlatformInsights extends VoteCounts {
  platform: Platform;
  feedback: number;
}

export type CorrectionStatus = 'pending' | 'approved' | 'dismissed' | 'resolved' | 'unreviewed';

export interface CorrectionInsight {
  feedbackId: string;
  interactionId: string;
  question: string;
  text: string;
  userId: string;
  userName?: string;
  at: Date;
  reviewId?: string;
  /** pending: its review is open; approved: applied to the knowledge base; resolved: closed otherwise. */
  status: CorrectionStatus;
}

/** A group of similar negative feedback (question + comment). */
export interface CommonIssue {
  /** The question asked most often in the group. */
  representative: string;
  frequency: number;
  /** Up to 3 distinct comments, newest first. */
  samples: string[];
  reasons: Partial<Record<Reason, number>>;
  patternKeys: string[];
}

export interface PatternOpportunity {
  patternKey: string;
  question: string;
  negative: number;
  total: number;
  negativeRate: number;
  /** negative volume × negative rate. */
  score: number;
}

export interface StaleReview {
  reviewId: string;
  question: string;
  openedAt: Date;
  ageDays: number;
}

/** An open review's corrections waiting for approval: the newest, and how many. */
export interface PendingCorrection {
  reviewId: string;
  /** The newest correction waiting in the review. */
  feedbackId: string;
  question: string;
  text: string;
  userName?: string;
  at: Date;
  /** How many corrections wait in the review (the newest included). */
  count: number;
  /** When the longest-waiting one was written. */
  since: Date;
}

interface Opportunities {
  patterns: PatternOpportunity[];
  staleReviews: StaleReview[];
  pendingCorrections: PendingCorrection[];
}

export interface ReviewStats {
  /** Reviews raised in the range. */
  opened: number;
  /** Reviews closed in the range (resolved or dismissed). */
  resolved: number;
  dismissed: number;
  /** Reviews open at the end of the range. */
  open: number;
  /** Median hours from opening to closing of the reviews closed in the range; null when none. */
  medianHoursToResolve: number | null;
}

export interface Insights extends VoteCounts {
  range: TimeRange;
  interactions: number;
  feedback: number;
  byKind: Record<FeedbackKind, number>;
  /** Mean of the 1–5 ratings; 0 when there were none. */
  averageRating: number;
  corrections: CorrectionInsight[];
  commonIssues: CommonIssue[];
  opportunities: Opportunities;
  trend: {
    previous: TimeRange;
    /** null when the previous period had no votes. */
    previousPositiveRate: number | null;
    /** Change in positive rate (this − previous); null when either period had no votes. */
    change: number | null;
  };
  byPlatform: PlatformInsights[];
  reviews: ReviewStats;
}
