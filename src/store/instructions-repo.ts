import type { Collection, Db, Document } from 'mongodb';
import type { InstructionsRepository } from '../core/ports.ts';
import type { InstructionsVersion } from '../core/types.ts';
import { retryOnDuplicate } from './docs.ts';

function toVersion(d: Document): InstructionsVersion {
  const { _id, ...rest } = d;
  return rest as InstructionsVersion;
}

export function createInstructionsRepository(db: Db): InstructionsRepository {
  const col: Collection = db.collection('instructions');
  return {
    async current() {
      const doc = await col.find({}).sort({ version: -1 }).limit(1).next();
      return doc ? toVersion(doc) : null;
    },
    add(text, author, reviewId, now) {
      return retryOnDuplicate(async () => {
        const last = await col.find({}).sort({ version: -1 }).limit(1).next();
        const doc: InstructionsVersion = { version: (last?.version ?? 0) + 1, text, createdAt: now };
        if (author) doc.author = author;
        if (reviewId) doc.reviewId = reviewId;
        await col.insertOne({ ...doc });
        return doc;
      });
    },
    async forReview(reviewId) {
      const doc = await col.findOne({ reviewId });
      return doc ? toVersion(doc) : null;
    },
    async history(limit = 20) {
      const docs = await col.find({}).sort({ version: -1 }).limit(limit).toArray();
      return docs.map(toVersion);
    },
  };
}
