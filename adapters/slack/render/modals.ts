import { LIMITS } from '../../../src/core/schemas.ts';
import {
  type Interaction,
  REASON_LABELS,
  REASONS,
  type Reason,
  type ResolutionAction,
} from '../../../src/core/types.ts';
import type { ReviewView } from '../../../src/core/views.ts';
import { callbackIdFor, encodeMeta, type ModalMeta } from '../ids.ts';
import {
  clip,
  escapeMrkdwn,
  type KnownBlock,
  plain,
  SLACK_LIMITS,
  section,
  splitText,
  type View,
} from './text.ts';

/** Block and action ids of modal inputs (the fields that `response_action: errors` points at). */
export const FIELD = {
  text: 'heed_text',
  reasons: 'heed_reasons',
  comment: 'heed_comment',
  note: 'heed_note',
} as const;
export const INPUT = 'value';
const part = (i: number) => `heed_part_${i}`;

const CORRECTION_MAX = Math.min(SLACK_LIMITS.plainTextInput, LIMITS.correction);
const INSTRUCTION_PARTS = Math.ceil(LIMITS.instructions / SLACK_LIMITS.plainTextInput);

function modal(meta: ModalMeta, title: string, blocks: KnownBlock[], submit = 'Submit'): View {
  return {
    type: 'modal',
    callback_id: callbackIdFor(meta),
    private_metadata: encodeMeta(meta),
    title: plain(clip(title, SLACK_LIMITS.modalTitle)),
    submit: plain(submit),
    close: plain('Cancel'),
    blocks,
  };
}

function textInput(
  blockId: string,
  label: string,
  opts: { max: number; initial?: string; optional?: boolean; multiline?: boolean; hint?: string },
): KnownBlock {
  return {
    type: 'input',
    block_id: blockId,
    optional: opts.optional ?? false,
    label: plain(label),
    ...(opts.hint ? { hint: plain(opts.hint) } : {}),
    element: {
      type: 'plain_text_input',
      action_id: INPUT,
      multiline: opts.multiline ?? true,
      max_length: opts.max,
      ...(opts.initial ? { initial_value: opts.initial } : {}),
    },
  };
}

const quoted = (title: string, text: string) =>
  section(`*${title}*\n>${escapeMrkdwn(clip(text, 1500)).replace(/\n/g, '\n>')}`);

export function correctionModal(interaction: Interaction, meta: ModalMeta): View {
  return modal(meta, 'Suggest a correction', [
    quoted('Question', interaction.question),
    quoted('Original answer (excerpt)', interaction.answer),
    textInput(FIELD.text, 'Your corrected answer', {
      max: CORRECTION_MAX,
      hint: `Moderators review every correction before it is used. At most ${CORRECTION_MAX} characters.`,
    }),
  ]);
}

export function reasonsModal(meta: ModalMeta): View {
  return modal(meta, 'Tell us why', [
    {
      type: 'input',
      block_id: FIELD.reasons,
      optional: true,
      label: plain('What was wrong?'),
      element: {
        type: 'checkboxes',
        action_id: INPUT,
        options: REASONS.map((r) => ({ text: plain(REASON_LABELS[r]), value: r })),
      },
    },
    textInput(FIELD.comment, 'Anything else? (optional)', { max: LIMITS.comment, optional: true }),
  ]);
}

/** The moderator's modal for one review action, pre-filled where there is something to start from. */
export function resolveModal(
  action: ResolutionAction,
  view: ReviewView,
  instructions: string,
  meta: ModalMeta,
): View {
  const question = quoted('Question', view.question);
  if (action === 'apply_correction') {
    const latest = view.corrections[0]?.text ?? '';
    const cut = latest.length > CORRECTION_MAX;
    return modal(
      meta,
      'Apply correction',
      [
        question,
        textInput(FIELD.text, 'Knowledge entry for this question', {
          max: CORRECTION_MAX,
          initial: latest.slice(0, CORRECTION_MAX),
          hint: cut
            ? `The latest correction was longer than ${CORRECTION_MAX} characters and is shown cut; edit before applying.`
            : 'Pre-filled with the latest correction. Edit freely; it becomes the answer for this question pattern.',
        }),
      ],
      'Apply',
    );
  }
  if (action === 'update_instructions') {
    const parts = instructions === '' ? [] : splitText(instructions, SLACK_LIMITS.plainTextInput);
    const count = Math.min(INSTRUCTION_PARTS, Math.max(1, parts.length + 1));
    const inputs = Array.from({ length: count }, (_, i) =>
      textInput(part(i), i === 0 ? "Assistant's instructions" : `Instructions (continued, part ${i + 1})`, {
        max: SLACK_LIMITS.plainTextInput,
        initial: parts[i],
        optional: i > 0,
      }),
    );
    return modal(meta, 'Update instructions', [question, ...inputs], 'Save new version');
  }
  return modal(
    meta,
    'Dismiss review',
    [question, textInput(FIELD.note, 'Note (optional)', { max: LIMITS.note, optional: true })],
    'Dismiss',
  );
}

// ---- reading and validating submissions ----------------------------------------------------

export type ViewState = Record<
  string,
  Record<string, { value?: string | null; selected_options?: { value?: string }[] }>
>;
export type Checked<T> = { ok: true; value: T } | { ok: false; errors: Record<string, string> };

const read = (state: ViewState, blockId: string): string => {
  const v = state[blockId]?.[INPUT]?.value;
  return typeof v === 'string' ? v : '';
};

function requiredText(state: ViewState, blockId: string, max: number, what: string): Checked<string> {
  const text = read(state, blockId).trim();
  if (text === '') return { ok: false, errors: { [blockId]: `Please enter ${what}.` } };
  if (text.length > max)
    return { ok: false, errors: { [blockId]: `Please keep it to ${max} characters (now ${text.length}).` } };
  return { ok: true, value: text };
}

export const readCorrection = (state: ViewState) =>
  requiredText(state, FIELD.text, CORRECTION_MAX, 'the corrected answer');

export function readReasons(state: ViewState): Checked<{ reasons: Reason[]; comment?: string }> {
  // Slack sends an array; anything else (a forged payload) counts as nothing chosen.
  const options: unknown = state[FIELD.reasons]?.[INPUT]?.selected_options;
  const chosen = Array.isArray(options) ? (options as { value?: unknown }[]) : [];
  const reasons = REASONS.filter((r) => chosen.some((o) => o?.value === r));
  const comment = read(state, FIELD.comment).trim();
  if (comment.length > LIMITS.comment)
    return { ok: false, errors: { [FIELD.comment]: `Please keep it to ${LIMITS.comment} characters.` } };
  return { ok: true, value: { reasons, comment: comment || undefined } };
}

/** The resolution text (or note) a moderator submitted, validated against the core's limits. */
export function readResolution(
  action: ResolutionAction,
  state: ViewState,
): Checked<{ text?: string; note?: string }> {
  if (action === 'apply_correction') {
    const t = requiredText(state, FIELD.text, CORRECTION_MAX, 'the knowledge entry');
    return t.ok ? { ok: true, value: { text: t.value } } : t;
  }
  if (action === 'update_instructions') {
    const joined = Array.from({ length: INSTRUCTION_PARTS }, (_, i) => read(state, part(i)))
      .join('')
      .trim();
    if (joined === '') return { ok: false, errors: { [part(0)]: 'Please enter the instructions.' } };
    if (joined.length > LIMITS.instructions)
      return {
        ok: false,
        errors: { [part(0)]: `Instructions are limited to ${LIMITS.instructions} characters.` },
      };
    return { ok: true, value: { text: joined } };
  }
  const note = read(state, FIELD.note).trim();
  if (note.length > LIMITS.note)
    return { ok: false, errors: { [FIELD.note]: `Please keep it to ${LIMITS.note} characters.` } };
  return { ok: true, value: { note: note || undefined } };
}

export const fieldFor = (action: ResolutionAction) =>
  action === 'apply_correction' ? FIELD.text : action === 'update_instructions' ? part(0) : FIELD.note;
