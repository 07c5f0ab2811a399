import { fingerprint } from '../pattern-key.ts';
import type { PatternKeyer } from '../ports.ts';
import { gatedDot } from './gated-dot.ts';
import { InMemoryPatternStore, type PatternStore } from './pattern-store.ts';
import { addInto, normalize, type SparseVector, sparseFromMap } from './sparse-vector.ts';
import type { TextFeatures } from './text-features.ts';
import { DEFAULT_TFIDF, TfIdfModel, type TfIdfOptions } from './tfidf.ts';

export interface SimilarityKeyerOptions {
  store?: PatternStore;
  /** Cosine between a question and a pattern's centroid at or above which the question joins it. */
  threshold?: number;
  /** Questions remembered per pattern; later matches still get the key but are not stored. */
  maxTextsPerPattern?: number;
  vectorizer?: Partial<TfIdfOptions>;
}

/** Tuned on CLINC150 (see test/bench/clustering-bench.ts). */
export const DEFAULT_KEYER_OPTIONS = { threshold: 0.15, maxTextsPerPattern: 20 } as const;

export interface PatternMatch {
  key: string;
  /** Cosine with the matched pattern's centroid; 0 for a new pattern. */
  similarity: number;
  created: boolean;
}

interface Pattern {
  key: string;
  texts: string[];
  features: TextFeatures[];
  centroid?: SparseVector;
  /** Document count of the model when the centroid was computed; IDF drifts as documents arrive. */
  centroidDocs: number;
}

/**
 * Incremental query-pattern index: a question gets the key of the most similar known pattern
 * (TF-IDF cosine with the pattern's centroid ≥ threshold) or starts a new pattern keyed by its
 * fingerprint. Patterns learn the paraphrases that match them, up to `maxTextsPerPattern`.
 * Calls are serialised so two paraphrases arriving together cannot open two patterns.
 */
export class SimilarityPatternKeyer implements PatternKeyer {
  private readonly store: PatternStore;
  private readonly threshold: number;
  private readonly maxTexts: number;
  private readonly tfidf: TfIdfOptions;
  private model!: TfIdfModel;
  private patterns = new Map<string, Pattern>();
  private loaded: Promise<void> | undefined;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(opts: SimilarityKeyerOptions = {}) {
    this.store = opts.store ?? new InMemoryPatternStore();
    this.threshold = opts.threshold ?? DEFAULT_KEYER_OPTIONS.threshold;
    this.maxTexts = opts.maxTextsPerPattern ?? DEFAULT_KEYER_OPTIONS.maxTextsPerPattern;
    this.tfidf = { ...DEFAULT_TFIDF, ...opts.vectorizer };
  }

  async keyFor(question: string): Promise<string> {
    return (await this.match(question)).key;
  }

  /** Like `keyFor`, and says how close the match was and whether a pattern was created. */
  match(question: string): Promise<PatternMatch> {
    const run = this.queue.then(() => this.matchNow(question));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Drops the cache and re-reads the store on next use (e.g. after other instances added patterns). */
  reload(): void {
    this.loaded = undefined;
  }

  private async matchNow(question: string): Promise<PatternMatch> {
    this.loaded ??= this.load();
    await this.loaded;
    const f = this.model.features(question);
    const q = this.model.vector(f);
    let best: Pattern | undefined;
    let bestSim = Number.NEGATIVE_INFINITY;
    for (const p of this.patterns.values()) {
      const s = gatedDot(q, this.centroid(p));
      if (s > bestSim) {
        bestSim = s;
        best = p;
      }
    }
    if (best && bestSim >= this.threshold) {
      if (best.texts.length < this.maxTexts && !best.texts.includes(question)) {
        this.remember(best, question, f);
        await this.store.savePattern({ key: best.key, texts: best.texts });
      }
      return { key: best.key, similarity: bestSim, created: false };
    }
    const p: Pattern = { key: this.newKey(question), texts: [], features: [], centroidDocs: 0 };
    this.patterns.set(p.key, p);
    this.remember(p, question, f);
    await this.store.savePattern({ key: p.key, texts: p.texts });
    return { key: p.key, similarity: 0, created: true };
  }

  private async load(): Promise<void> {
    this.model = new TfIdfModel(this.tfidf);
    this.patterns = new Map();
    for (const sp of await this.store.loadPatterns()) {
      const p: Pattern = { key: sp.key, texts: [], features: [], centroidDocs: 0 };
      this.patterns.set(p.key, p);
      for (const t of sp.texts) this.remember(p, t, this.model.features(t));
    }
  }

  private remember(p: Pattern, text: string, f: TextFeatures): void {
    p.texts.push(text);
    p.features.push(f);
    p.centroid = undefined;
    this.model.add(f);
  }

  private centroid(p: Pattern): SparseVector {
    const docs = this.model.documentCount;
    if (!p.centroid || docs > p.centroidDocs * 1.1) {
      const sum = new Map<number, number>();
      for (const f of p.features) {
        addInto(sum, this.model.vector(f));
      }
      p.centroid = normalize(sparseFromMap(sum));
      p.centroidDocs = docs;
    }
    return p.centroid;
  }

  private newKey(question: string): string {
    const base = fingerprint(question);
    let key = base;
    for (let i = 2; this.patterns.has(key); i++) key = `${base} #${i}`;
    return key;
  }
}
