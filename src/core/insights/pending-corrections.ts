import type { FeedbackStore } from '../ports.ts';
import type { Feedback, Review } from '../types.ts';
import type { PendingCorrection } from './types.ts';

/**
 * Corrections waiting for approval in open reviews: one entry per review (its newest correction and how
 * many wait there), first waiting first. A review's tally — counts and the newest correction's id,
 * stored whenever its view is built — spares reading every correction it holds: one `_id` lookup per
 * review. Only a review no view was built for since tallies exist has its corrections read.
 */
export async function pendingCorrections(
  store: FeedbackStore,
  open: readonly Review[],
): Promise<PendingCorrection[]> {
  const newestIds = open.flatMap((r) => (r.tally?.newestCorrectionId ? [r.tally.newestCorrectionId] : []));
  const [newest, untallied] = await Promise.all([
    store.feedback.getMany(newestIds),
    Promise.all(
      open
        .filter((r) => !r.tally)
        .map(async (r) => ({ review: r, corrections: await store.feedback.forReview(r.id, 'correction') })),
    ),
  ]);
  const byId = new Map(newest.map((f) => [f.id, f]));
  const out: PendingCorrection[] = [];
  for (const review of open) {
    const t = review.tally;
    const f = t?.newestCorrectionId ? byId.get(t.newestCorrectionId) : undefined;
    if (t && f && t.corrections > 0)
      out.push(entry(review, f, t.corrections, t.firstCorrectionAt ?? f.updatedAt));
  }
  // forReview lists newest first.
  for (const { review, corrections } of untallied)
    if (corrections.length > 0)
      out.push(entry(review, corrections[0]!, corrections.length, corrections.at(-1)!.updatedAt));
  return out.sort((a, b) => a.since.getTime() - b.since.getTime());
}

function entry(review: Review, newest: Feedback, count: number, since: Date): PendingCorrection {
  return {
    reviewId: review.id,
    feedbackId: newest.id,
    question: review.question,
    text: String(newest.value),
    userName: newest.userName,
    at: newest.updatedAt,
    count,
    since,
  };
}
