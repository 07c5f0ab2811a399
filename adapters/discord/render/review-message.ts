import { type APIEmbed, type APIEmbedField, ButtonStyle } from 'discord.js';
import { actorName, excerptLine, outcomeSentence, plural } from '../../../src/core/presentation/index.ts';
import type { Actor, Reason } from '../../../src/core/types.ts';
import type { FeedbackItemView, ReviewView } from '../../../src/core/views.ts';
import { encodeCustomId } from '../ids.ts';
import { button, type MessageRow, row } from './components.ts';
import { userText } from './discord-markdown.ts';
import { clip, DISCORD } from './limits.ts';

export const REVIEW_COLOURS = { high: 0xe74c3c, medium: 0xf39c12, resolved: 0x2ecc71, dismissed: 0x95a5a6 };

/** Per-part budgets keep every review embed under Discord's 6000-character total. */
const BUDGET = {
  question: 1200,
  answer: 800,
  corrections: 1024,
  comments: 500,
  resolution: 900,
  context: 450,
};

export interface ReviewMessage {
  embeds: APIEmbed[];
  components: MessageRow[];
}

/** The thread root: an embed with the pattern's evidence, and the moderators' buttons while open. */
export function reviewMessage(view: ReviewView): ReviewMessage {
  const open = view.review.status === 'open';
  return { embeds: [reviewEmbed(view)], components: open ? [reviewButtons(view.review.id)] : [] };
}

function reviewButtons(reviewId: string): MessageRow {
  const id = (action: 'apply' | 'instructions' | 'dismiss') =>
    encodeCustomId({ kind: 'review', reviewId, action });
  return row(
    button(id('apply'), 'Apply correction', '✅', ButtonStyle.Success),
    button(id('instructions'), 'Update instructions', '📝', ButtonStyle.Primary),
    button(id('dismiss'), 'Dismiss', '🗑️', ButtonStyle.Secondary),
  );
}

function reviewEmbed(view: ReviewView): APIEmbed {
  const { review } = view;
  const state =
    review.status === 'open'
      ? `${view.priority === 'high' ? '🔴 High' : '🟠 Medium'} priority review`
      : review.status === 'resolved'
        ? '✅ Resolved review'
        : '🗑️ Dismissed review';
  const fields: APIEmbedField[] = [
    ...contextField(view),
    { name: 'Answer (excerpt)', value: clip(view.answerExcerpt || '—', BUDGET.answer) },
    { name: 'Answered by', value: clip(view.answerSource, 300) },
    {
      name: 'Negative feedback',
      value: `${view.window.negative} of the last ${view.window.total} (window ${view.window.size})`,
      inline: true,
    },
    { name: 'Priority', value: view.priority === 'high' ? 'High' : 'Medium', inline: true },
    { name: 'Reasons', value: reasonsLine(view.reasonCounts), inline: true },
    { name: 'Corrections', value: correctionsList(view) },
  ];
  if (view.comments.length > 0)
    fields.push({
      name: 'Comments',
      value: bullets(
        view.comments.map((c) => `“${userText(c)}”`),
        BUDGET.comments,
      ),
    });
  fields.push({ name: 'Suggested action', value: view.suggestedAction });
  if (review.resolution) fields.push({ name: 'Resolution', value: resolutionText(view) });
  return {
    title: clip(`${state}: ${userText(view.question)}`, DISCORD.embedTitle),
    description: `**Question**\n${clip(userText(view.question), BUDGET.question)}`,
    color: review.status === 'open' ? REVIEW_COLOURS[view.priority] : REVIEW_COLOURS[review.status],
    fields,
    footer: { text: `Review ${review.id} · ${view.related.length} related feedback` },
  };
}

/** The earlier turns of the thread the answer was given in (what the answerer saw), newest last. */
function contextField(view: ReviewView): APIEmbedField[] {
  const turns = view.context ?? [];
  if (turns.length === 0) return [];
  const shown = turns.slice(-3);
  const more = turns.length - shown.length;
  const lines = shown.map(
    (t) => `• Q: ${userText(excerptLine(t.question, 60))} → A: ${excerptLine(t.answer, 70)}`,
  );
  if (more > 0) lines.unshift(`…${plural(more, 'earlier turn')}`);
  return [{ name: 'Earlier in the thread', value: clip(lines.join('\n'), BUDGET.context) }];
}

function reasonsLine(counts: Partial<Record<Reason, number>>): string {
  const entries = Object.entries(counts).sort((a, b) => (b[1] ?? 0) - (a[1] ?? 0));
  return entries.length === 0 ? 'none given' : entries.map(([r, n]) => `${r} ×${n}`).join(', ');
}

function correctionsList(view: ReviewView): string {
  if (view.corrections.length === 0) return 'none yet';
  return bullets(
    view.corrections.map((c) => `“${userText(c.text)}” — ${userText(c.userName ?? c.userId)}`),
    BUDGET.corrections,
  );
}

/** A bullet list within `max` characters; items that do not fit are counted, not dropped silently. */
function bullets(items: string[], max: number): string {
  const lines: string[] = [];
  let used = 0;
  for (const [n, item] of items.entries()) {
    const more = items.length - n;
    const reserve = more > 1 ? 20 : 0;
    const line = `• ${excerptLine(item, Math.max(40, Math.floor(max / 3)))}`;
    if (used + line.length + 1 + reserve > max) {
      lines.push(`…and ${more} more`);
      break;
    }
    lines.push(line);
    used += line.length + 1;
  }
  return clip(lines.join('\n'), max);
}

/** A person as Discord shows them: name and mention (allowed_mentions keeps it from pinging). */
export function actorText(actor: Actor): string {
  const name = userText(actorName(actor));
  return actor.platform === 'discord' ? `${name} (<@${actor.userId}>)` : `${name} (${actor.platform})`;
}

/**
 * The shared outcome sentence (the dismissal note is in it) with the actor as a mention, the time as a
 * Discord timestamp (each reader sees their own zone), and the applied text quoted below.
 */
function resolutionText(view: ReviewView): string {
  const r = view.review.resolution!;
  const when = `<t:${Math.floor(r.at.getTime() / 1000)}:f>`;
  const body = `${outcomeSentence(r, { actor: actorText, text: userText })}\non ${when}`;
  return clip(r.text ? `${body}\n> ${userText(r.text).replace(/\n/g, '\n> ')}` : body, BUDGET.resolution);
}

/** The line posted in the thread when the review is closed. */
export function outcomeText(view: ReviewView): string {
  return clip(resolutionText(view), DISCORD.content);
}

/** One related feedback item, posted as a thread reply. */
export function appendText(item: FeedbackItemView): string {
  return clip(userText(item.summary), DISCORD.content);
}

export function threadName(view: ReviewView): string {
  return excerptLine(`Review: ${view.question}`, DISCORD.threadName);
}
