import type { ButtonInteraction, ModalSubmitInteraction } from 'discord.js';
import type { ReviewView } from '../../../src/core/views.ts';
import { deferPrivately, replyPrivately } from '../boundary.ts';
import type { HandlerContext } from '../handler-context.ts';
import type { ModalId, ReviewButtonId } from '../ids.ts';
import { actorOf, isDiscordModerator, refusalText } from '../moderators.ts';
import {
  applyCorrectionForm,
  readAnswer,
  readInstructions,
  updateInstructionsForm,
} from '../render/review-forms.ts';
import { actorText } from '../render/review-message.ts';

type ReviewModalId = Extract<ModalId, { kind: 'review-modal' }>;

/**
 * A moderator's button on a review. Dismiss resolves at once; the other two open a pre-filled form.
 * Non-moderators are refused (the core enforces it again on every resolution).
 */
export async function handleReviewButton(i: ButtonInteraction, id: ReviewButtonId, ctx: HandlerContext) {
  const isModerator = isDiscordModerator(i, ctx.config);
  if (id.action === 'dismiss') {
    await deferPrivately(i);
    const view = await ctx.core.resolveReview({
      reviewId: id.reviewId,
      actor: actorOf(i, isModerator),
      action: 'dismiss',
    });
    return replyPrivately(i, resolvedText(view));
  }
  const action = id.action === 'apply' ? 'apply_correction' : 'update_instructions';
  // The core decides and audits a refusal; the adapter only states the platform fact.
  if (!(await ctx.core.mayActOnReview({ reviewId: id.reviewId, actor: actorOf(i, isModerator), action })))
    return replyPrivately(i, refusalText(ctx.config));
  const view = await ctx.core.getReviewView(id.reviewId);
  if (view.review.status !== 'open') return replyPrivately(i, closedText(view));
  if (id.action === 'apply') return i.showModal(applyCorrectionForm(view));
  return i.showModal(updateInstructionsForm(view.review.id, await ctx.core.currentInstructions()));
}

/** The submitted form: the core validates the text, checks the actor and closes the review once. */
export async function handleReviewForm(i: ModalSubmitInteraction, id: ReviewModalId, ctx: HandlerContext) {
  await deferPrivately(i);
  const actor = actorOf(i, isDiscordModerator(i, ctx.config));
  const view =
    id.action === 'apply'
      ? await ctx.core.resolveReview({
          reviewId: id.reviewId,
          actor,
          action: 'apply_correction',
          text: readAnswer(i),
        })
      : await ctx.core.resolveReview({
          reviewId: id.reviewId,
          actor,
          action: 'update_instructions',
          text: readInstructions(i),
        });
  await replyPrivately(i, resolvedText(view));
}

function resolvedText(view: ReviewView): string {
  const r = view.review.resolution;
  if (r?.action === 'apply_correction')
    return `Done — the correction is now knowledge entry v${r.knowledgeVersion ?? '?'} for this question.`;
  if (r?.action === 'update_instructions')
    return `Done — the assistant's instructions are now version ${r.instructionsVersion ?? '?'}.`;
  return 'Done — the review is dismissed.';
}

function closedText(view: ReviewView): string {
  const r = view.review.resolution;
  return `This review was already ${view.review.status}${r ? ` by ${actorText(r.actor)}` : ''}. Nothing was changed.`;
}
