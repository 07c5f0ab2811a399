import { createHash } from 'node:crypto';
import type { Collection, Db, Document } from 'mongodb';
import { utcDay } from '../core/insights/day-summary.ts';
import type { FeedbackRepository, FeedbackWrite } from '../core/ports.ts';
import { isNegative } from '../core/review-policy.ts';
import type { Feedback } from '../core/types.ts';
import { fromDoc, retryOnDuplicate } from './docs.ts';

/** Same vote, same reasons, same comment: a redelivery, not a change. */
function sameContent(doc: Document | null, f: FeedbackWrite): boolean {
  return (
    doc !== null &&
    doc.value === f.value &&
    JSON.stringify(doc.reasons ?? []) === JSON.stringify(f.reasons) &&
    (doc.comment ?? undefined) === f.comment
  );
}

/**
 * The `_id` is derived from (interaction, kind, user): one row per vote slot, enforced by the primary
 * key on every server, and the click path becomes `_id` lookups — the embedded FerretDB answers those
 * from SQLite's primary key, while other filters scan the collection.
 */
export function feedbackId(f: Pick<FeedbackWrite, 'interactionId' | 'kind' | 'userId'>): string {
  return `${f.interactionId}:${f.kind}:${createHash('sha256').update(f.userId).digest('hex').slice(0, 24)}`;
}

const DAY_MS = 86_400_000;
/** Days of a pattern's feedback read for its trigger window before falling back to all of it. */
const WINDOW_DAYS = 3;

export function createFeedbackRepository(db: Db): FeedbackRepository {
  const col: Collection<Document & { _id: string }> = db.collection('feedback');
  const toFeedback = (d: Document) => fromDoc<Feedback>(d as never, ['day', 'negDay', 'corrDay']);
  return {
    // One row per (interaction, user, kind). The update's "before" image
    // tells a first vote, a changed vote and a redelivery apart, also when deliveries race.
    async upsert(f, now) {
      const key = { _id: feedbackId(f) };
      const existing = await col.findOne(key);
      if (existing && sameContent(existing, f))
        return { feedback: toFeedback(existing), status: 'unchanged' };
      const { comment, userName, ...fields } = f;
      // Day buckets (UTC, by creation) are what insights read by equality; negDay only on negative feedback.
      const day = utcDay(existing?.createdAt ?? now);
      const negative = isNegative(f);
      const set: Document = {
        ...fields,
        updatedAt: now,
        ...(userName ? { userName } : {}),
        ...(comment ? { comment } : {}),
        day,
        ...(negative ? { negDay: day } : {}),
        ...(f.kind === 'correction' ? { corrDay: day } : {}),
      };
      const unset: Document = { ...(comment ? {} : { comment: '' }), ...(negative ? {} : { negDay: '' }) };
      const before = await retryOnDuplicate(() =>
        col.findOneAndUpdate(
          key,
          {
            $set: set,
            ...(Object.keys(unset).length > 0 ? { $unset: unset } : {}),
            $setOnInsert: { createdAt: existing?.createdAt ?? now },
          },
          { upsert: true, returnDocument: 'before' },
        ),
      );
      // The document as this write left it, from the "before" image: no third round trip.
      const after: Document = { ...(before ?? { ...key, createdAt: now }), ...set };
      for (const k of Object.keys(unset)) delete after[k];
      const status = before === null ? 'created' : sameContent(before, f) ? 'unchanged' : 'updated';
      return { feedback: toFeedback(after), status };
    },
    async linkToReview(id, reviewId) {
      await col.updateOne({ _id: id }, { $set: { reviewId } });
    },
    async forReview(reviewId) {
      const docs = await col.find({ reviewId }).sort({ updatedAt: -1 }).toArray();
      return docs.map(toFeedback);
    },
    async recentForPattern(patternKey, limit) {
      // The pattern's recent days first (two pushed-down equalities each), so a 👎 reads what the
      // window needs rather than the pattern's whole history; a pattern too quiet for that is read whole.
      const docs: Document[] = [];
      for (let d = 0; d < WINDOW_DAYS && docs.length < limit; d++)
        docs.push(
          ...(await col.find({ patternKey, day: utcDay(new Date(Date.now() - d * DAY_MS)) }).toArray()),
        );
      const window = docs.length >= limit ? docs : await col.find({ patternKey }).toArray();
      return window
        .sort((a, b) => b.updatedAt - a.updatedAt || (a._id < b._id ? 1 : a._id > b._id ? -1 : 0))
        .slice(0, limit)
        .map(toFeedback);
    },
    async onDay(day) {
      return (await col.find({ day }).toArray()).map(toFeedback);
    },
    async correctionsOnDay(day) {
      return (await col.find({ corrDay: day }).toArray()).map(toFeedback);
    },
    async negativeOnDay(day) {
      return (await col.find({ negDay: day }).toArray()).map(toFeedback);
    },
  };
}
