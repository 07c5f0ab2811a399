import { errorMessage } from './errors.ts';
import type { PlatformHub } from './platform-hub.ts';
import type { FeedbackStore, Logger } from './ports.ts';
import type { ReviewPolicyConfig } from './review-policy.ts';
import { buildReviewView } from './review-view.ts';
import type { ReviewTally } from './types.ts';
import type { ReviewView } from './views.ts';

/** REVIEW_REFRESH_SECONDS' default: a busy review's root is rebuilt at most every 10 s. */
export const DEFAULT_REVIEW_REFRESH_MS = 10_000;

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
 * the whole view — every feedback item linked to the review — on each reaction that joins it. A root
 * whose last refresh is older than the interval is refreshed at once; otherwise once when the interval
 * ends, with everything the store holds by then (links made by other instances too). So the cost of a
 * joining reaction does not grow with the review, and a busy review stays inside Slack's and Discord's
 * per-channel rate limits for message edits.
 */
export class ReviewRefresher {
  private readonly last = new Map<string, number>();
  private readonly pending = new Map<string, NodeJS.Timeout>();
  private readonly running = new Set<Promise<void>>();
  private closed = false;

  constructor(private readonly deps: ReviewRefresherDeps) {}

  /** The review's root was just posted with `view`: its tally is stored and its interval starts. */
  async posted(view: ReviewView): Promise<void> {
    this.remember(view.review.id);
    await this.deps.store.reviews.setTally(view.review.id, tallyOf(view));
  }

  /** Refreshes the root now when it is due (resolving once done), else schedules it for the interval's end. */
  request(reviewId: string): Promise<void> {
    if (this.closed || this.pending.has(reviewId)) return Promise.resolve();
    const wait =
      (this.last.get(reviewId) ?? Number.NEGATIVE_INFINITY) + this.deps.intervalMs - performance.now();
    if (wait <= 0) return this.run(reviewId);
    const timer = setTimeout(() => {
      this.pending.delete(reviewId);
      void this.run(reviewId);
    }, wait);
    timer.unref();
    this.pending.set(reviewId, timer);
    return Promise.resolve();
  }

  /** A resolved review's root is the resolution's: a pending refresh is dropped. */
  cancel(reviewId: string): void {
    clearTimeout(this.pending.get(reviewId));
    this.pending.delete(reviewId);
  }

  /** heed is stopping: pending refreshes run now and every running one is awaited, so no root stays stale. */
  async close(): Promise<void> {
    const due = [...this.pending.keys()];
    for (const id of due) this.cancel(id);
    this.closed = true;
    await Promise.all([...due.map((id) => this.run(id)), ...this.running]);
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
