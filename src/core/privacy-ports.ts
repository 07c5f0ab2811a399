/** The privacy part of the store port: `heed forget`, `heed export user`, HEED_RETENTION_DAYS, audit. */
import type { FeedbackRow, InteractionRow } from './datasets/schemas.ts';
import type { UserRef } from './user-ref.ts';

/** What `heed forget` changed, by kind of record. */
export interface ForgetCounts {
  interactions: number;
  feedback: number;
  reviews: number;
  resolutions: number;
  knowledge: number;
  instructions: number;
  deliveries: number;
  /** Records of other kinds (digests, …) their name, id or text was removed from. */
  other: number;
}

export interface TextRetentionResult {
  /** Text older than this (interactions by creation, feedback by last change) is redacted. */
  cutoff: Date;
  interactions: number;
  feedback: number;
  dryRun: boolean;
}

/** A knowledge entry as `heed export user` shows it. */
export interface UserKnowledgeRow {
  id: string;
  patternKey: string;
  version: number;
  question: string;
  answer: string;
  createdAt: string;
}
/** Everything heed holds about one person (`heed export user`), JSON-ready. */
export interface UserDataExport {
  user: string;
  exportedAt: string;
  interactions: InteractionRow[];
  feedback: FeedbackRow[];
  knowledgeFromTheirFeedback: UserKnowledgeRow[];
  moderatorActions: {
    reviews: {
      reviewId: string;
      event: string;
      at: string;
      action?: string;
      text?: string | null;
      note?: string | null;
    }[];
    knowledgeApproved: UserKnowledgeRow[];
    instructionsAuthored: { version: number; text: string; createdAt: string }[];
  };
}

export interface PrivacyAuditEntry {
  action: 'forget' | 'retention';
  operator: string;
  at: Date;
  counts: object;
}

export interface PrivacyRepository {
  /**
   * `heed forget`: the person's questions, answers to them, comments and corrections lose their text;
   * their id becomes one random tombstone (counts and rates stay) and their name goes, everywhere.
   * Knowledge approved from their correction stays, without their identity. Idempotent.
   */
  forgetUser(user: UserRef, now: Date): Promise<ForgetCounts>;
  /** `heed export user`. */
  exportUser(user: UserRef, now: Date): Promise<UserDataExport>;
  /**
   * HEED_RETENTION_DAYS: removes the free text of interactions and feedback older than `days`, keeping
   * ids, kinds, values, timestamps and day buckets, so every count and rate stays. Idempotent.
   */
  redactOldText(now: Date, days: number, opts?: { dryRun?: boolean }): Promise<TextRetentionResult>;
  /** Who ran what, when, and how many records it touched — never whom or what was removed. Returns its id. */
  recordAudit(entry: PrivacyAuditEntry): Promise<string>;
}
