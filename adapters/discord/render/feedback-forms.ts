import type { APIModalInteractionResponseCallbackData } from 'discord.js';
import { LIMITS } from '../../../src/core/schemas.ts';
import { REASON_LABELS, REASONS } from '../../../src/core/types.ts';
import { modal, selectField, textField } from './form-fields.ts';

export const FEEDBACK_FIELDS = { correction: 'correction', reasons: 'reasons', comment: 'comment' } as const;

/** ✏️: the corrected answer, required, up to the core's correction limit (Discord's 4000). */
export function correctionForm(interactionId: string): APIModalInteractionResponseCallbackData {
  return modal({ kind: 'correct-modal', interactionId }, 'Suggest a correction', [
    textField(FEEDBACK_FIELDS.correction, {
      label: 'What should the answer say?',
      description: 'A moderator reviews it before it is used.',
      paragraph: true,
      required: true,
      max: LIMITS.correction,
    }),
  ]);
}

/** 👎 → "Tell us why": reason chips as a multi-select plus an optional comment. */
export function reasonsForm(interactionId: string): APIModalInteractionResponseCallbackData {
  return modal({ kind: 'why-modal', interactionId }, 'What was wrong with the answer?', [
    selectField(FEEDBACK_FIELDS.reasons, {
      label: 'Reasons',
      description: 'Pick any that apply.',
      options: REASONS.map((r) => ({ label: REASON_LABELS[r], value: r })),
    }),
    textField(FEEDBACK_FIELDS.comment, {
      label: 'Comment (optional)',
      paragraph: true,
      required: false,
      max: LIMITS.comment,
    }),
  ]);
}
