import type { ButtonInteraction, ModalSubmitInteraction } from 'discord.js';
import { resolvedConfirmation } from '../../../src/core/presentation/index.ts';
import { deferPrivately, replyPrivately } from '../boundary.ts';
import type { ModalId, ReviewButtonId } from '../ids.ts';
import { closedText, refusalText } from '../render/replies.ts';
import {
  applyCorrectionForm,
  readAnswer,
  readInstructions,
  updateInstructionsForm,
} from '../render/review-forms.ts';
import { actorOf } from './actor.ts';
import type { DiscordContext } from './router.ts';

type ReviewModalId = Extract<ModalId, { kind: 'review-modal' }>;

/**
 * A moderator's button on a review. Dismiss resolves at once; the other two open a pre-filled form.
 * Non-moderators are refused (the core enforces it again on every resolution).
 */
export async function handleReviewButton(i: ButtonInteraction, id: ReviewButtonId, ctx: DiscordContext) {
  const actor = actorOf(i, await ctx.moderators.isModerator(i));
  if (id.action === 'dismiss') {
    await deferPrivately(i);
    const view = await ctx.core.resolveReview({ reviewId: id.reviewId, actor, action: 'dismiss' });
    return replyPrivately(i, resolvedConfirmation(view.review.resolution));
  }
  const action = id.action === 'apply' ? 'apply_correction' : 'update_instructions';
  // The core decides and audits a refusal; the adapter only states the platform fact.
  if (!(await ctx.core.mayActOnReview({ reviewId: id.reviewId, actor, action })))
    return replyPrivately(i, refusalText(ctx.platform.config));
  const view = await ctx.core.getReviewView(id.reviewId);
  if (view.review.status !== 'open') return replyPrivately(i, closedText(view));
  if (id.action === 'apply') return i.showModal(applyCorrectionForm(view));
  return i.showModal(updateInstructionsForm(view.review.id, await ctx.core.currentInstructions()));
}

/** The submitted form: the core validates the text, checks the actor and closes the review once. */
export async function handleReviewForm(i: ModalSubmitInteraction, id: ReviewModalId, ctx: DiscordContext) {
  await deferPrivately(i);
  const actor = actorOf(i, await ctx.moderators.isModerator(i));
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
  await replyPrivately(i, resolvedConfirmation(view.review.resolution));
}
