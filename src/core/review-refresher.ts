import { errorMessage } from './errors.ts';
import type { PlatformHub } from './platform-hub.ts';
import type { FeedbackStore, Logger } from './ports.ts';
import type { ReviewPolicyConfig } from './review-policy.ts';
import { buildReviewView } from './review-view.ts';
import type { ReviewTally } from './types.ts';
import type { ReviewView } from './views.ts';

/** REVIEW_REFRESH_SECONDS' default: a busy review's root is rebuilt at most every 10 s. */
export const DEFAULT_REVIEW_REFRESH_MS = 10_000;

/** At most one root rebuild starts per second (per instance) unless the interval is shorter. */
const SPACING_MS = 1000;

/** Past this many remembered reviews, the ones whose interval is over are forgotten. */
const REMEMBERED = 10_000;

export interface ReviewRefresherDeps {
  store: FeedbackStore;
  platforms: PlatformHub;
  policy: ReviewPolicyConfig;
  logger: Logger;
  /** At most one root refresh per review in this many ms (0: one per request). */
  intervalMs: number;
}

/**
 * Keeps a review's root message (numbers, reasons, corrections, priority) current without rebuilding
 * the whole view — every feedback item linked to the review — on each reaction that joins it. A review's
 * root is rebuilt at most once per interval: at once when its last rebuild is older, else at the
 * interval's end with everything the store holds by then (links made by other instances too). Across
 * reviews, rebuilds start at most one per second (waiting ones queue, oldest first): the cost stays
 * flat however many reviews are busy, and so do the message edits, which Slack and Discord rate-limit
 * (Slack's chat.update allows about 50 a minute).
 */
export class ReviewRefresher {
  private readonly last = new Map<string, number>();
  /** Reviews inside their interval, waiting for its end. */
  private readonly pending = new Map<string, NodeJS.Timeout>();
  /** Reviews due, waiting for their turn (a Set keeps insertion order). */
  private readonly queue = new Set<string>();
  private readonly running = new Set<Promise<void>>();
  private nextStart = 0;
  private pump: NodeJS.Timeout | undefined;
  private closed = false;

  /** Across reviews, at most one rebuild starts per this many ms. */
  private readonly spacingMs: number;

  constructor(private readonly deps: ReviewRefresherDeps) {
    this.spacingMs = Math.min(SPACING_MS, deps.intervalMs);
  }

  /** The review's root was just posted with `view`: its tally is stored and its interval starts. */
  async posted(view: ReviewView): Promise<void> {
    this.remember(view.review.id);
    await this.deps.store.reviews.setTally(view.review.id, tallyOf(view));
  }

  /**
   * Rebuilds the root now when it is due and no other waits (resolving once done); otherwise queues it
   * or schedules it for its interval's end, and resolves at once.
   */
  request(reviewId: string): Promise<void> {
    if (this.closed || this.pending.has(reviewId) || this.queue.has(reviewId)) return Promise.resolve();
    const wait =
      (this.last.get(reviewId) ?? Number.NEGATIVE_INFINITY) + this.deps.intervalMs - performance.now();
    if (wait <= 0) return this.due(reviewId);
    const timer = setTimeout(() => {
      this.pending.delete(reviewId);
      void this.due(reviewId);
    }, wait);
    timer.unref();
    this.pending.set(reviewId, timer);
    return Promise.resolve();
  }

  /** A resolved review's root is the resolution's: a pending refresh is dropped. */
  cancel(reviewId: string): void {
    clearTimeout(this.pending.get(reviewId));
    this.pending.delete(reviewId);
    this.queue.delete(reviewId);
  }

  /** heed is stopping: waiting refreshes run now and every running one is awaited, so no root stays stale. */
  async close(): Promise<void> {
    const waiting = [...this.pending.keys(), ...this.queue];
    for (const id of waiting) this.cancel(id);
    clearTimeout(this.pump);
    this.closed = true;
    await Promise.all([...waiting.map((id) => this.run(id)), ...this.running]);
  }

  private due(reviewId: string): Promise<void> {
    if (this.closed) return Promise.resolve();
    if (this.queue.size === 0 && performance.now() >= this.nextStart) return this.start(reviewId);
    this.queue.add(reviewId);
    this.schedulePump();
    return Promise.resolve();
  }

  private schedulePump(): void {
    if (this.pump || this.queue.size === 0 || this.closed) return;
    this.pump = setTimeout(
      () => {
        this.pump = undefined;
        const [next] = this.queue;
        if (next === undefined) return;
        this.queue.delete(next);
        void this.start(next);
        this.schedulePump();
      },
      Math.max(0, this.nextStart - performance.now()),
    );
    this.pump.unref();
  }

  private start(reviewId: string): Promise<void> {
    this.nextStart = performance.now() + this.spacingMs;
    return this.run(reviewId);
  }

  private run(reviewId: string): Promise<void> {
    this.remember(reviewId);
    const done: Promise<void> = this.refresh(reviewId)
      .catch((err) =>
        this.deps.logger.warn({ reviewId, err: errorMessage(err) }, 'review root not refreshed'),
      )
      .finally(() => this.running.delete(done));
    this.running.add(done);
    return done;
  }

  private async refresh(reviewId: string): Promise<void> {
    const { store, platforms, policy } = this.deps;
    // Read fresh: a review resolved meanwhile keeps its resolved root (no buttons come back).
    const review = await store.reviews.get(reviewId);
    if (review?.status !== 'open') return;
    const view = await buildReviewView(store, review, policy);
    // Also for a review no platform shows: reports read the tally.
    await store.reviews.setTally(reviewId, tallyOf(view));
    for (const thread of review.threads) {
      const platform = platforms.get(thread.platform);
      if (platform)
        await platforms.safely('refreshReview', thread, () => platform.refreshReview(thread, view));
    }
  }

  private remember(reviewId: string): void {
    const now = performance.now();
    if (this.last.size >= REMEMBERED)
      for (const [id, at] of this.last) if (now - at >= this.deps.intervalMs) this.last.delete(id);
    this.last.set(reviewId, now);
  }
}

/** Counts and ids of what the view shows (its corrections are newest first). */
function tallyOf(view: ReviewView): ReviewTally {
  const { corrections, related } = view;
  return {
    related: related.length,
    corrections: corrections.length,
    ...(corrections.length > 0
      ? { firstCorrectionAt: corrections.at(-1)!.at, newestCorrectionId: corrections[0]!.feedbackId }
      : {}),
    at: new Date(),
  };
}
