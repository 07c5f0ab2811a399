import { HeedError } from './errors.ts';
import type { FeedbackStore } from './ports.ts';
import { actorName, alreadyClosedText } from './presentation/outcome.ts';
import { parseOrThrow, ResolutionCommandSchema, ReviewAttemptSchema } from './schemas.ts';
import type { Actor, Resolution, ResolutionAction, Review, ReviewStatus } from './types.ts';

/** A claim this old whose review is still open belongs to a resolver that died mid-way. */
const UNFINISHED_AFTER_MS = 60_000;

/**
 * Closes a review with a moderator's decision, in an order that survives a crash at any step:
 * claim (a unique insert: only one resolution can win) → write the knowledge entry or instructions
 * version (linked to the review) → close the review. A later attempt that finds an old claim on a
 * still-open review completes that first decision, then reports the review as already resolved.
 */
export async function resolveReview(store: FeedbackStore, raw: unknown, now: Date): Promise<Review> {
  const cmd = parseOrThrow(ResolutionCommandSchema, raw, 'resolution');
  if (!cmd.actor.isModerator) throw await refuse(store, cmd, now);
  const review = await store.reviews.get(cmd.reviewId);
  if (!review) throw new HeedError('not_found', 'That review does not exist.');
  if (review.status !== 'open') throw alreadyClosed(review.resolution, review.status);

  const resolution: Resolution = {
    action: cmd.action,
    actor: cmd.actor,
    at: now,
    ...(cmd.action === 'dismiss' ? { note: cmd.note || undefined } : { text: cmd.text }),
  };
  const claim = await store.reviews.claimResolution(review.id, resolution);
  if (!claim.claimed) {
    if (now.getTime() - new Date(claim.existing.at).getTime() >= UNFINISHED_AFTER_MS) {
      await complete(store, review, claim.existing);
    }
    throw alreadyClosed(claim.existing, claim.existing.action === 'dismiss' ? 'dismissed' : 'resolved');
  }
  return complete(store, review, resolution);
}

/** Steps after the claim; each is idempotent per review, so completing twice writes nothing twice. */
async function complete(store: FeedbackStore, review: Review, resolution: Resolution): Promise<Review> {
  const done: Resolution = { ...resolution };
  if (resolution.action === 'apply_correction' && resolution.text) {
    const entry =
      (await store.knowledge.forReview(review.id)) ??
      (await store.knowledge.add(
        {
          patternKey: review.patternKey,
          question: review.question,
          answer: resolution.text,
          source: 'correction',
          sourceFeedbackIds: (await store.feedback.forReview(review.id)).map((f) => f.id),
          reviewId: review.id,
          approvedBy: resolution.actor,
        },
        resolution.at,
      ));
    done.knowledgeId = entry.id;
    done.knowledgeVersion = entry.version;
  } else if (resolution.action === 'update_instructions' && resolution.text) {
    const version =
      (await store.instructions.forReview(review.id)) ??
      (await store.instructions.add(resolution.text, resolution.actor, review.id, resolution.at));
    done.instructionsVersion = version.version;
  }
  const closed = await store.reviews.close(review.id, done);
  if (!closed) throw new HeedError('not_found', 'That review does not exist.');
  return closed;
}

/**
 * The one moderator rule: only moderators act on reviews. Anyone else is refused, and the attempt is
 * added to the review's audit trail (when the review exists: unknown ids write nothing).
 */
export async function mayActOnReview(store: FeedbackStore, raw: unknown, now: Date): Promise<boolean> {
  const attempt = parseOrThrow(ReviewAttemptSchema, raw, 'review action');
  if (attempt.actor.isModerator) return true;
  await refuse(store, attempt, now);
  return false;
}

async function refuse(
  store: FeedbackStore,
  attempt: { reviewId: string; actor: Actor; action: ResolutionAction },
  now: Date,
): Promise<HeedError> {
  if (await store.reviews.get(attempt.reviewId))
    await store.reviews.addAudit(attempt.reviewId, {
      at: now,
      event: 'refused',
      detail: attempt.action,
      actor: attempt.actor,
    });
  return new HeedError('forbidden', 'Only moderators can resolve reviews.');
}

function alreadyClosed(resolution: Resolution | undefined, status: ReviewStatus): HeedError {
  const by = resolution ? actorName(resolution.actor) : 'someone';
  return new HeedError('already_resolved', alreadyClosedText(status, by));
}
