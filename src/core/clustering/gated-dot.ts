import { isFunctionFeature, isWordFeature } from './feature-ids.ts';
import type { SparseVector } from './sparse-vector.ts';

/** Whether a vector has a content word or bigram feature. */
export function hasWordFeature(v: SparseVector): boolean {
  return v.idx.some(isWordFeature);
}

/**
 * Dot product in which function words count only when the two texts also share a content word or
 * bigram: "how do I change my email" and "how do I reset my password" share only function words and
 * a character n-gram, so they score low however alike their phrasing. Texts without any content
 * word compare normally.
 */
export function gatedDot(a: SparseVector, b: SparseVector): number {
  let i = 0;
  let j = 0;
  let shared = false;
  let content = 0;
  let fn = 0;
  while (i < a.idx.length && j < b.idx.length) {
    const ai = a.idx[i]!;
    const bj = b.idx[j]!;
    if (ai === bj) {
      const p = a.val[i++]! * b.val[j++]!;
      if (isFunctionFeature(ai)) fn += p;
      else content += p;
      if (isWordFeature(ai)) shared = true;
    } else if (ai < bj) i++;
    else j++;
  }
  return shared || (!hasWordFeature(a) && !hasWordFeature(b)) ? content + fn : content;
}
