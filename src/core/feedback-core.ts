import { HeedError } from './errors.ts';
import { type ExternalAnswer, recordExternalAnswer } from './external-answer.ts';
import { buildDigest, type DigestOptions } from './insights/build-digest.ts';
import { computeInsights, type InsightsOptions } from './insights/compute-insights.ts';
import { utcDay, utcHour } from './insights/day-summary.ts';
import { isClosedDay, isClosedHour } from './insights/period-buckets.ts';
import type { Insights } from './insights/types.ts';
import { InteractionKeys } from './interaction-keys.ts';
import { fingerprintKeyer } from './pattern-key.ts';
import { PlatformHub } from './platform-hub.ts';
import type {
  Answerer,
  ChatPlatform,
  Clock,
  FeedbackStore,
  FeedbackUpsertResult,
  Logger,
  Metrics,
  PatternKeyer,
} from './ports.ts';
import { noMetrics, systemClock } from './ports.ts';
import { mayActOnReview, resolveReview } from './resolution.ts';
import { DEFAULT_POLICY, isNegative, type ReviewPolicyConfig, shouldReview } from './review-policy.ts';
import { postUnposted, type ReviewRaiserDeps, raiseReview } from './review-raiser.ts';
import { DEFAULT_REVIEW_REFRESH_MS, ReviewRefresher } from './review-refresher.ts';
import { buildReviewView } from './review-view.ts';
import {
  ConversationRefSchema,
  FeedbackEventSchema,
  IdSchema,
  parseOrThrow,
  QuestionSchema,
} from './schemas.ts';
import { DEFAULT_HISTORY, type HistoryLimits, threadContext, threadKeyOf } from './thread-context.ts';
import type { ConversationRef, Interaction, KnowledgeEntry, MessageRef, Review, TimeRange } from './types.ts';
import type { Digest, ReviewView } from './views.ts';

export interface FeedbackCoreDeps {
  store: FeedbackStore;
  answerer: Answerer;
  logger: Logger;
  clock?: Clock;
  policy?: ReviewPolicyConfig;
  patternKeyer?: PatternKeyer;
  /** How many earlier turns of a thread reach the answerer (HEED_HISTORY_TURNS) and their char budget. */
  history?: Partial<HistoryLimits>;
  metrics?: Metrics;
  /** How insights group negative feedback (the embeddings clusterer); default: lexical. */
  cluster?: InsightsOptions['cluster'];
  /** At most one root refresh per review in this many ms (REVIEW_REFRESH_SECONDS; 0: on every item). */
  reviewRefreshMs?: number;
}

export interface FeedbackOutcome extends FeedbackUpsertResult {
  /** The review this feedback raised or joined, if any. */
  review?: { id: string; created: boolean };
}

/** The platform-free heart of heed: answers, feedback, reviews, resolutions. */
export class FeedbackCore {
  private readonly store: FeedbackStore;
  private readonly cluster: InsightsOptions['cluster'];
  readonly platforms: PlatformHub;
  readonly policy: ReviewPolicyConfig;
  readonly clock: Clock;
  private readonly answerer: Answerer;
  private readonly logger: Logger;
  private readonly metrics: Metrics;
  private readonly keyer: PatternKeyer;
  private readonly history: HistoryLimits;
  private readonly keys = new InteractionKeys();
  private readonly refresher: ReviewRefresher;

  constructor(deps: FeedbackCoreDeps) {
    this.store = deps.store;
    this.cluster = deps.cluster;
    this.answerer = deps.answerer;
    this.logger = deps.logger;
    this.clock = deps.clock ?? systemClock;
    this.policy = deps.policy ?? DEFAULT_POLICY;
    this.metrics = deps.metrics ?? noMetrics;
    this.keyer = deps.patternKeyer ?? fingerprintKeyer;
    this.history = { ...DEFAULT_HISTORY, ...deps.history };
    this.platforms = new PlatformHub(deps.logger);
    this.refresher = new ReviewRefresher({
      store: this.store,
      platforms: this.platforms,
      policy: this.policy,
      logger: this.logger,
      intervalMs: deps.reviewRefreshMs ?? DEFAULT_REVIEW_REFRESH_MS,
    });
  }

  /** Runs the review root refreshes still pending (before the platforms and the store go away). */
  close(): Promise<void> {
    return this.refresher.close();
  }

  attachPlatform(platform: ChatPlatform): void {
    this.platforms.attach(platform);
  }

  patternKey(question: string): Promise<string> {
    return this.keyer.keyFor(question);
  }

  /** Records an answer the team's own bot gave (heed as a library), keyed like heed's own answers. */
  async recordInteraction(answer: ExternalAnswer): Promise<Interaction> {
    const recorded = await recordExternalAnswer(
      { store: this.store, keyer: this.keyer, clock: this.clock },
      answer,
    );
    return this.keys.remember(recorded);
  }

  /**
   * Answers a question with the earlier turns of its thread as context and records the interaction
   * (also when the answerer failed).
   */
  async answer(question: string, ref: ConversationRef): Promise<Interaction> {
    const started = performance.now();
    const interaction = await this.answerOnce(question, ref);
    this.metrics.observe('answer_seconds', (performance.now() - started) / 1000, {
      answerer: interaction.answerer,
    });
    return interaction;
  }

  private async answerOnce(question: string, rawRef: ConversationRef): Promise<Interaction> {
    const q = parseOrThrow(QuestionSchema, question, 'question');
    // Adapters fill the ref from platform payloads: checked here, so no object ever reaches the store.
    const ref = parseOrThrow(ConversationRefSchema, rawRef, 'conversation') as ConversationRef;
    const threadKey = threadKeyOf(ref);
    const [patternKey, context] = await Promise.all([
      this.keyer.keyFor(q),
      threadContext(this.store.interactions, threadKey, this.history),
    ]);
    const result = await this.answerer.answer({
      question: q,
      patternKey,
      history: context.history,
      user: { platform: ref.platform, id: ref.userId, ...(ref.userName ? { name: ref.userName } : {}) },
      conversation: {
        platform: ref.platform,
        ...(ref.channelId ? { channelId: ref.channelId } : {}),
        ...(ref.threadId ? { threadId: ref.threadId } : {}),
      },
    });
    const interaction = await this.store.interactions.insert({
      patternKey,
      question: q,
      answer: result.text,
      ref,
      answerer: result.answerer,
      model: result.model,
      sources: result.sources,
      failed: result.failed ?? false,
      ...(threadKey ? { threadKey } : {}),
      contextIds: context.contextIds,
      createdAt: this.clock.now(),
    });
    return this.keys.remember(interaction);
  }

  async getInteraction(id: unknown): Promise<Interaction> {
    const interaction = await this.store.interactions.get(parseOrThrow(IdSchema, id, 'interaction id'));
    if (!interaction) throw new HeedError('not_found', 'That answer is no longer known to heed.');
    return this.keys.remember(interaction);
  }

  /** Validates and records one reaction; a negative one may raise or join the pattern's review. */
  async recordFeedback(raw: unknown): Promise<FeedbackOutcome> {
    const started = performance.now();
    const outcome = await this.recordOnce(raw);
    const f = outcome.feedback;
    if (outcome.status !== 'unchanged')
      this.metrics.inc('feedback_recorded_total', { platform: f.platform, kind: f.kind });
    if (isNegative(f))
      this.metrics.observe('negative_feedback_seconds', (performance.now() - started) / 1000);
    return outcome;
  }

  private async recordOnce(raw: unknown): Promise<FeedbackOutcome> {
    const event = parseOrThrow(FeedbackEventSchema, raw, 'feedback');
    const patternKey =
      this.keys.patternKey(event.interactionId) ??
      (await this.getInteraction(event.interactionId)).patternKey;
    const reasons = event.kind === 'vote' ? event.reasons : [];
    const comment = event.kind === 'vote' ? event.comment || undefined : undefined;
    const result = await this.store.feedback.upsert(
      { ...event, patternKey, reasons, comment },
      this.clock.now(),
    );
    if (result.status === 'unchanged') return result;
    // A changed vote of a day or hour whose summary is stored: drop it, the next reader recomputes it.
    if (result.status === 'updated') await this.dropSummaries(result.feedback.createdAt);
    if (!isNegative(result.feedback)) return result;
    const [recent, open] = await Promise.all([
      this.store.feedback.recentForPattern(patternKey, this.policy.window, this.clock.now()),
      // Negative feedback on a pattern already under review is related to it, whatever the window says.
      this.store.reviews.findOpen(patternKey),
    ]);
    if (!open && !shouldReview(result.feedback, recent, this.policy)) return result;
    const review = await raiseReview(
      this.raiser(),
      open,
      // Only a new review reads it, fresh: it quotes the question as it is now (retention may have
      // redacted it). Joining an open review reads no interaction.
      () => this.getInteraction(event.interactionId),
      result.feedback,
      recent,
    );
    return { ...result, feedback: { ...result.feedback, reviewId: review.id }, review };
  }

  private async dropSummaries(createdAt: Date): Promise<void> {
    const now = this.clock.now();
    const day = utcDay(createdAt);
    const hour = utcHour(createdAt);
    if (isClosedDay(day, now)) await this.store.rollups.invalidate(day);
    if (isClosedHour(hour, now)) await this.store.rollups.invalidate(hour);
  }

  /**
   * Posts open reviews that never reached a moderators' channel (their creator died between storing and
   * posting one), once the creator's 5-minute claim has passed. The scheduler's sweep runs it.
   */
  postUnpostedReviews(): Promise<number> {
    return postUnposted(this.raiser());
  }

  private raiser(): ReviewRaiserDeps {
    const { store, platforms, policy, logger, refresher } = this;
    return { store, platforms, policy, logger, refresher, now: () => this.clock.now() };
  }

  /**
   * True the first time `key` is seen, durably across restarts and instances: how an adapter drops a
   * platform's redelivery of an event it already handled.
   */
  claimDelivery(key: string): Promise<boolean> {
    return this.store.deliveries.claim(key, this.clock.now());
  }

  /** Records where an answer was posted, so feedback on that message and its thread find it. */
  recordAnswerPosted(interactionId: string, ref: MessageRef): Promise<void> {
    return this.store.interactions.setMessageRef(
      parseOrThrow(IdSchema, interactionId, 'interaction id'),
      ref,
    );
  }

  /** The newest approved version of every knowledge entry. */
  listKnowledge(): Promise<KnowledgeEntry[]> {
    return this.store.knowledge.listLatest();
  }

  async getReviewView(reviewId: unknown): Promise<ReviewView> {
    const review = await this.store.reviews.get(parseOrThrow(IdSchema, reviewId, 'review id'));
    if (!review) throw new HeedError('not_found', 'That review does not exist.');
    return buildReviewView(this.store, review, this.policy);
  }

  /** The pattern's open review, if any. */
  openReview(patternKey: string): Promise<Review | null> {
    return this.store.reviews.findOpen(patternKey);
  }

  listReviews(status?: Review['status'], limit = 50): Promise<Review[]> {
    return this.store.reviews.list({ status, limit });
  }

  /**
   * Whether `{ reviewId, actor, action }` may go ahead (a button before its form): the adapter states
   * the platform facts (`actor.isModerator`), the core decides and audits a refusal on the review.
   */
  mayActOnReview(raw: unknown): Promise<boolean> {
    return mayActOnReview(this.store, raw, this.clock.now());
  }

  /**
   * Applies a moderator's decision. The adapter states the platform facts (`actor.isModerator`); a
   * non-moderator is refused here (HeedError 'forbidden') and the attempt audited on the review.
   */
  async resolveReview(raw: unknown): Promise<ReviewView> {
    const resolved = await resolveReview(this.store, raw, this.clock.now());
    this.refresher.cancel(resolved.id);
    const view = await buildReviewView(this.store, resolved, this.policy);
    for (const thread of resolved.threads) {
      const platform = this.platforms.get(thread.platform);
      if (platform)
        await this.platforms.safely('markResolved', thread, () => platform.markResolved(thread, view));
    }
    this.logger.info({ reviewId: resolved.id, action: resolved.resolution?.action }, 'review resolved');
    return view;
  }

  async currentInstructions(): Promise<string> {
    return (await this.store.instructions.current())?.text ?? '';
  }

  /** Insights over a range, on the wall clock and with the grouping the core was built with. */
  insights(range: TimeRange, opts: Omit<InsightsOptions, 'clock' | 'cluster'> = {}): Promise<Insights> {
    return computeInsights(this.store, range, {
      clock: () => this.clock.now(),
      cluster: this.cluster,
      ...opts,
    });
  }

  /** The digest of a period (its trend steps back by calendar weeks in `opts.timezone`). */
  digest(
    period: TimeRange & { key: string },
    opts: Omit<DigestOptions, 'clock' | 'cluster'> = {},
  ): Promise<Digest> {
    return buildDigest(this.store, period, { clock: () => this.clock.now(), cluster: this.cluster, ...opts });
  }
}
