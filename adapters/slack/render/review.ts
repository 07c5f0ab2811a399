import {
  type OutcomeStyle,
  outcomeIcon,
  outcomeOrStatus,
  plural,
  reviewStatusTitle,
} from '../../../src/core/presentation/index.ts';
import type { FeedbackItemView, ReviewView } from '../../../src/core/views.ts';
import { reviewActionId } from '../ids.ts';
import type { SlackMessage } from './answer.ts';
import {
  clip,
  escapeMrkdwn,
  type KnownBlock,
  mrkdwnSections,
  plain,
  section,
  textSections,
  who,
} from './text.ts';

const SHOWN = 5;
const CONTEXT_SHOWN = 3;

function facts(view: ReviewView): KnownBlock {
  const reasons = Object.entries(view.reasonCounts)
    .sort((a, b) => (b[1] ?? 0) - (a[1] ?? 0))
    .map(([r, n]) => `${r} ×${n}`)
    .join(', ');
  const { negative, total, size } = view.window;
  return {
    type: 'section',
    fields: [
      { type: 'mrkdwn', text: `*Negative feedback*\n${negative} of the last ${total} (window ${size})` },
      { type: 'mrkdwn', text: `*Reasons*\n${reasons || '—'}` },
      { type: 'mrkdwn', text: `*Related feedback*\n${view.related.length}` },
      { type: 'mrkdwn', text: `*Suggested action*\n${escapeMrkdwn(view.suggestedAction)}` },
      { type: 'mrkdwn', text: `*Answered by*\n${escapeMrkdwn(clip(view.answerSource, 300))}` },
    ],
  };
}

function listed(title: string, items: string[], more: number): KnownBlock[] {
  if (items.length === 0) return [];
  const tail = more > 0 ? `\n_…and ${more} more in the thread_` : '';
  return [section(`*${title}*\n${items.join('\n')}${tail}`)];
}

/** The earlier turns of the thread the answer was given in, newest last: what the answerer saw. */
function threadContext(view: ReviewView): KnownBlock[] {
  const turns = view.context ?? [];
  if (turns.length === 0) return [];
  const shown = turns.slice(-CONTEXT_SHOWN);
  const more = turns.length - shown.length;
  const lines = shown.map(
    (t) => `• _Q:_ ${escapeMrkdwn(clip(t.question, 150))}\n   _A:_ ${escapeMrkdwn(clip(t.answer, 200))}`,
  );
  const head = more > 0 ? `_…${plural(more, 'earlier turn')}_\n` : '';
  return [section(`*Earlier in the thread* (sent to the answerer)\n${head}${lines.join('\n')}`)];
}

function body(view: ReviewView): KnownBlock[] {
  const corrections = view.corrections
    .slice(0, SHOWN)
    .map((c) => `• ${who(c.userId, c.userName)}: ${escapeMrkdwn(clip(c.text, 400))}`);
  const comments = view.comments.slice(0, SHOWN).map((c) => `• ${escapeMrkdwn(clip(c, 200))}`);
  return [
    ...threadContext(view),
    ...textSections(view.question, '*Question:* '),
    ...textSections(view.answerExcerpt, '*Answer (excerpt):* '),
    facts(view),
    ...listed('Corrections', corrections, view.corrections.length - corrections.length),
    ...listed('Comments', comments, view.comments.length - comments.length),
  ];
}

const footer = (view: ReviewView): KnownBlock => ({
  type: 'context',
  elements: [{ type: 'mrkdwn', text: `heed review \`${view.review.id}\`` }],
});

/** The thread root posted in the moderators' channel while a review is open. */
export function reviewRootMessage(view: ReviewView): SlackMessage {
  const priority = view.priority === 'high' ? '🔴 high' : '🟡 medium';
  const rid = view.review.id;
  return {
    text: `Review needed (${view.priority} priority): ${clip(view.question, 200)}`,
    blocks: [
      { type: 'header', text: plain(`🔎 Review needed · ${priority} priority`) },
      ...body(view),
      {
        type: 'actions',
        block_id: 'heed_review',
        elements: [
          {
            type: 'button',
            action_id: reviewActionId('apply_correction'),
            text: plain('Apply correction'),
            style: 'primary',
            value: rid,
          },
          {
            type: 'button',
            action_id: reviewActionId('update_instructions'),
            text: plain('Update instructions'),
            value: rid,
          },
          { type: 'button', action_id: reviewActionId('dismiss'), text: plain('Dismiss'), value: rid },
        ],
      },
      footer(view),
    ],
  };
}

/**
 * The shared outcome sentence in mrkdwn: the actor as a Slack mention (or their escaped name), the
 * moderator's note escaped — their text is data, never markup.
 */
const MRKDWN: OutcomeStyle = {
  actor: (a) => who(a.userId, a.name, a.platform),
  text: escapeMrkdwn,
};

/**
 * What was done, in one line ("✅ <@U1> applied the correction to the knowledge base (version 2).");
 * "Review resolved." when the resolution is unknown. A note of up to OUTCOME_NOTE_MAX characters can pass
 * the section limit once escaped: the line is split into sections (mrkdwnSections), never cut.
 */
function outcomeLine(view: ReviewView): string {
  const r = view.review.resolution;
  const line = outcomeOrStatus(view.review, MRKDWN);
  return r ? `${outcomeIcon(r.action)} ${line}` : line;
}

/** The root after resolution: same facts, outcome and who, no buttons. */
export function resolvedRootMessage(view: ReviewView): SlackMessage {
  const outcome = outcomeLine(view);
  const status = view.review.status;
  const title = `${status === 'dismissed' ? '🚫' : '✅'} ${reviewStatusTitle(status)}`;
  return {
    text: `${title}: ${clip(view.question, 200)}`,
    blocks: [{ type: 'header', text: plain(title) }, ...mrkdwnSections(outcome), ...body(view), footer(view)],
  };
}

/** A thread reply for feedback that joined the open review. */
export function appendMessage(item: FeedbackItemView): SlackMessage {
  const { negative, total } = item.window;
  return {
    text: clip(item.summary, 300),
    blocks: [
      ...textSections(item.summary, '➕ '),
      {
        type: 'context',
        elements: [
          {
            type: 'mrkdwn',
            text: `Now ${negative} negative of the last ${total}`,
          },
        ],
      },
    ],
  };
}

export function outcomeReply(view: ReviewView): SlackMessage {
  const text = outcomeLine(view);
  return { text: clip(text, 300), blocks: mrkdwnSections(text) };
}
