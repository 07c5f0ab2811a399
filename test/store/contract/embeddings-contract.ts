import { describe, expect, it } from 'vitest';
import { embeddingId } from '../../../src/core/clustering/embedder.ts';
import type { FeedbackStore } from '../../../src/core/ports.ts';

/** The embeddings cache (vectors by text hash, the keyer's patterns), whatever holds it. */
export function embeddingsContract(fresh: () => Promise<FeedbackStore>) {
  describe('embeddings cache', () => {
    it('returns the stored vectors among many ids; a vector is written once', async () => {
      const { embeddings } = await fresh();
      const ids = Array.from({ length: 250 }, (_, i) => embeddingId('m', `question ${i}`));
      await embeddings.putMany(ids.slice(0, 240).map((id, i) => ({ id, model: 'm', vector: [i, 0.5] })));
      expect(await embeddings.getMany([])).toEqual(new Map());
      const got = await embeddings.getMany(ids);
      // More ids than one lookup takes (the MongoDB store asks in chunks of 200); unknown ones left out.
      expect(got.size).toBe(240);
      expect(got.get(ids[239]!)).toEqual([239, 0.5]);
      expect(got.has(ids[245]!)).toBe(false);
      await embeddings.putMany([{ id: ids[3]!, model: 'm', vector: [99, 99] }]);
      expect(await embeddings.getMany([ids[3]!])).toEqual(new Map([[ids[3]!, [3, 0.5]]]));
      // What a caller holds is its own: changing it changes nothing stored.
      got.get(ids[0]!)!.push(7);
      expect((await embeddings.getMany([ids[0]!])).get(ids[0]!)).toEqual([0, 0.5]);
    });

    it("keeps each model's patterns apart, in key order, one per key (saved again: replaced)", async () => {
      const { embeddings } = await fresh();
      await embeddings.savePattern({ model: 'm', key: 'reset password', centroid: [1, 0], count: 1 });
      await embeddings.savePattern({ model: 'm', key: 'connect discord', centroid: [0, 1], count: 2 });
      await embeddings.savePattern({ model: 'other', key: 'reset password', centroid: [5, 5], count: 9 });
      await embeddings.savePattern({ model: 'm', key: 'reset password', centroid: [0.8, 0.2], count: 3 });
      expect(await embeddings.loadPatterns('m')).toEqual([
        { model: 'm', key: 'connect discord', centroid: [0, 1], count: 2 },
        { model: 'm', key: 'reset password', centroid: [0.8, 0.2], count: 3 },
      ]);
      expect(await embeddings.loadPatterns('other')).toEqual([
        { model: 'other', key: 'reset password', centroid: [5, 5], count: 9 },
      ]);
      expect(await embeddings.loadPatterns('none')).toEqual([]);
    });
  });
}
