import type { DiscordConfig } from '../../../src/config.ts';
import type { FeedbackUpsertResult } from '../../../src/core/ports.ts';
import type { ReviewView } from '../../../src/core/views.ts';
import { actorText } from './review-message.ts';

/** The ephemeral acknowledgement of a 👍 / 👎, by what the vote changed. */
export function voteText(status: FeedbackUpsertResult['status'], value: 'up' | 'down'): string {
  const emoji = value === 'up' ? '👍' : '👎';
  const text =
    status === 'created'
      ? `Thanks — your ${emoji} is recorded.`
      : status === 'updated'
        ? `Your vote is now ${emoji}.`
        : `You already voted ${emoji}; nothing changed.`;
  return value === 'up' ? text : `${text} Want to tell us what was wrong?`;
}

export function ratingText(value: number): string {
  return `Thanks — you rated this answer ${value}/5.`;
}

export function reasonsText(reasons: readonly string[]): string {
  return reasons.length > 0 ? `Thanks — noted: ${reasons.join(', ')}.` : 'Thanks — noted.';
}

export function correctionText(sentToReview: boolean): string {
  return sentToReview
    ? 'Thanks — your correction was sent to the moderators for review.'
    : 'Thanks — your correction is recorded.';
}

export function resolvedText(view: ReviewView): string {
  const r = view.review.resolution;
  if (r?.action === 'apply_correction')
    return `Done — the correction is now knowledge entry v${r.knowledgeVersion ?? '?'} for this question.`;
  if (r?.action === 'update_instructions')
    return `Done — the assistant's instructions are now version ${r.instructionsVersion ?? '?'}.`;
  return 'Done — the review is dismissed.';
}

export function closedText(view: ReviewView): string {
  const r = view.review.resolution;
  return `This review was already ${view.review.status}${r ? ` by ${actorText(r.actor)}` : ''}. Nothing was changed.`;
}

export function refusalText(config: Pick<DiscordConfig, 'moderatorRole'>): string {
  const who = config.moderatorRole
    ? `members with the <@&${config.moderatorRole}> role or Manage Messages in the moderators' channel`
    : "members with Manage Messages in the moderators' channel";
  return `Only moderators can act on reviews (${who}). Nothing was changed.`;
}
