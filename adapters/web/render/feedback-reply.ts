import type { FeedbackOutcome } from '../../../src/core/feedback-core.ts';
import { correctionThanks, ratingThanks, voteReply } from '../../../src/core/presentation/index.ts';

/**
 * What the page tells the person who just reacted: the sentence Slack and Discord use for the same
 * reaction. Sent with the feedback response because the page's JS cannot import the presentation layer.
 */
export function feedbackReply(out: FeedbackOutcome): string {
  const f = out.feedback;
  switch (f.kind) {
    case 'vote':
      return voteReply(f.value, out.status);
    case 'rating':
      return ratingThanks(f.value);
    case 'correction':
      return correctionThanks(out.review !== undefined);
  }
}
