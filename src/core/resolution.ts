import { HeedError } from './errors.ts';
import type { FeedbackStore } from './ports.ts';
import { parseOrThrow, ResolutionCommandSchema } from './schemas.ts';
import type { Resolution, Review } from './types.ts';

/**
 * Closes a review with a moderator's decision. The review is claimed first (atomically: only one
 * resolution can win), then the knowledge entry or instructions version is written and linked.
 */
export async function resolveReview(store: FeedbackStore, raw: unknown, now: Date): Promise<Review> {
  const cmd = parseOrThrow(ResolutionCommandSchema, raw, 'resolution');
  if (!cmd.actor.isModerator) throw new HeedError('forbidden', 'Only moderators can resolve reviews.');
  const review = await store.reviews.get(cmd.reviewId);
  if (!review) throw new HeedError('not_found', 'That review does not exist.');
  if (review.status !== 'open') throw alreadyClosed(review);

  const resolution: Resolution = {
    action: cmd.action,
    actor: cmd.actor,
    at: now,
    ...(cmd.action === 'dismiss' ? { note: cmd.note || undefined } : { text: cmd.text }),
  };
  const claimed = await store.reviews.resolve(review.id, resolution);
  if (!claimed) throw alreadyClosed((await store.reviews.get(review.id)) ?? review);

  if (cmd.action === 'apply_correction') {
    const entry = await store.knowledge.add(
      {
        patternKey: review.patternKey,
        question: review.question,
        answer: cmd.text,
        source: 'correction',
        sourceFeedbackIds: (await store.feedback.forReview(review.id)).map((f) => f.id),
        reviewId: review.id,
        approvedBy: cmd.actor,
      },
      now,
    );
    resolution.knowledgeId = entry.id;
    resolution.knowledgeVersion = entry.version;
  } else if (cmd.action === 'update_instructions') {
    const version = await store.instructions.add(cmd.text, cmd.actor, review.id, now);
    resolution.instructionsVersion = version.version;
  }
  if (cmd.action !== 'dismiss')
    return (await store.reviews.annotateResolution(review.id, resolution)) ?? claimed;
  return claimed;
}

function alreadyClosed(review: Review): HeedError {
  const by = review.resolution?.actor.name ?? review.resolution?.actor.userId ?? 'someone';
  return new HeedError('already_resolved', `This review was already ${review.status} by ${by}.`);
}
