import type { Db, Document } from 'mongodb';
import type { TextRetentionResult } from '../core/ports.ts';

const DAY_MS = 86_400_000;

export type { TextRetentionResult } from '../core/ports.ts';

/** Interactions older than the cutoff that still hold a question or an answer. */
const oldInteractions = (cutoff: Date): Document => ({
  createdAt: { $lt: cutoff },
  $or: [{ question: { $ne: '' } }, { answer: { $ne: '' } }],
});
/** Feedback last changed before the cutoff that still holds a comment or a correction's text. */
const oldFeedback = (cutoff: Date): Document => ({
  updatedAt: { $lt: cutoff },
  $or: [{ comment: { $exists: true } }, { kind: 'correction', value: { $ne: '' } }],
});

/**
 * HEED_RETENTION_DAYS: removes the free text (questions, answers, comments, corrections) of
 * interactions and feedback older than `days`, keeping ids, kinds, values, timestamps and day buckets,
 * so every count and rate stays. Knowledge entries and instruction versions are kept. Idempotent.
 */
export async function redactOldText(
  db: Db,
  now: Date,
  days: number,
  opts: { dryRun?: boolean } = {},
): Promise<TextRetentionResult> {
  const cutoff = new Date(now.getTime() - days * DAY_MS);
  const interactions = db.collection('interactions');
  const feedback = db.collection('feedback');
  if (opts.dryRun)
    return {
      cutoff,
      dryRun: true,
      interactions: await interactions.countDocuments(oldInteractions(cutoff)),
      feedback: await feedback.countDocuments(oldFeedback(cutoff)),
    };
  const mark = { redactedAt: now, redacted: 'retention' };
  const i = await interactions.updateMany(oldInteractions(cutoff), {
    $set: { question: '', answer: '', ...mark },
  });
  const f = await feedback.countDocuments(oldFeedback(cutoff));
  await feedback.updateMany(
    { ...oldFeedback(cutoff), kind: 'correction' },
    { $set: { value: '', ...mark }, $unset: { comment: '' } },
  );
  await feedback.updateMany(oldFeedback(cutoff), { $set: mark, $unset: { comment: '' } });
  return { cutoff, dryRun: false, interactions: i.modifiedCount, feedback: f };
}
