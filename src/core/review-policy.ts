import type { Feedback, FeedbackValue, Priority } from './types.ts';

export interface ReviewPolicyConfig {
  /** How many of the pattern's most recent feedback items the trigger looks at. */
  window: number;
  /** Share of negative items in the window above which a review is raised. */
  negativeRate: number;
  /** The window must hold at least this many items before the share counts. */
  minSamples: number;
}

export const DEFAULT_POLICY: ReviewPolicyConfig = { window: 10, negativeRate: 0.3, minSamples: 3 };

export const SUGGESTED_ACTIONS = {
  corrections: 'Update knowledge base with corrections',
  instructions: 'Review and update prompt/instructions',
} as const;

/** 👎, a correction, or a rating of 2 or less. */
export function isNegative(f: FeedbackValue): boolean {
  switch (f.kind) {
    case 'vote':
      return f.value === 'down';
    case 'correction':
      return true;
    case 'rating':
      return f.value <= 2;
  }
}

export interface WindowStats {
  negative: number;
  total: number;
  /** negative / total, 0 for an empty window. */
  share: number;
}

export function windowStats(recent: readonly FeedbackValue[]): WindowStats {
  const negative = recent.filter(isNegative).length;
  return { negative, total: recent.length, share: recent.length === 0 ? 0 : negative / recent.length };
}

/** Whether `trigger` (just recorded) should raise or join a review, given the pattern's recent feedback. */
export function shouldReview(
  trigger: FeedbackValue,
  recent: readonly FeedbackValue[],
  cfg: ReviewPolicyConfig,
): boolean {
  if (!isNegative(trigger)) return false;
  // Only a moderator may turn a correction into knowledge, so every correction is reviewed.
  if (trigger.kind === 'correction') return true;
  const stats = windowStats(recent.slice(0, cfg.window));
  return stats.total >= cfg.minSamples && stats.share > cfg.negativeRate;
}

/** High when more than 5 related feedback items back the review. */
export function priorityFor(relatedCount: number): Priority {
  return relatedCount > 5 ? 'high' : 'medium';
}

export function suggestedActionFor(related: readonly Pick<Feedback, 'kind'>[]): string {
  return related.some((f) => f.kind === 'correction')
    ? SUGGESTED_ACTIONS.corrections
    : SUGGESTED_ACTIONS.instructions;
}
