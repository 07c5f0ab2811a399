import { type APIEmbed, ButtonStyle, ComponentType } from 'discord.js';
import type { Interaction } from '../../../src/core/types.ts';
import { encodeCustomId } from '../ids.ts';
import { button, type MessageRow, row } from './components.ts';
import { toDiscordMarkdown } from './discord-markdown.ts';
import { clip, DISCORD, splitText } from './limits.ts';

export interface AnswerPart {
  embeds: APIEmbed[];
  components: MessageRow[];
}

/** Leaves room for the title and the "part i of n" footer within the 6000-character message total. */
const ANSWER_CHUNK = 4000;
const ANSWER_COLOUR = 0x5865f2;

/**
 * The answer as one or more messages (never truncated): each carries one embed with a part of the
 * answer; the last one carries the feedback controls, so reactions apply to the whole answer.
 */
export function answerMessages(i: Pick<Interaction, 'id' | 'question' | 'answer'>): AnswerPart[] {
  // Discord renders the answer's Markdown; only mentions and deceptive or unsafe links are defused.
  const chunks = splitText(
    i.answer.trim() === '' ? '(no answer)' : toDiscordMarkdown(i.answer),
    ANSWER_CHUNK,
  );
  return chunks.map((chunk, n) => {
    const embed: APIEmbed = { description: chunk, color: ANSWER_COLOUR };
    if (n === 0) embed.title = clip(i.question, DISCORD.embedTitle);
    if (chunks.length > 1) embed.footer = { text: `Part ${n + 1} of ${chunks.length}` };
    return { embeds: [embed], components: n === chunks.length - 1 ? feedbackControls(i.id) : [] };
  });
}

/** 👍 / 👎 / ✏️ Correct, and a 1–5 rating select on a second row. */
export function feedbackControls(interactionId: string): MessageRow[] {
  return [
    row(
      button(encodeCustomId({ kind: 'vote', interactionId, value: 'up' }), 'Helpful', '👍'),
      button(encodeCustomId({ kind: 'vote', interactionId, value: 'down' }), 'Not helpful', '👎'),
      button(encodeCustomId({ kind: 'correct', interactionId }), 'Correct', '✏️', ButtonStyle.Primary),
    ),
    row({
      type: ComponentType.StringSelect,
      custom_id: encodeCustomId({ kind: 'rate', interactionId }),
      placeholder: 'Rate this answer (1–5)',
      min_values: 1,
      max_values: 1,
      options: [1, 2, 3, 4, 5].map((n) => ({
        label: `${'★'.repeat(n)}${'☆'.repeat(5 - n)} ${n}/5`,
        value: String(n),
      })),
    }),
  ];
}

/** The ephemeral follow-up after a 👎: a button that opens the reasons form. */
export function tellUsWhyRow(interactionId: string): MessageRow {
  return row(button(encodeCustomId({ kind: 'why', interactionId }), 'Tell us why', '💬'));
}
