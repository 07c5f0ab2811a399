import type { FeedbackStore } from './ports.ts';
import { excerpt as clip } from './presentation/excerpt.ts';
import { outcomeSentence } from './presentation/outcome.ts';
import { priorityFor, type ReviewPolicyConfig, suggestedActionFor, windowStats } from './review-policy.ts';
import type { Feedback, Interaction, Reason, Review } from './types.ts';
import type { ReviewView } from './views.ts';

const EXCERPT = 500;
const CONTEXT_EXCERPT = 200;

function excerpt(text: string, max = EXCERPT): string {
  return clip(text, max);
}

export function summarizeFeedback(f: Feedback): string {
  const who = f.userName ?? f.userId;
  switch (f.kind) {
    case 'vote': {
      const reasons = f.reasons.length > 0 ? ` (${f.reasons.join(', ')})` : '';
      const comment = f.comment ? `: "${excerpt(f.comment, 200)}"` : '';
      return `${who} voted ${f.value === 'up' ? '👍' : '👎'}${reasons}${comment}`;
    }
    case 'rating':
      return `${who} rated ${f.value}/5`;
    case 'correction':
      return `${who} suggested a correction: "${excerpt(f.value, 300)}"`;
  }
}

/** "knowledge-base · from “How do I reset my password?” v2" — so a moderator sees what to fix. */
export function describeSource(i: Pick<Interaction, 'answerer' | 'model' | 'sources' | 'failed'>): string {
  const by = i.model ? `${i.answerer} (${i.model})` : i.answerer;
  const from = i.sources.map((s) => `“${excerpt(s.title ?? s.knowledgeId, 80)}” v${s.version}`).join(', ');
  return `${by}${from ? ` · from ${from}` : ' · no knowledge entry'}${i.failed ? ' · the answerer failed' : ''}`;
}

/** Builds what adapters render for a review: window numbers, reasons, corrections, comments. */
export async function buildReviewView(
  store: FeedbackStore,
  review: Review,
  policy: ReviewPolicyConfig,
  /** The pattern's trigger window when the caller has just read it (saves a second scan). */
  window?: readonly Feedback[],
): Promise<ReviewView> {
  const [related, recent, interaction] = await Promise.all([
    store.feedback.forReview(review.id),
    window ?? store.feedback.recentForPattern(review.patternKey, policy.window),
    store.interactions.get(review.interactionId),
  ]);
  const context = (await store.interactions.getMany(interaction?.contextIds ?? []))
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
    .map((i) => ({
      question: excerpt(i.question, CONTEXT_EXCERPT),
      answer: excerpt(i.answer, CONTEXT_EXCERPT),
    }));
  const stats = windowStats(recent);
  const reasonCounts: Partial<Record<Reason, number>> = {};
  for (const f of related) for (const r of f.reasons) reasonCounts[r] = (reasonCounts[r] ?? 0) + 1;
  const corrections = related
    .filter((f) => f.kind === 'correction')
    .map((f) => ({
      feedbackId: f.id,
      text: String(f.value),
      userId: f.userId,
      userName: f.userName,
      at: f.updatedAt,
    }))
    .sort((a, b) => b.at.getTime() - a.at.getTime());
  return {
    review,
    question: review.question,
    answerExcerpt: excerpt(interaction?.answer ?? ''),
    answerSource: interaction ? describeSource(interaction) : 'unknown',
    context,
    window: { negative: stats.negative, total: stats.total, size: policy.window },
    reasonCounts,
    corrections,
    comments: related.flatMap((f) => (f.comment ? [f.comment] : [])),
    suggestedAction: suggestedActionFor(related),
    priority: priorityFor(related.length),
    related,
    ...(review.resolution ? { outcome: outcomeSentence(review.resolution) } : {}),
  };
}
