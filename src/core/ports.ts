import type { Platform, ThreadRef } from './types.ts';
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

/** What an adapter offers the core. Methods return null / resolve quietly when the platform has no channel set. */
/**
 * What the core asks of a platform. The error contract, the same for every adapter:
 * - A method **throws** when the platform refused or failed the call (network, permissions, rate limit
 *   after the SDK's own retries). It does not log or swallow that failure itself: the core's
 *   `PlatformHub.safely` logs it once, with the method and thread, and carries on — stored data stands.
 * - `postReview` returns `null` (no throw) only when the platform has no moderators' channel configured.
 * - A method **swallows and logs** only a failure of a courtesy step after the main call landed
 *   (e.g. the outcome reply after a resolved root), so the main call is never reported as failed when it was not.
 * - `digestChannels` never throws.
 */
export interface ChatPlatform {
  readonly platform: Platform;
  postReview(view: ReviewView): Promise<ThreadRef | null>;
  /** One more feedback item, as a reply in the review's thread. */
  appendToReview(thread: ThreadRef, item: FeedbackItemView): Promise<void>;
  /** The review's root message with the view's current numbers (the core throttles how often). */
  refreshReview(thread: ThreadRef, view: ReviewView): Promise<void>;
  markResolved(thread: ThreadRef, view: ReviewView): Promise<void>;
  /** Digest channels this platform posts to (empty when none configured). */
  digestChannels(): string[];
  postDigest(digest: Digest, channelId: string): Promise<void>;
}

// ---- persistence: the repository interfaces and FeedbackStore live in store-ports.ts ----------
export type * from './store-ports.ts';
