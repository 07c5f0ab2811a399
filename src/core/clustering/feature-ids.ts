/**
 * Feature ids carry their kind so similarity code can tell features apart without a lookup:
 * word features (content words, bigrams) get even ids ≥ 0, character n-grams odd ids ≥ 0 and
 * function words negative ids.
 */
export type FeatureKind = 'word' | 'char' | 'function';

export function featureId(kind: FeatureKind, ordinal: number): number {
  if (kind === 'function') return -1 - ordinal;
  return kind === 'word' ? 2 * ordinal : 2 * ordinal + 1;
}

export function isFunctionFeature(id: number): boolean {
  return id < 0;
}

/** A content word or bigram: sharing one means two texts talk about the same thing. */
export function isWordFeature(id: number): boolean {
  return id >= 0 && id % 2 === 0;
}
