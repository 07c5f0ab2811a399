import type { Actor, Resolution, ResolutionAction, ReviewStatus } from '../types.ts';
import { excerpt } from './excerpt.ts';

/**
 * How a closed review is told: one wording for Slack, Discord, the playground and the core. Plain
 * text; a platform that needs markup passes `style` (e.g. a mention for the actor, escaping for the
 * moderator's note) instead of rewording the sentence.
 */
export interface OutcomeStyle {
  /** The actor as the platform shows a person; default: their name, else their id. */
  actor?: (actor: Actor) => string;
  /** Applied to the moderator's own text (a dismissal note); default: unchanged. */
  text?: (text: string) => string;
}

/** Longest dismissal note quoted in an outcome line; the review itself keeps the whole note. */
const OUTCOME_NOTE_MAX = 1000;

/** A person in plain text: their name, else their platform id. */
export function actorName(actor: Pick<Actor, 'name' | 'userId'>): string {
  return actor.name ?? actor.userId;
}

/**
 * What was done, by whom, in one sentence: "Mo applied the correction to the knowledge base (version 2).",
 * "Mo updated the assistant's instructions (version 3).", "Mo dismissed this review: duplicate".
 */
export function outcomeSentence(resolution: Resolution, style: OutcomeStyle = {}): string {
  const by = (style.actor ?? actorName)(resolution.actor);
  const text = style.text ?? ((s: string) => s);
  switch (resolution.action) {
    case 'apply_correction':
      return `${by} applied the correction to the knowledge base${version(resolution.knowledgeVersion)}.`;
    case 'update_instructions':
      return `${by} updated the assistant's instructions${version(resolution.instructionsVersion)}.`;
    case 'dismiss':
      return `${by} dismissed this review${resolution.note ? `: ${text(excerpt(resolution.note, OUTCOME_NOTE_MAX))}` : '.'}`;
  }
}

const version = (v: number | undefined) => (v ? ` (version ${v})` : '');

/** ✅ for a resolution that changed something, 🚫 for a dismissal. */
export function outcomeIcon(action: ResolutionAction): string {
  return action === 'dismiss' ? '🚫' : '✅';
}

/** The heading of a closed review: "Review resolved" / "Review dismissed" (also "Review open"). */
export function reviewStatusTitle(status: ReviewStatus): string {
  return `Review ${status}`;
}

/** The line for a closed review whose resolution is unknown (e.g. stored before it was recorded). */
export function outcomeOrStatus(
  review: { status: ReviewStatus; resolution?: Resolution },
  style?: OutcomeStyle,
): string {
  return review.resolution
    ? outcomeSentence(review.resolution, style)
    : `${reviewStatusTitle(review.status)}.`;
}

/** What the moderator who just resolved a review is told privately. */
export function resolvedConfirmation(resolution: Resolution | undefined): string {
  if (resolution?.action === 'apply_correction')
    return `Done — the correction is now knowledge entry v${resolution.knowledgeVersion ?? '?'} for this question.`;
  if (resolution?.action === 'update_instructions')
    return `Done — the assistant's instructions are now version ${resolution.instructionsVersion ?? '?'}.`;
  return 'Done — the review is dismissed.';
}

/**
 * Told to someone acting on a review that is already closed: "This review was already resolved by Mo."
 * `by` is omitted where the platform has no room for it (e.g. a form field's error).
 */
export function alreadyClosedText(status: ReviewStatus, by?: string): string {
  return `This review was already ${status}${by ? ` by ${by}` : ''}.`;
}
