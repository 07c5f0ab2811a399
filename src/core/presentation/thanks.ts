import type { Vote } from '../types.ts';

/** What a person is told after giving feedback: the same sentences on every platform. */

/** How a feedback write ended (the store's upsert result). */
export type FeedbackResult = 'created' | 'updated' | 'unchanged';

const EMOJI: Record<Vote, string> = { up: '👍', down: '👎' };

/** "Thanks — your 👍 is recorded." / "Your vote is now 👎." / "You already voted 👍; nothing changed." */
export function voteReply(value: Vote, status: FeedbackResult): string {
  const emoji = EMOJI[value];
  if (status === 'created') return `Thanks — your ${emoji} is recorded.`;
  if (status === 'updated') return `Your vote is now ${emoji}.`;
  return `You already voted ${emoji}; nothing changed.`;
}

/** Added after a 👎 reply, next to the "Tell us why" button. */
export const ASK_WHY = 'Want to tell us what was wrong?';

export function ratingThanks(value: number): string {
  return `Thanks — you rated this answer ${value}/5.`;
}

/** After the reasons form: the reasons named back, e.g. "Thanks — noted: outdated, incomplete." */
export function reasonsThanks(reasons: readonly string[]): string {
  return reasons.length > 0 ? `Thanks — noted: ${reasons.join(', ')}.` : 'Thanks — noted.';
}

/** After a correction: whether it went to the moderators (it joined or opened a review) or was only recorded. */
export function correctionThanks(sentToModerators: boolean): string {
  return sentToModerators
    ? 'Thanks! Your correction was sent to the moderators for review.'
    : 'Thanks! Your correction is recorded.';
}
