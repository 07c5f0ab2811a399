import type { ButtonInteraction, ModalSubmitInteraction, StringSelectMenuInteraction } from 'discord.js';
import { correctionThanks, ratingThanks, reasonsThanks } from '../../../src/core/presentation/index.ts';
import type { FeedbackEventInput } from '../../../src/core/schemas.ts';
import type { Reason } from '../../../src/core/types.ts';
import { deferPrivately, replyPrivately } from '../boundary.ts';
import type { AnswerControlId } from '../ids.ts';
import { tellUsWhyRow } from '../render/answer-message.ts';
import { correctionForm, FEEDBACK_FIELDS, reasonsForm } from '../render/feedback-forms.ts';
import { selectValues, textValue } from '../render/form-fields.ts';
import { voteText } from '../render/replies.ts';
import { displayName } from './actor.ts';
import type { DiscordContext } from './router.ts';

type Kind<K extends AnswerControlId['kind']> = Extract<AnswerControlId, { kind: K }>;
type Reacting = ButtonInteraction | StringSelectMenuInteraction | ModalSubmitInteraction;

const who = (i: Reacting, interactionId: string) => ({
  interactionId,
  platform: 'discord' as const,
  userId: i.user.id,
  userName: displayName(i),
});

function record(ctx: DiscordContext, event: FeedbackEventInput) {
  return ctx.core.recordFeedback(event);
}

/** 👍 / 👎: recorded (latest vote per user wins); a 👎 is offered the reasons form. */
export async function handleVote(i: ButtonInteraction, id: Kind<'vote'>, ctx: DiscordContext) {
  await deferPrivately(i);
  const out = await record(ctx, { ...who(i, id.interactionId), kind: 'vote', value: id.value });
  const text = voteText(out.status, id.value);
  if (id.value === 'up') return replyPrivately(i, text);
  return replyPrivately(i, text, [tellUsWhyRow(id.interactionId)]);
}

export async function handleRating(
  i: StringSelectMenuInteraction,
  interactionId: string,
  ctx: DiscordContext,
) {
  await deferPrivately(i);
  const value = Number(i.values[0]);
  await record(ctx, { ...who(i, interactionId), kind: 'rating', value });
  await replyPrivately(i, ratingThanks(value));
}

export function openReasonsForm(i: ButtonInteraction, interactionId: string) {
  return i.showModal(reasonsForm(interactionId));
}

export function openCorrectionForm(i: ButtonInteraction, interactionId: string) {
  return i.showModal(correctionForm(interactionId));
}

/** The reasons form: the user's 👎 with reason chips and an optional comment (the core validates both). */
export async function handleReasons(i: ModalSubmitInteraction, interactionId: string, ctx: DiscordContext) {
  await deferPrivately(i);
  const reasons = selectValues(i, FEEDBACK_FIELDS.reasons);
  const comment = textValue(i, FEEDBACK_FIELDS.comment);
  await record(ctx, {
    ...who(i, interactionId),
    kind: 'vote',
    value: 'down',
    reasons: reasons as Reason[], // untrusted strings: the core's schema accepts only known reasons
    ...(comment.trim() ? { comment } : {}),
  });
  await replyPrivately(i, reasonsThanks(reasons));
}

/** ✏️ submitted: the core refuses an empty or oversized text before anything is stored. */
export async function handleCorrection(
  i: ModalSubmitInteraction,
  interactionId: string,
  ctx: DiscordContext,
) {
  await deferPrivately(i);
  const out = await record(ctx, {
    ...who(i, interactionId),
    kind: 'correction',
    value: textValue(i, FEEDBACK_FIELDS.correction),
  });
  await replyPrivately(i, correctionThanks(Boolean(out.review)));
}
