import type { DaySummary } from './insights/day-summary.ts';
import type {
  Actor,
  AuditEntry,
  Feedback,
  FeedbackValue,
  InstructionsVersion,
  Interaction,
  KnowledgeEntry,
  MessageRef,
  Platform,
  Resolution,
  Review,
  ThreadRef,
} from './types.ts';
import type { Digest, FeedbackItemView, ReviewView } from './views.ts';

export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };

/** Structured logger (pino satisfies it). First argument: context object; never secrets. */
export interface Logger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
  child(bindings: Record<string, unknown>): Logger;
}

/** Counters and timings heed exports on `/metrics`. Names are fixed here so every caller agrees. */
export type CounterName =
  | 'store_retries_total'
  | 'handler_errors_total'
  | 'slack_signature_failures_total'
  | 'feedback_recorded_total';
export type HistogramName = 'click_ack_seconds' | 'negative_feedback_seconds' | 'answer_seconds';
export interface Metrics {
  inc(name: CounterName, labels?: Record<string, string>): void;
  observe(name: HistogramName, seconds: number, labels?: Record<string, string>): void;
}
/** For tests and tools that export nothing. */
export const noMetrics: Metrics = { inc() {}, observe() {} };

/** One earlier turn of the thread a question was asked in. */
export interface HistoryTurn {
  role: 'user' | 'assistant';
  text: string;
}
export interface AnswerRequest {
  question: string;
  patternKey: string;
  /** Earlier turns of the same thread, oldest first (empty outside a thread). */
  history?: HistoryTurn[];
  user?: { platform: Platform; id: string; name?: string };
  conversation?: { platform: Platform; channelId?: string; threadId?: string };
}
export interface AnswerResult {
  text: string;
  sources: { knowledgeId: string; version: number; title?: string }[];
  answerer: string;
  model?: string;
  /** True when the answerer could not answer and `text` is a fallback message. */
  failed?: boolean;
}
export interface Answerer {
  answer(req: AnswerRequest): Promise<AnswerResult>;
}

/** Groups questions that mean the same thing. */
export interface PatternKeyer {
  keyFor(question: string): Promise<string>;
}

/** A pattern the embeddings keyer knows: its key and the mean embedding of (up to some of) its questions. */
export interface EmbeddingPattern {
  model: string;
  key: string;
  centroid: number[];
  count: number;
}
/** Embeddings by id (sha256 of model + text; no text is stored) and the embeddings keyer's patterns. */
export interface EmbeddingCache {
  getMany(ids: readonly string[]): Promise<Map<string, number[]>>;
  putMany(entries: readonly { id: string; model: string; vector: number[] }[]): Promise<void>;
  loadPatterns(model: string): Promise<EmbeddingPattern[]>;
  /** Upsert by (model, key). */
  savePattern(pattern: EmbeddingPattern): Promise<void>;
}

/** What an adapter offers the core. Methods return null / resolve quietly when the platform has no channel set. */
/**
 * What the core asks of a platform. The error contract, the same for every adapter:
 * - A method **throws** when the platform refused or failed the call (network, permissions, rate limit
 *   after the SDK's own retries). It does not log or swallow that failure itself: the core's
 *   `PlatformHub.safely` logs it once, with the method and thread, and carries on — stored data stands.
 * - `postReview` returns `null` (no throw) only when the platform has no moderators' channel configured.
 * - A method **swallows and logs** only a failure of a courtesy step after the main call landed
 *   (e.g. refreshing a root message), so the main call is never reported as failed when it was not.
 * - `digestChannels` never throws.
 */
export interface ChatPlatform {
  readonly platform: Platform;
  postReview(view: ReviewView): Promise<ThreadRef | null>;
  appendToReview(thread: ThreadRef, view: ReviewView, item: FeedbackItemView): Promise<void>;
  markResolved(thread: ThreadRef, view: ReviewView): Promise<void>;
  /** Digest channels this platform posts to (empty when none configured). */
  digestChannels(): string[];
  postDigest(digest: Digest, channelId: string): Promise<void>;
}

// ---- persistence ----------------------------------------------------------------------------

export type NewInteraction = Omit<Interaction, 'id'>;
export interface InteractionRepository {
  insert(i: NewInteraction): Promise<Interaction>;
  get(id: string): Promise<Interaction | null>;
  getMany(ids: string[]): Promise<Interaction[]>;
  setMessageRef(id: string, ref: MessageRef): Promise<void>;
  /** When each interaction of a UTC day (`YYYY-MM-DD`) was created: an equality lookup on its day bucket. */
  timesOnDay(day: string): Promise<Date[]>;
  /** The newest `limit` interactions recorded under a thread key, newest first. */
  inThread(threadKey: string, limit: number): Promise<Interaction[]>;
}

export type FeedbackWrite = FeedbackValue & {
  interactionId: string;
  patternKey: string;
  platform: Platform;
  userId: string;
  userName?: string;
  reasons: Feedback['reasons'];
  comment?: string;
};
export interface FeedbackUpsertResult {
  feedback: Feedback;
  /** created: first vote of this kind; updated: value changed; unchanged: identical redelivery. */
  status: 'created' | 'updated' | 'unchanged';
}
export interface FeedbackRepository {
  upsert(f: FeedbackWrite, now: Date): Promise<FeedbackUpsertResult>;
  linkToReview(feedbackId: string, reviewId: string): Promise<void>;
  forReview(reviewId: string): Promise<Feedback[]>;
  recentForPattern(patternKey: string, limit: number): Promise<Feedback[]>;
  countForInteraction(interactionId: string): Promise<number>;
  /** Feedback created on a UTC day (`YYYY-MM-DD`): an equality lookup on its day bucket. */
  onDay(day: string): Promise<Feedback[]>;
  /** The negative part of it (👎, corrections, ratings ≤ 2), by its own bucket. */
  negativeOnDay(day: string): Promise<Feedback[]>;
  /** The corrections among them, by their own bucket. */
  correctionsOnDay(day: string): Promise<Feedback[]>;
}

export interface ReviewRepository {
  /** The pattern's open review, or a new one: a unique index makes it one open review per pattern. */
  openOrJoin(
    init: Pick<Review, 'patternKey' | 'interactionId' | 'question'>,
    now: Date,
  ): Promise<{ review: Review; created: boolean }>;
  get(id: string): Promise<Review | null>;
  findOpen(patternKey: string): Promise<Review | null>;
  list(filter: { status?: Review['status']; limit?: number }): Promise<Review[]>;
  /** Reviews opened on a UTC day. */
  openedOnDay(day: string): Promise<Review[]>;
  /** Reviews resolved or dismissed on a UTC day. */
  closedOnDay(day: string): Promise<Review[]>;
  addThread(id: string, thread: ThreadRef): Promise<void>;
  /**
   * Claims the right to resolve a review (a unique insert: one winner). When another claim exists it
   * is returned instead, so an unfinished resolution (its resolver died) can be completed.
   */
  claimResolution(
    id: string,
    resolution: Resolution,
  ): Promise<{ claimed: true } | { claimed: false; existing: Resolution }>;
  /** Writes the (claimed) resolution onto the review and closes it. */
  close(id: string, resolution: Resolution): Promise<Review | null>;
  /**
   * Appends to a review's audit trail without touching the review document (an insert: a refusal can
   * never overwrite a concurrent resolution on servers whose updates are not atomic).
   */
  addAudit(id: string, entry: AuditEntry): Promise<void>;
  /** The review's audit trail: its own entries and the appended ones, oldest first. */
  auditTrail(id: string): Promise<AuditEntry[]>;
}

export interface KnowledgeRepository {
  /** Adds a new version for the pattern (version = latest + 1). */
  add(entry: Omit<KnowledgeEntry, 'id' | 'version' | 'createdAt'>, now: Date): Promise<KnowledgeEntry>;
  /** Seeds an entry once: a second call with the same pattern and answer changes nothing. */
  seed(entry: { patternKey: string; question: string; answer: string }, now: Date): Promise<KnowledgeEntry>;
  get(id: string): Promise<KnowledgeEntry | null>;
  latestForPattern(patternKey: string): Promise<KnowledgeEntry | null>;
  /** The latest version of every pattern. */
  listLatest(): Promise<KnowledgeEntry[]>;
  history(patternKey: string): Promise<KnowledgeEntry[]>;
  /** The entry a review's resolution created, if any. */
  forReview(reviewId: string): Promise<KnowledgeEntry | null>;
  /** Changes whenever an entry is added anywhere (entries are append-only): a cheap freshness check. */
  signature(): Promise<string>;
}

export interface InstructionsRepository {
  current(): Promise<InstructionsVersion | null>;
  add(
    text: string,
    author: Actor | undefined,
    reviewId: string | undefined,
    now: Date,
  ): Promise<InstructionsVersion>;
  history(limit?: number): Promise<InstructionsVersion[]>;
  /** The version a review's resolution created, if any. */
  forReview(reviewId: string): Promise<InstructionsVersion | null>;
}

/** Durable de-duplication of platform deliveries (event ids, interaction ids). */
export interface DeliveryRepository {
  /** True the first time a key is claimed; false for every later claim, also after a restart. */
  claim(key: string, now: Date): Promise<boolean>;
}

/** Which documents an export reads: created in [since, until), on one platform. */
export interface ExportFilter {
  since?: Date;
  until?: Date;
  platform?: Platform;
}
/** Cursor-backed reads for `heed export` (src/core/datasets): nothing is held beyond one batch. */
export interface DataExportSource {
  count(
    collection: 'feedback' | 'interactions' | 'reviews' | 'knowledge',
    filter: ExportFilter,
  ): Promise<number>;
  feedback(filter: ExportFilter): AsyncIterable<Feedback>;
  /** Every feedback document in `_id` order, so one interaction's feedback comes together. */
  feedbackByInteraction(): AsyncIterable<Feedback>;
  interactions(filter: ExportFilter): AsyncIterable<Interaction>;
  reviews(filter: ExportFilter): AsyncIterable<Review>;
  /** Knowledge entries a moderator approved from a review's correction. */
  approvedCorrections(): AsyncIterable<KnowledgeEntry>;
  feedbackForPattern(patternKey: string): AsyncIterable<Feedback>;
  interaction(id: string): Promise<Interaction | null>;
  latestKnowledgeVersion(patternKey: string): Promise<number>;
  /** The newest instructions version created at or before `at`. */
  instructionsAt(at: Date): Promise<InstructionsVersion | null>;
}

/** Stored summaries of closed UTC days (see insights/period-data.ts). */
export interface RollupRepository {
  get(day: string): Promise<DaySummary | null>;
  /** Stores the summary unless another instance stored one first; returns the one kept. */
  put(summary: DaySummary): Promise<DaySummary>;
  /** Drops a day's summary (a vote of that day changed) so the next reader recomputes it. */
  invalidate(day: string): Promise<void>;
}

export interface FeedbackStore {
  interactions: InteractionRepository;
  feedback: FeedbackRepository;
  reviews: ReviewRepository;
  knowledge: KnowledgeRepository;
  instructions: InstructionsRepository;
  deliveries: DeliveryRepository;
  rollups: RollupRepository;
}
