import type { FeedbackStore } from '../../src/core/ports.ts';
import type { Feedback } from '../../src/core/types.ts';

/** One interaction's feedback, read as `heed export` reads it (the store has no per-interaction count). */
export async function feedbackOf(
  store: Pick<FeedbackStore, 'exports'>,
  interactionId: string,
): Promise<Feedback[]> {
  const out: Feedback[] = [];
  for await (const f of store.exports.feedback({})) if (f.interactionId === interactionId) out.push(f);
  return out;
}
