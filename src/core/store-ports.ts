/** Persistence ports: what the core, the scheduler and the CLI ask of a store (MongoDB or memory). */
import type { Counts, DaySummary, HourSummary } from './insights/day-summary.ts';
import type { PrivacyRepository } from './privacy-ports.ts';
import type {
  Actor,
  AuditEntry,
  Feedback,
  FeedbackKind,
  FeedbackValue,
  InstructionsVersion,
  Interaction,
  KnowledgeEntry,
  MessageRef,
  Platform,
  Resolution,
  Review,
  ReviewTally,
  ThreadRef,
} from './types.ts';
import type { Digest } from './views.ts';

export type NewInteraction = Omit<Interaction, 'id'>;
export interface InteractionRepository {
  insert(i: NewInteraction): Promise<Interaction>;
  get(id: string): Promise<Interaction | null>;
  getMany(ids: string[]): Promise<Interaction[]>;
  setMessageRef(id: string, ref: MessageRef): Promise<void>;
  /** When each interaction of a UTC day (`YYYY-MM-DD`) was created: an equality lookup on its day bucket. */
  timesOnDay(day: string): Promise<Date[]>;
  /** The same for a UTC hour (`YYYY-MM-DDTHH`), by its hour bucket. */
  timesInHour(hour: string): Promise<Date[]>;
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
  /** The review's linked feedback, newest first; with `kind`, only that kind (e.g. its corrections). */
  forReview(reviewId: string, kind?: FeedbackKind): Promise<Feedback[]>;
  /** The feedback items with these ids that exist (one `_id` lookup each), in no particular order. */
  getMany(ids: readonly string[]): Promise<Feedback[]>;
  /** The pattern's newest `limit` items, read from the days up to `now` (default: the current time) first. */
  recentForPattern(patternKey: string, limit: number, now?: Date): Promise<Feedback[]>;
  /** Feedback created on a UTC day (`YYYY-MM-DD`): an equality lookup on its day bucket. */
  onDay(day: string): Promise<Feedback[]>;
  /** The negative part of it (👎, corrections, ratings ≤ 2), by its own bucket. */
  negativeOnDay(day: string): Promise<Feedback[]>;
  /** The corrections among them, by their own bucket. */
  correctionsOnDay(day: string): Promise<Feedback[]>;
  /**
   * Feedback created in a UTC hour (`YYYY-MM-DDTHH`) — all of it, its negative part or its corrections —
   * each an equality lookup on its own hour bucket.
   */
  inHour(hour: string, part?: 'negative' | 'corrections'): Promise<Feedback[]>;
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
  /** Stores what the review held when its view was last built (last writer wins; see ReviewTally). */
  setTally(id: string, tally: ReviewTally): Promise<void>;
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
  /** Deletes keys claimed before `before` (retention: platforms stop retrying within minutes). */
  purgeOlderThan(before: Date): Promise<number>;
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

/** The counting part of a stored summary: totals, platforms and, for a day, its 24 hours. */
export interface StoredCounts {
  totals: Counts;
  hours?: Counts[];
  platforms: DaySummary['platforms'];
}

/** Stored summaries of closed UTC days and hours (see insights/period-data.ts). */
export interface RollupRepository {
  get(day: string): Promise<DaySummary | null>;
  /** Stores the summary unless another instance stored one first; returns the one kept. */
  put(summary: DaySummary): Promise<DaySummary>;
  getHour(hour: string): Promise<HourSummary | null>;
  /** The same insert claim for an hour's summary. */
  putHour(summary: HourSummary): Promise<HourSummary>;
  /** A stored day's or hour's counts without its pattern list (what counting a range needs), or null. */
  countsOf(dayOrHour: string): Promise<StoredCounts | null>;
  /** Drops a day's or an hour's summary (a vote of it changed) so the next reader recomputes it. */
  invalidate(dayOrHour: string): Promise<void>;
  /**
   * From when on every feedback and interaction document carries its hour bucket: a database that
   * predates hour buckets has older documents without them, and those hours are read by day.
   */
  hourlySince(): Promise<Date>;
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
  /** The stored vectors among `ids` (unknown ids are left out). */
  getMany(ids: readonly string[]): Promise<Map<string, number[]>>;
  /** Written once: an id already stored keeps its vector. */
  putMany(entries: readonly { id: string; model: string; vector: number[] }[]): Promise<void>;
  /** The model's patterns in key order, so the keyer breaks ties the same way on every store. */
  loadPatterns(model: string): Promise<EmbeddingPattern[]>;
  /** Upsert by (model, key). */
  savePattern(pattern: EmbeddingPattern): Promise<void>;
}

export interface FeedbackStore {
  interactions: InteractionRepository;
  feedback: FeedbackRepository;
  reviews: ReviewRepository;
  knowledge: KnowledgeRepository;
  instructions: InstructionsRepository;
  deliveries: DeliveryRepository;
  rollups: RollupRepository;
  digests: DigestRepository;
  leases: LeaseRepository;
  exports: DataExportSource;
  privacy: PrivacyRepository;
  embeddings: EmbeddingCache;
}

// ---- the scheduler's records ----------------------------------------------------------------

export type DigestStatus = 'posting' | 'posted' | 'failed';

/** One digest for one period in one channel (`channel` = `<platform>:<channel id>`). */
export interface DigestRecord {
  periodKey: string;
  channel: string;
  status: DigestStatus;
  attempt: number;
  owner: string;
  claimedAt: Date;
  updatedAt: Date;
  postedAt?: Date;
  error?: string;
  /** The digest as first built for the period: every attempt and channel posts the same content. */
  digest?: Digest;
}

export type DigestClaimResult =
  | { claimed: true; attempt: number; record: DigestRecord }
  | { claimed: false; reason: 'posted' | 'in_progress' | 'gave_up'; record: DigestRecord };

export interface DigestClaimRequest {
  periodKey: string;
  channel: string;
  owner: string;
  now: Date;
  digest: Digest;
  /** A 'posting' attempt older than this is presumed dead and may be retried. */
  staleMs: number;
  maxAttempts: number;
}

/** Exactly-once digest posts: at most one caller wins each attempt per period and channel, on any server. */
export interface DigestRepository {
  get(periodKey: string, channel: string): Promise<DigestRecord | null>;
  forPeriod(periodKey: string): Promise<DigestRecord[]>;
  claim(req: DigestClaimRequest): Promise<DigestClaimResult>;
  markPosted(periodKey: string, channel: string, attempt: number, now: Date): Promise<void>;
  markFailed(periodKey: string, channel: string, attempt: number, error: string, now: Date): Promise<void>;
  /** When a scheduler first ran against this store (recorded by the first call). */
  firstRun(now: Date): Promise<Date>;
}

/** Named leases that keep instances from doing the same work at once (correctness comes from claims). */
export interface LeaseRepository {
  /** True when `owner` holds the named lease until `now + ttlMs` (taken, renewed, or taken over when stale). */
  acquire(name: string, owner: string, ttlMs: number, now: Date): Promise<boolean>;
  release(name: string, owner: string): Promise<void>;
  /** Deletes leases that expired before `before` (housekeeping; expired leases are taken over anyway). */
  purgeExpired(before: Date): Promise<number>;
}

export type * from './privacy-ports.ts';
