import type { EmbeddingCache } from '../../core/ports.ts';
import { copy } from './ids.ts';
import type { MemoryTables } from './tables.ts';

/** The embeddings cache over the in-memory tables: the same rules as the MongoDB one (embeddings-cache-repo.ts). */
export function memoryEmbeddings(t: Pick<MemoryTables, 'embeddings' | 'embeddingPatterns'>): EmbeddingCache {
  return {
    async getMany(ids) {
      const found = new Map<string, number[]>();
      for (const id of ids) {
        const vector = t.embeddings.get(id);
        if (vector) found.set(id, [...vector]);
      }
      return found;
    },
    async putMany(entries) {
      // Written once, as the MongoDB store's $setOnInsert: a vector never changes under its id.
      for (const { id, vector } of entries) if (!t.embeddings.has(id)) t.embeddings.set(id, [...vector]);
    },
    async loadPatterns(model) {
      return [...t.embeddingPatterns.values()]
        .filter((p) => p.model === model)
        .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
        .map(copy);
    },
    async savePattern(p) {
      const { model, key, centroid, count } = p;
      t.embeddingPatterns.set(`${model}\u0000${key}`, copy({ model, key, centroid, count }));
    },
  };
}

/** A cache of its own for one process without a store (`heed cluster`): nothing outlives the run. */
export const processEmbeddingCache = (): EmbeddingCache =>
  memoryEmbeddings({ embeddings: new Map(), embeddingPatterns: new Map() });
