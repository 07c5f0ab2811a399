import { type FeatureKind, featureId } from './feature-ids.ts';
import { addInto, normalize, type SparseVector, sparseFromMap } from './sparse-vector.ts';
import { DEFAULT_FEATURES, type FeatureOptions, type TextFeatures, textFeatures } from './text-features.ts';

export interface TfIdfOptions {
  features: FeatureOptions;
  /** Share of the cosine that comes from character n-grams (0..1); the rest comes from words. */
  charWeight: number;
  /** Use 1 + log(tf) instead of the raw count. */
  sublinearTf: boolean;
}

/** Tuned on CLINC150 (see test/bench/clustering-bench.ts). */
export const DEFAULT_TFIDF: TfIdfOptions = { features: DEFAULT_FEATURES, charWeight: 0.2, sublinearTf: true };

type Block = 'w' | 's' | 'c';
const KIND: Record<Block, FeatureKind> = { w: 'word', s: 'function', c: 'char' };

/**
 * TF-IDF over stemmed words (content words, bigrams and function words, as one block)
 * and character n-grams (a second block), each block scaled to unit length and weighted so that the
 * dot product of two vectors is (1 - charWeight) · cos(words) + charWeight · cos(chars).
 * Feature ids tell words, n-grams and function words apart (see feature-ids.ts and similarity-matrix.ts).
 * `fitTransform` fits the document frequencies on one batch of texts.
 */
export class TfIdfModel {
  private readonly df = new Map<string, number>();
  private readonly ids = new Map<string, number>();
  private readonly next: Record<FeatureKind, number> = { word: 0, char: 0, function: 0 };
  private docs = 0;

  constructor(readonly opts: TfIdfOptions) {}

  private features(text: string): TextFeatures {
    return textFeatures(text, this.opts.features);
  }

  /** Counts a document's terms into the document frequencies. */
  private add(f: TextFeatures): void {
    this.docs++;
    for (const [block, terms] of this.blocks(f)) for (const t of terms.keys()) this.count(block + t);
  }

  /** Smoothed inverse document frequency of a block-tagged term. */
  private idf(key: string): number {
    return Math.log((1 + this.docs) / (1 + (this.df.get(key) ?? 0))) + 1;
  }

  private vector(f: TextFeatures): SparseVector {
    const cw = f.chars.size === 0 ? 0 : f.words.size + f.stops.size === 0 ? 1 : this.opts.charWeight;
    const words = new Map<number, number>();
    this.weigh(f.words, 'w', 1, words);
    this.weigh(f.stops, 's', this.opts.features.stopWordWeight, words);
    const chars = new Map<number, number>();
    this.weigh(f.chars, 'c', 1, chars);
    const merged = new Map<number, number>();
    for (const [block, share] of [
      [words, 1 - cw],
      [chars, cw],
    ] as const) {
      addInto(merged, normalize(sparseFromMap(block), Math.sqrt(share)));
    }
    return sparseFromMap(merged);
  }

  /** Fits the document frequencies on `texts` and returns their vectors. */
  fitTransform(texts: readonly string[]): SparseVector[] {
    const feats = texts.map((t) => this.features(t));
    for (const f of feats) this.add(f);
    return feats.map((f) => this.vector(f));
  }

  private blocks(f: TextFeatures): [Block, Map<string, number>][] {
    return [
      ['w', f.words],
      ['s', f.stops],
      ['c', f.chars],
    ];
  }

  private count(key: string): void {
    this.df.set(key, (this.df.get(key) ?? 0) + 1);
  }

  private weigh(terms: Map<string, number>, block: Block, scale: number, into: Map<number, number>): void {
    for (const [t, tf] of terms) {
      const key = block + t;
      let id = this.ids.get(key);
      if (id === undefined) {
        const kind = KIND[block];
        id = featureId(kind, this.next[kind]++);
        this.ids.set(key, id);
      }
      into.set(id, (this.opts.sublinearTf ? 1 + Math.log(tf) : tf) * this.idf(key) * scale);
    }
  }
}
