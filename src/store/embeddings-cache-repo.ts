import { createHash } from 'node:crypto';
import type { Collection, Db } from 'mongodb';
import type { EmbeddingCache, EmbeddingPattern } from '../core/ports.ts';

interface EmbeddingDoc {
  /** sha256(model + text): the text itself is not stored. */
  _id: string;
  model: string;
  vector: number[];
  createdAt: Date;
}
interface PatternDoc extends EmbeddingPattern {
  _id: string;
  updatedAt: Date;
}

/** Lookups per query, so an `$in` list stays small. */
const ID_CHUNK = 200;

/**
 * Embeddings in `embeddings` (one document per model and text, keyed by their hash: written once,
 * never updated) and the embeddings keyer's patterns in `embedding_patterns` (keyed by model and key).
 */
export function createEmbeddingCacheRepository(db: Db): EmbeddingCache {
  const vectors: Collection<EmbeddingDoc> = db.collection('embeddings');
  const patterns: Collection<PatternDoc> = db.collection('embedding_patterns');
  return {
    async getMany(ids) {
      const out = new Map<string, number[]>();
      if (ids.length === 1) {
        // The keyer's path (one question per answer): a primary-key lookup, no $in.
        const d = await vectors.findOne({ _id: ids[0]! }, { projection: { vector: 1 } });
        if (d) out.set(d._id, d.vector);
        return out;
      }
      for (let i = 0; i < ids.length; i += ID_CHUNK) {
        const chunk = [...ids.slice(i, i + ID_CHUNK)];
        const docs = await vectors.find({ _id: { $in: chunk } }, { projection: { vector: 1 } }).toArray();
        for (const d of docs) out.set(d._id, d.vector);
      }
      return out;
    },
    async putMany(entries) {
      if (entries.length === 0) return;
      const now = new Date();
      await vectors.bulkWrite(
        entries.map((e) => ({
          updateOne: {
            filter: { _id: e.id },
            update: { $setOnInsert: { model: e.model, vector: e.vector, createdAt: now } },
            upsert: true,
          },
        })),
        { ordered: false },
      );
    },
    async loadPatterns(model) {
      const docs = await patterns.find({ model }).toArray();
      return docs
        .map(({ model: m, key, centroid, count }) => ({ model: m, key, centroid, count }))
        .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    },
    async savePattern(p) {
      const _id = createHash('sha256').update(p.model).update('\u0000').update(p.key).digest('hex');
      await patterns.updateOne(
        { _id },
        { $set: { model: p.model, key: p.key, centroid: p.centroid, count: p.count, updatedAt: new Date() } },
        { upsert: true },
      );
    },
  };
}
