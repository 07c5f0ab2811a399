import type { DiscordConfig } from '../../../src/config.ts';
import {
  ASK_WHY,
  alreadyClosedText,
  type FeedbackResult,
  voteReply,
} from '../../../src/core/presentation/index.ts';
import type { Vote } from '../../../src/core/types.ts';
import type { ReviewView } from '../../../src/core/views.ts';
import { actorText } from './review-message.ts';

/*
 * Replies whose wording is shared (thanks, confirmations) come from the presentation layer; only what
 * needs Discord's form of a person or a role is put together here.
 */

/** The ephemeral acknowledgement of a 👍 / 👎; a 👎 also asks why (its button comes with it). */
export function voteText(status: FeedbackResult, value: Vote): string {
  const text = voteReply(value, status);
  return value === 'up' ? text : `${text} ${ASK_WHY}`;
}

/** The actor is shown as Discord shows a person (name and mention; allowed_mentions keeps it silent). */
export function closedText(view: ReviewView): string {
  const r = view.review.resolution;
  return alreadyClosedText(view.review.status, r && actorText(r.actor));
}

export function refusalText(config: Pick<DiscordConfig, 'moderatorRole'>): string {
  const who = config.moderatorRole
    ? `members with the <@&${config.moderatorRole}> role or Manage Messages in the moderators' channel`
    : "members with Manage Messages in the moderators' channel";
  return `Only moderators can act on reviews (${who}). Nothing was changed.`;
}
