import { createHash } from 'node:crypto';
import { type Collection, type Db, type Document, ObjectId } from 'mongodb';
import type { KnowledgeRepository } from '../core/ports.ts';
import type { KnowledgeEntry } from '../core/types.ts';
import { fromDoc, oid, retryOnDuplicate } from './docs.ts';

/** Versioned per pattern: a unique (patternKey, version) index makes concurrent approvals take turns. */
export function createKnowledgeRepository(db: Db): KnowledgeRepository {
  const col: Collection = db.collection('knowledge');
  // A marker rewritten on every add: a freshness check by `_id`, instead of counting the collection.
  const meta: Collection<{ _id: string; changed: string }> = db.collection('meta');
  const touch = () =>
    meta.updateOne(
      { _id: 'knowledge' },
      { $set: { changed: new ObjectId().toHexString() } },
      { upsert: true },
    );
  const toEntry = (d: Document) => fromDoc<KnowledgeEntry>(d as never);
  const latest = (patternKey: string) => col.find({ patternKey }).sort({ version: -1 }).limit(1).next();
  /**
   * The pattern's next version; a concurrent writer taking it first (or the same `_id`) makes this throw
   * a duplicate key.
   */
  const insertNext = async (
    entry: Omit<KnowledgeEntry, 'id' | 'version' | 'createdAt'>,
    now: Date,
    _id = new ObjectId(),
  ) => {
    const version = ((await latest(entry.patternKey))?.version ?? 0) + 1;
    const doc = { _id, ...entry, version, createdAt: now };
    const { insertedId } = await col.insertOne(doc);
    await touch();
    return toEntry({ ...doc, _id: insertedId });
  };
  const repo: KnowledgeRepository = {
    add(entry, now) {
      return retryOnDuplicate(() => insertNext(entry, now));
    },
    seed(entry, now) {
      // The same entry always gets the same `_id`, so instances seeding it together insert it once; each
      // attempt looks again for the winner's copy.
      const _id = new ObjectId(
        createHash('sha256').update(`${entry.patternKey}\n${entry.answer}`).digest().subarray(0, 12),
      );
      return retryOnDuplicate(async () => {
        const existing =
          (await col.findOne({ patternKey: entry.patternKey, answer: entry.answer, source: 'seed' })) ??
          (await col.findOne({ _id }));
        if (existing) return toEntry(existing);
        return insertNext({ ...entry, source: 'seed', sourceFeedbackIds: [] }, now, _id);
      });
    },
    async get(id) {
      const doc = await col.findOne({ _id: oid(id) });
      return doc ? toEntry(doc) : null;
    },
    async latestForPattern(patternKey) {
      const doc = await latest(patternKey);
      return doc ? toEntry(doc) : null;
    },
    async listLatest() {
      // Newest version first, then keep the first seen per pattern (no $first accumulator on the embedded server).
      const docs = await col.find({}).sort({ patternKey: 1, version: -1 }).toArray();
      const seen = new Set<string>();
      return docs.filter((d) => !seen.has(d.patternKey) && seen.add(d.patternKey)).map(toEntry);
    },
    async signature() {
      return (await meta.findOne({ _id: 'knowledge' }))?.changed ?? '-';
    },
    async forReview(reviewId) {
      const doc = await col.findOne({ reviewId });
      return doc ? toEntry(doc) : null;
    },
    async history(patternKey) {
      const docs = await col.find({ patternKey }).sort({ version: -1 }).toArray();
      return docs.map(toEntry);
    },
  };
  return repo;
}
