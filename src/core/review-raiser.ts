import type { PlatformHub } from './platform-hub.ts';
import type { FeedbackStore, Logger } from './ports.ts';
import { isNegative, type ReviewPolicyConfig, windowStats } from './review-policy.ts';
import type { ReviewRefresher } from './review-refresher.ts';
import { buildReviewView, summarizeFeedback } from './review-view.ts';
import type { Feedback, Interaction, Platform, Review } from './types.ts';
import type { ReviewView } from './views.ts';

/** How long an unposted review's post claim holds before another instance may try again. */
const UNPOSTED_RETRY_MS = 5 * 60_000;

export interface ReviewRaiserDeps {
  store: FeedbackStore;
  platforms: PlatformHub;
  policy: ReviewPolicyConfig;
  logger: Logger;
  now: () => Date;
  refresher: ReviewRefresher;
}

/**
 * Opens or joins a pattern's review for a negative reaction and puts it in front of moderators: joins
 * `open`, the pattern's open review, or else opens one for the interaction `readInteraction` returns
 * (read only then).
 */
export async function raiseReview(
  deps: ReviewRaiserDeps,
  open: Review | null,
  readInteraction: () => Promise<Interaction>,
  trigger: Feedback,
  recent: readonly Feedback[],
): Promise<{ id: string; created: boolean }> {
  const { store } = deps;
  const { review, created } = open
    ? { review: open, created: false }
    : await openFor(deps, await readInteraction());
  // A new review also takes the window's earlier negative feedback that no review holds yet: what made
  // this one count. A review that was already open holds every negative since it opened (each linked
  // itself, as this one does), so joining it links only this one.
  const related = open
    ? [trigger]
    : [trigger, ...recent.filter((f) => f.id !== trigger.id && isNegative(f) && !f.reviewId)];
  const mayPost = review.threads.length === 0 && (await claimPost(deps, review));
  const linked = Promise.all(related.map((f) => store.feedback.linkToReview(f.id, review.id)));
  if (mayPost) {
    await linked;
    const view = await buildReviewView(store, review, deps.policy, recent);
    await postReview(deps, view, trigger.platform);
    await deps.refresher.posted(view);
  } else {
    // The item goes into the thread while it is linked; the root's numbers follow, throttled (the full
    // view reads every item the review holds).
    await Promise.all([linked, appendToReview(deps, review, trigger, recent)]);
    await deps.refresher.request(review.id);
  }
  deps.logger.info({ reviewId: review.id, patternKey: review.patternKey, created }, 'review raised');
  return { id: review.id, created };
}

function openFor(deps: ReviewRaiserDeps, interaction: Interaction) {
  return deps.store.reviews.openOrJoin(
    { patternKey: interaction.patternKey, interactionId: interaction.id, question: interaction.question },
    deps.now(),
  );
}

/**
 * The right to post a review that has no thread yet: its creator, or — when the creator died between
 * storing and posting it — the next feedback that joins it, or the sweep (postUnposted). One claim per
 * review and 5-minute lease, counted from the review's creation: the creator takes the first lease, and
 * a joiner racing the creator's post falls into that same lease (leases on the wall clock's 5-minute
 * marks let a joiner just past a mark post the review a second time).
 */
function claimPost(deps: ReviewRaiserDeps, review: Review): Promise<boolean> {
  const lease = Math.max(
    0,
    Math.floor((deps.now().getTime() - review.createdAt.getTime()) / UNPOSTED_RETRY_MS),
  );
  return deps.store.deliveries.claim(`review-post:${review.id}:${lease}`, deps.now());
}

/**
 * Posts the open reviews that have no thread yet, each under the claim above: a review whose creator
 * died between storing and posting it reaches the moderators once that lease has passed, even when no
 * later feedback joins it. Run by the scheduler's sweep; returns how many it posted.
 */
export async function postUnposted(deps: ReviewRaiserDeps, limit = 1000): Promise<number> {
  let posted = 0;
  if (deps.platforms.all().length === 0) return posted;
  for (const review of await deps.store.reviews.list({ status: 'open', limit })) {
    if (review.threads.length > 0 || !(await claimPost(deps, review))) continue;
    const view = await buildReviewView(deps.store, review, deps.policy);
    // As a raised review goes: the newest feedback's platform first. Where no platform takes it now,
    // none takes the others either: the next sweep tries again.
    if (!(await postReview(deps, view, view.related[0]?.platform ?? 'slack'))) break;
    await deps.refresher.posted(view);
    posted++;
  }
  if (posted > 0) deps.logger.info({ posted }, 'unposted reviews posted');
  return posted;
}

/** Posts the review where moderators can see it, `origin`'s platform first; true once a thread holds it. */
async function postReview(deps: ReviewRaiserDeps, view: ReviewView, origin: Platform): Promise<boolean> {
  const { platforms } = deps;
  for (const platform of platforms.preferring(origin)) {
    const thread = await platforms.safely('postReview', undefined, () => platform.postReview(view));
    if (thread) {
      await deps.store.reviews.addThread(view.review.id, thread);
      return true;
    }
  }
  deps.logger.warn({ reviewId: view.review.id }, 'review not posted: no platform with a moderators channel');
  return false;
}

async function appendToReview(
  deps: ReviewRaiserDeps,
  review: Review,
  trigger: Feedback,
  recent: readonly Feedback[],
): Promise<void> {
  const { negative, total } = windowStats(recent);
  const item = {
    reviewId: review.id,
    feedback: { ...trigger, reviewId: review.id },
    summary: summarizeFeedback(trigger),
    window: { negative, total, size: deps.policy.window },
  };
  for (const thread of review.threads) {
    const platform = deps.platforms.get(thread.platform);
    if (platform)
      await deps.platforms.safely('appendToReview', thread, () => platform.appendToReview(thread, item));
  }
}
