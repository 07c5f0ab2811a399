import { isFunctionFeature, isWordFeature } from './feature-ids.ts';
import type { SparseVector } from './sparse-vector.ts';

type Postings = Map<number, { doc: number; w: number }[]>;

/**
 * All pairwise similarities of unit vectors as a dense n × n row-major matrix, computed through an
 * inverted index so only pairs that share a feature cost anything. With `gated` (the default),
 * function words count only when the two texts also share a content word or bigram: "how do I change
 * my email" and "how do I reset my password" share only function words and a character n-gram, so
 * they score low however alike their phrasing. Texts without any content word compare normally.
 * A number in 0..1 is the weight function words get between texts that share no content word
 * (true = 0, false = 1).
 */
export function similarityMatrix(
  vectors: readonly SparseVector[],
  gated: boolean | number = true,
): Float32Array {
  const unlinked = gated === true ? 0 : gated === false ? 1 : Math.min(1, Math.max(0, gated));
  const n = vectors.length;
  const words: Postings = new Map();
  const chars: Postings = new Map();
  const fn: Postings = new Map();
  vectors.forEach((v, doc) => {
    v.idx.forEach((f, k) => {
      const postings = isFunctionFeature(f) ? fn : isWordFeature(f) ? words : chars;
      const list = postings.get(f);
      if (list) list.push({ doc, w: v.val[k]! });
      else postings.set(f, [{ doc, w: v.val[k]! }]);
    });
  });
  const sim = new Float32Array(n * n);
  // Pairs sharing a word feature; upper triangle only (postings are in document order).
  const linked = new Uint8Array(n * n);
  accumulate(sim, n, words, (cell) => {
    linked[cell] = 1;
    return 1;
  });
  accumulate(sim, n, chars, () => 1);
  const bare = vectors.map((v) => !hasWordFeature(v));
  accumulate(sim, n, fn, (cell, a, b) => (linked[cell] === 1 || (bare[a]! && bare[b]!) ? 1 : unlinked));
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) sim[j * n + i] = sim[i * n + j]!;
  return sim;
}

function accumulate(
  sim: Float32Array,
  n: number,
  postings: Postings,
  weight: (cell: number, a: number, b: number) => number,
): void {
  for (const list of postings.values()) {
    for (let a = 0; a < list.length; a++) {
      const pa = list[a]!;
      const row = pa.doc * n;
      for (let b = a; b < list.length; b++) {
        const pb = list[b]!;
        const cell = row + pb.doc;
        const w = weight(cell, pa.doc, pb.doc);
        if (w !== 0) sim[cell]! += w * pa.w * pb.w;
      }
    }
  }
}

/** Whether a vector has a content word or bigram feature. */
function hasWordFeature(v: SparseVector): boolean {
  return v.idx.some(isWordFeature);
}
