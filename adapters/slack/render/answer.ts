import type { Interaction } from '../../../src/core/types.ts';
import { ACTION, rateValue, voteValue } from '../ids.ts';
import { markdownSections } from './mrkdwn.ts';
import { clip, escapeMrkdwn, type KnownBlock, plain, SLACK_LIMITS, who } from './text.ts';

export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
}

/** The feedback controls under an answer: native 👍/👎, then ✏️ and a 1–5 rating. Values carry only the id. */
export function feedbackControls(interactionId: string): KnownBlock[] {
  return [
    {
      type: 'context_actions',
      block_id: 'heed_feedback',
      elements: [
        {
          type: 'feedback_buttons',
          action_id: ACTION.vote,
          positive_button: {
            text: plain('👍'),
            accessibility_label: 'This answer was helpful',
            value: voteValue('up', interactionId),
          },
          negative_button: {
            text: plain('👎'),
            accessibility_label: 'This answer was not helpful',
            value: voteValue('down', interactionId),
          },
        },
      ],
    },
    {
      type: 'actions',
      block_id: 'heed_more',
      elements: [
        {
          type: 'button',
          action_id: ACTION.correct,
          text: plain('✏️ Suggest a correction'),
          value: interactionId,
        },
        {
          type: 'static_select',
          action_id: ACTION.rate,
          placeholder: plain('Rate 1–5'),
          options: [1, 2, 3, 4, 5].map((n) => ({
            text: plain(`${'★'.repeat(n)}${'☆'.repeat(5 - n)} ${n}`),
            value: rateValue(n, interactionId),
          })),
        },
      ],
    },
  ];
}

/**
 * The answer as one or more messages: text split across sections (never truncated), at most 50 blocks
 * per message; the last message carries the controls.
 */
export function answerMessages(
  interaction: Interaction,
  opts: { showQuestion?: boolean } = {},
): SlackMessage[] {
  const head: KnownBlock[] = opts.showQuestion
    ? [
        {
          type: 'context',
          elements: [
            {
              type: 'mrkdwn',
              text: `${who(interaction.ref.userId, interaction.ref.userName)} asked: ${escapeMrkdwn(clip(interaction.question, 2800))}`,
            },
          ],
        },
      ]
    : [];
  // Answers are Markdown (LLMs write it): converted to mrkdwn, every piece of text escaped.
  const sections: KnownBlock[] = markdownSections(interaction.answer);
  const controls = feedbackControls(interaction.id);
  const perMessage = SLACK_LIMITS.blocksPerMessage;
  const messages: KnownBlock[][] = [];
  let current: KnownBlock[] = [...head];
  for (const s of sections) {
    if (current.length >= perMessage) {
      messages.push(current);
      current = [];
    }
    current.push(s);
  }
  if (current.length + controls.length > perMessage) {
    messages.push(current);
    current = [];
  }
  messages.push([...current, ...controls]);
  const fallback = escapeMrkdwn(clip(interaction.answer, 300));
  return messages.map((blocks, i) => ({
    blocks,
    text: messages.length === 1 ? fallback : `${fallback} (${i + 1}/${messages.length})`,
  }));
}
