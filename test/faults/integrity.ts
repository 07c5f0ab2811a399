import type { Db } from 'mongodb';
import { waitFor } from '../helpers/fake-slack.ts';

export interface Integrity {
  reviews: number;
  openReviews: number;
  /** Patterns with more than one open review. Must be empty. */
  patternsWithTwoOpen: string[];
  /** Reviews no feedback row points at (a review without its related feedback). Must be empty. */
  reviewsWithoutFeedback: string[];
  /** Feedback rows pointing at a review that does not exist. Must be empty. */
  danglingFeedback: string[];
  /** Resolved reviews whose resolution wrote nothing it should have (knowledge / instructions). */
  resolutionsWithoutEffect: string[];
  /** Reviews never posted to a moderators' channel (no thread). */
  unposted: string[];
  /**
   * Of those, the ones no instance has claimed the post of. A claimed one whose claimant was killed is
   * posted by the scheduler's sweep once the claim's 5-minute lease has passed.
   */
  unpostedUnclaimed: string[];
}

/** Checks the invariants a crash or an outage must not break, straight from the database. */
export async function checkIntegrity(db: Db): Promise<Integrity> {
  const reviews = await db.collection('reviews').find({}).toArray();
  const feedback = await db
    .collection('feedback')
    .find({}, { projection: { reviewId: 1 } })
    .toArray();
  const knowledge = await db
    .collection('knowledge')
    .find({}, { projection: { reviewId: 1, source: 1 } })
    .toArray();
  const instructions = await db
    .collection('instructions')
    .find({}, { projection: { reviewId: 1 } })
    .toArray();
  const postClaims = new Set(
    (
      await db
        .collection<{ _id: string }>('deliveries')
        .find({}, { projection: { _id: 1 } })
        .toArray()
    ).flatMap((d) => /^review-post:([^:]+):/.exec(d._id)?.[1] ?? []),
  );
  const ids = new Set(reviews.map((r) => String(r._id)));
  const unposted = reviews.filter((r) => !(r.threads?.length > 0)).map((r) => String(r._id));
  const linked = new Set(
    feedback
      .map((f) => f.reviewId)
      .filter(Boolean)
      .map(String),
  );
  const openByPattern = new Map<string, number>();
  for (const r of reviews)
    if (r.status === 'open') openByPattern.set(r.patternKey, (openByPattern.get(r.patternKey) ?? 0) + 1);
  const wrote = new Set(
    [...knowledge, ...instructions]
      .map((k) => k.reviewId ?? (k.source as { reviewId?: string } | undefined)?.reviewId)
      .filter(Boolean)
      .map(String),
  );
  return {
    reviews: reviews.length,
    openReviews: reviews.filter((r) => r.status === 'open').length,
    patternsWithTwoOpen: [...openByPattern].filter(([, n]) => n > 1).map(([p]) => p),
    reviewsWithoutFeedback: [...ids].filter((id) => !linked.has(id)),
    danglingFeedback: [...linked].filter((id) => !ids.has(id)),
    resolutionsWithoutEffect: reviews
      .filter(
        (r) =>
          r.status === 'resolved' &&
          ['apply_correction', 'update_instructions'].includes(r.resolution?.action) &&
          !wrote.has(String(r._id)),
      )
      .map((r) => String(r._id)),
    unposted,
    unpostedUnclaimed: unposted.filter((id) => !postClaims.has(id)),
  };
}

/**
 * The invariants once heed has caught up. A click counts as settled when its vote row exists, which
 * can come before heed has read its pattern's window (a loaded machine showed no review yet): waits
 * until at least `openReviews` reviews are open and every review is posted, then a second for a
 * duplicate review to show, and checks. After a SIGKILL (`killed`), a review whose post the killed
 * instance had claimed counts as caught up: it waits for the sweep after that claim's lease.
 */
export async function integrityOnceCaughtUp(
  db: Db,
  openReviews: number,
  { timeoutMs = 60_000, killed = false } = {},
): Promise<Integrity> {
  let last: Integrity | undefined;
  await waitFor(
    async () => {
      last = await checkIntegrity(db);
      return (
        last.openReviews >= openReviews && (killed ? last.unpostedUnclaimed : last.unposted).length === 0
      );
    },
    `${openReviews} open reviews, all posted${killed ? ' or claimed' : ''}`,
    timeoutMs,
  ).catch((err: Error) => {
    throw new Error(`${err.message}; last seen ${JSON.stringify(last)}`);
  });
  await new Promise((r) => setTimeout(r, 1000));
  return checkIntegrity(db);
}
