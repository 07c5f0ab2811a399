import type { Collection, Db, Document } from 'mongodb';
import type { FeedbackRepository, FeedbackWrite } from '../core/ports.ts';
import type { Feedback } from '../core/types.ts';
import { fromDoc, oid, oids, retryOnDuplicate } from './docs.ts';

/** Same vote, same reasons, same comment: a redelivery, not a change. */
function sameContent(doc: Document | null, f: FeedbackWrite): boolean {
  return (
    doc !== null &&
    doc.value === f.value &&
    JSON.stringify(doc.reasons ?? []) === JSON.stringify(f.reasons) &&
    (doc.comment ?? undefined) === f.comment
  );
}

export function createFeedbackRepository(db: Db): FeedbackRepository {
  const col: Collection = db.collection('feedback');
  const toFeedback = (d: Document) => fromDoc<Feedback>(d as never);
  return {
    // One row per (interaction, user, kind), enforced by a unique index. The update's "before" image
    // tells a first vote, a changed vote and a redelivery apart, also when deliveries race.
    async upsert(f, now) {
      const key = { interactionId: f.interactionId, userId: f.userId, kind: f.kind };
      const existing = await col.findOne(key);
      if (existing && sameContent(existing, f))
        return { feedback: toFeedback(existing), status: 'unchanged' };
      const { comment, userName, ...fields } = f;
      const before = await retryOnDuplicate(() =>
        col.findOneAndUpdate(
          key,
          {
            $set: {
              ...fields,
              updatedAt: now,
              ...(userName ? { userName } : {}),
              ...(comment ? { comment } : {}),
            },
            ...(comment ? {} : { $unset: { comment: '' } }),
            $setOnInsert: { createdAt: now },
          },
          { upsert: true, returnDocument: 'before' },
        ),
      );
      const after = await col.findOne(key);
      if (!after) throw new Error('feedback vanished after upsert');
      const status = before === null ? 'created' : sameContent(before, f) ? 'unchanged' : 'updated';
      return { feedback: toFeedback(after), status };
    },
    async linkToReview(feedbackId, reviewId) {
      await col.updateOne({ _id: oid(feedbackId) }, { $set: { reviewId } });
    },
    async forReview(reviewId) {
      const docs = await col.find({ reviewId }).sort({ updatedAt: -1 }).toArray();
      return docs.map(toFeedback);
    },
    async recentForPattern(patternKey, limit) {
      const docs = await col.find({ patternKey }).sort({ updatedAt: -1, _id: -1 }).limit(limit).toArray();
      return docs.map(toFeedback);
    },
    async getMany(ids) {
      const docs = await col.find({ _id: { $in: oids(ids) } }).toArray();
      return docs.map(toFeedback);
    },
    async inRange(range) {
      const docs = await col.find({ createdAt: { $gte: range.from, $lt: range.to } }).toArray();
      return docs.map(toFeedback);
    },
    countForInteraction(interactionId) {
      return col.countDocuments({ interactionId });
    },
  };
}
