/** Domain types shared by the core, the store and the adapters. Platform-free. */

export const PLATFORMS = ['slack', 'discord', 'web'] as const;
export type Platform = (typeof PLATFORMS)[number];

export const REASONS = ['inaccurate', 'outdated', 'incomplete', 'irrelevant', 'unsafe', 'other'] as const;
export type Reason = (typeof REASONS)[number];

/** How every adapter labels the reasons. */
export const REASON_LABELS: Record<Reason, string> = {
  inaccurate: 'Inaccurate',
  outdated: 'Outdated',
  incomplete: 'Incomplete',
  irrelevant: 'Irrelevant',
  unsafe: 'Unsafe',
  other: 'Other',
};

/** Where a question was asked / an answer lives, in platform terms the adapter understands. */
export interface ConversationRef {
  platform: Platform;
  userId: string;
  userName?: string;
  channelId?: string;
  threadId?: string;
  messageId?: string;
  teamId?: string;
  guildId?: string;
}

/** A knowledge entry (with version) that contributed to an answer. */
export interface SourceRef {
  knowledgeId: string;
  version: number;
  title?: string;
}

export interface Interaction {
  id: string;
  patternKey: string;
  question: string;
  answer: string;
  ref: ConversationRef;
  answerer: string;
  model?: string;
  sources: SourceRef[];
  /** True when the answerer failed and the user got a fallback message. */
  failed: boolean;
  /** `platform:channel:thread` when asked inside a thread: the key its follow-ups find it by. */
  threadKey?: string;
  /** Earlier interactions of the same thread that were sent to the answerer as context, oldest first. */
  contextIds?: string[];
  createdAt: Date;
}

export type FeedbackKind = 'vote' | 'correction' | 'rating';
export type Vote = 'up' | 'down';

export type FeedbackValue =
  | { kind: 'vote'; value: Vote }
  | { kind: 'rating'; value: number }
  | { kind: 'correction'; value: string };

export type Feedback = FeedbackValue & {
  id: string;
  interactionId: string;
  patternKey: string;
  platform: Platform;
  userId: string;
  userName?: string;
  reasons: Reason[];
  comment?: string;
  /** The review this feedback raised or joined. */
  reviewId?: string;
  createdAt: Date;
  updatedAt: Date;
};

export type ReviewStatus = 'open' | 'resolved' | 'dismissed';
export type Priority = 'medium' | 'high';
export type ResolutionAction = 'apply_correction' | 'update_instructions' | 'dismiss';

export interface Actor {
  platform: Platform;
  userId: string;
  name?: string;
  isModerator?: boolean;
}

/** Where a review thread was posted on one platform. */
export interface ThreadRef {
  platform: Platform;
  channelId: string;
  messageId: string;
  threadId?: string;
}

export interface Resolution {
  action: ResolutionAction;
  actor: Actor;
  at: Date;
  text?: string;
  note?: string;
  knowledgeId?: string;
  knowledgeVersion?: number;
  instructionsVersion?: number;
}

export interface AuditEntry {
  at: Date;
  /** `refused`: a non-moderator tried a moderator action (detail: the action); nothing changed. */
  event: 'opened' | 'resolved' | 'dismissed' | 'posted' | 'refused';
  detail?: string;
  actor?: Actor;
}

/**
 * A review of one query pattern. Related feedback points at it (`Feedback.reviewId`) rather than the
 * review listing its feedback: appends then never rewrite the review document, which matters on
 * servers whose updates are not atomic under concurrency (see README, "database limits").
 */
export interface Review {
  id: string;
  patternKey: string;
  status: ReviewStatus;
  /** The interaction that opened the review: its question is the pattern's example. */
  interactionId: string;
  question: string;
  threads: ThreadRef[];
  resolution?: Resolution;
  audit: AuditEntry[];
  /** What it held when its view was last built; absent on reviews no view was built for yet. */
  tally?: ReviewTally;
  createdAt: Date;
  updatedAt: Date;
}

/**
 * A review's linked feedback as of its last view (the review's post or a root refresh): counts and ids
 * only, no one's words, so `heed forget` and retention need not touch it. Reports read it instead of
 * every linked item; it is at most one refresh interval behind the last item that joined.
 */
export interface ReviewTally {
  related: number;
  corrections: number;
  /** When the longest-waiting correction was last written. */
  firstCorrectionAt?: Date;
  newestCorrectionId?: string;
  at: Date;
}

export interface KnowledgeEntry {
  id: string;
  patternKey: string;
  question: string;
  answer: string;
  version: number;
  source: 'seed' | 'correction' | 'manual';
  sourceFeedbackIds: string[];
  reviewId?: string;
  approvedBy?: Actor;
  createdAt: Date;
}

export interface InstructionsVersion {
  version: number;
  text: string;
  author?: Actor;
  reviewId?: string;
  createdAt: Date;
}

export interface TimeRange {
  from: Date;
  to: Date;
}

/** Where an answer was posted on its platform. */
export interface MessageRef {
  channelId?: string;
  messageId?: string;
  threadId?: string;
}
