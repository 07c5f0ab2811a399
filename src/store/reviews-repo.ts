import { type Collection, type Db, type Document, ObjectId } from 'mongodb';
import { utcDay } from '../core/insights/day-summary.ts';
import type { ReviewRepository } from '../core/ports.ts';
import type { AuditEntry, Resolution, Review, ReviewTally } from '../core/types.ts';
import { fromDoc, isDuplicateKey, oid, retryOnDuplicate } from './docs.ts';

/**
 * Rules carried by unique indexes, because only inserts are atomic on every supported server:
 * - `openKey` equals the pattern key while a review is open (becomes `closed:<id>` afterwards), so a
 *   second concurrent open fails with a duplicate key and joins the first;
 * - a resolution is claimed by inserting `{ _id: reviewId }` into `resolutions`: one winner.
 * FerretDB 1.24 writes an updated document whole from what it read, so two concurrent updates of one
 * review lose one of them: what many writers touch lives beside the review — appended audit entries in
 * `review_audit`, the tally (rewritten at every root rebuild, on any instance) in `review_tallies` —
 * and the review document is updated only to post (`threads`) and to close it.
 */
export function createReviewRepository(db: Db): ReviewRepository {
  const col: Collection = db.collection('reviews');
  const claims: Collection<{ _id: string } & Partial<Resolution>> = db.collection('resolutions');
  const appended: Collection = db.collection('review_audit');
  const tallies: Collection<{ _id: string; tally: ReviewTally }> = db.collection('review_tallies');
  /** `reviews` with their tallies (get and list: what reads them). */
  const withTallies = async (reviews: Review[]): Promise<Review[]> => {
    if (reviews.length === 0) return reviews;
    const ids = reviews.map((r) => r.id);
    const found = await (ids.length === 1
      ? tallies.find({ _id: ids[0]! })
      : tallies.find({ _id: { $in: ids } })
    ).toArray();
    const byId = new Map(found.map((t) => [t._id, t.tally]));
    return reviews.map((r) => (byId.has(r.id) ? { ...r, tally: byId.get(r.id)! } : r));
  };
  const toReview = (d: Document): Review => {
    const review = fromDoc<Review>(d as never, ['openKey', 'day', 'closedDay']);
    // The embedded server may drop empty arrays written on insert; read them back as empty.
    return { ...review, threads: review.threads ?? [], audit: review.audit ?? [] };
  };
  const findOpen = async (patternKey: string) => {
    const doc = await col.findOne({ openKey: patternKey });
    return doc ? toReview(doc) : null;
  };
  return {
    async openOrJoin(init, now) {
      for (let attempt = 0; attempt < 5; attempt++) {
        const open = await findOpen(init.patternKey);
        if (open) return { review: open, created: false };
        const doc = {
          _id: new ObjectId(),
          ...init,
          openKey: init.patternKey,
          status: 'open',
          threads: [],
          audit: [{ at: now, event: 'opened' }],
          createdAt: now,
          updatedAt: now,
          day: utcDay(now),
        };
        try {
          await col.insertOne(doc);
          return { review: toReview(doc), created: true };
        } catch (err) {
          if (!isDuplicateKey(err)) throw err;
        }
      }
      throw new Error(`could not open or join a review for pattern ${init.patternKey}`);
    },
    async get(id) {
      const doc = await col.findOne({ _id: oid(id) });
      return doc ? (await withTallies([toReview(doc)]))[0]! : null;
    },
    findOpen,
    async list({ status, limit = 50 }) {
      const docs = await col
        .find(status ? { status } : {})
        .sort({ updatedAt: -1 })
        .limit(limit)
        .toArray();
      return withTallies(docs.map(toReview));
    },
    async openedOnDay(day) {
      return (await col.find({ day }).toArray()).map(toReview);
    },
    async closedOnDay(day) {
      return (await col.find({ closedDay: day }).toArray()).map(toReview);
    },
    async addThread(id, thread) {
      await col.updateOne({ _id: oid(id) }, {
        $push: { threads: thread, audit: { at: new Date(), event: 'posted', detail: thread.platform } },
      } as Document);
    },
    async setTally(id, tally) {
      // Two instances' first tallies may race to insert: the loser replaces the winner's.
      await retryOnDuplicate(() => tallies.replaceOne({ _id: id }, { tally }, { upsert: true }));
    },
    async claimResolution(id, resolution) {
      try {
        await claims.insertOne({ _id: id, ...resolution });
        return { claimed: true };
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
        const { _id, ...existing } = (await claims.findOne({ _id: id })) as { _id: string } & Resolution;
        return { claimed: false, existing };
      }
    },
    async addAudit(id, entry) {
      await appended.insertOne({ reviewId: id, ...entry });
    },
    async auditTrail(id) {
      const own = (await col.findOne({ _id: oid(id) }, { projection: { audit: 1 } }))?.audit ?? [];
      const more = await appended.find({ reviewId: id }).toArray();
      const entries = [...own, ...more.map(({ _id, reviewId, ...e }) => e)] as AuditEntry[];
      return entries.sort((x, y) => new Date(x.at).getTime() - new Date(y.at).getTime());
    },
    async close(id, resolution) {
      const status = resolution.action === 'dismiss' ? 'dismissed' : 'resolved';
      const doc = await col.findOneAndUpdate(
        { _id: oid(id) },
        {
          $set: {
            status,
            resolution,
            openKey: `closed:${id}`,
            updatedAt: resolution.at,
            closedDay: utcDay(resolution.at),
          },
          $push: { audit: { at: resolution.at, event: status, actor: resolution.actor } } as Document,
        },
        { returnDocument: 'after' },
      );
      return doc ? toReview(doc) : null;
    },
  };
}
