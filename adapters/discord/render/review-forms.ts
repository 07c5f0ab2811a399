import type { APIModalInteractionResponseCallbackData, ModalSubmitInteraction } from 'discord.js';
import { LIMITS } from '../../../src/core/schemas.ts';
import type { ReviewView } from '../../../src/core/views.ts';
import { modal, textField, textValue } from './form-fields.ts';
import { DISCORD } from './limits.ts';

export const REVIEW_FIELDS = { answer: 'answer', part1: 'instructions1', part2: 'instructions2' } as const;

/** Apply correction: the corrected answer, pre-filled with the latest correction and editable. */
export function applyCorrectionForm(view: ReviewView): APIModalInteractionResponseCallbackData {
  return modal({ kind: 'review-modal', reviewId: view.review.id, action: 'apply' }, 'Apply correction', [
    textField(REVIEW_FIELDS.answer, {
      label: 'Answer for the knowledge base',
      description: 'Saved as the answer for this question pattern.',
      paragraph: true,
      required: true,
      max: LIMITS.correction,
      value: view.corrections[0]?.text,
    }),
  ]);
}

/**
 * Update instructions, pre-filled with the current ones. A text input holds at most 4000 characters
 * and instructions up to 8000, so longer instructions span two inputs that are joined on submit.
 */
export function updateInstructionsForm(
  reviewId: string,
  current: string,
): APIModalInteractionResponseCallbackData {
  const [first, second] = splitInstructions(current);
  return modal({ kind: 'review-modal', reviewId, action: 'instructions' }, 'Update instructions', [
    textField(REVIEW_FIELDS.part1, {
      label: 'Instructions for the assistant',
      paragraph: true,
      required: true,
      max: DISCORD.textInput,
      value: first,
    }),
    textField(REVIEW_FIELDS.part2, {
      label: 'Instructions, continued (optional)',
      description: 'Used when the instructions are longer than the first box allows.',
      paragraph: true,
      required: false,
      max: LIMITS.instructions - DISCORD.textInput,
      value: second,
    }),
  ]);
}

export function splitInstructions(text: string): [string, string] {
  let cut = Math.min(text.length, DISCORD.textInput);
  const code = text.charCodeAt(cut - 1);
  if (cut < text.length && code >= 0xd800 && code <= 0xdbff) cut -= 1;
  return [text.slice(0, cut), text.slice(cut)];
}

export function readInstructions(i: ModalSubmitInteraction): string {
  return textValue(i, REVIEW_FIELDS.part1) + textValue(i, REVIEW_FIELDS.part2);
}

export function readAnswer(i: ModalSubmitInteraction): string {
  return textValue(i, REVIEW_FIELDS.answer);
}
