import { fingerprint } from '../pattern-key.ts';
import type { EmbeddingCache, EmbeddingPattern, Logger, PatternKeyer } from '../ports.ts';
import { dotDense, unit } from './dense-vector.ts';
import type { Embedder } from './embedder.ts';
import { errorText } from './embedding-clusterer.ts';

export interface EmbeddingKeyerOptions {
  /** Cosine with a pattern's centroid at or above which a question takes that pattern's key. */
  threshold?: number;
  /** How much the best pattern must beat the runner-up by; closer calls get their own key. */
  margin?: number;
  /** Questions averaged into a pattern's centroid; later matches keep the centroid as it is. */
  maxCount?: number;
  /** Per-request timeout for the provider: the key is on the answer path. */
  timeoutMs?: number;
}

/** Conservative on purpose: a wrong key sends the wrong knowledge entry. Not measured on a real model here. */
export const DEFAULT_EMBEDDING_KEYER_OPTIONS = {
  threshold: 0.9,
  margin: 0.03,
  maxCount: 20,
  timeoutMs: 3_000,
};

/**
 * The live pattern key with embeddings. A question whose fingerprint (src/core/pattern-key.ts) is
 * already a pattern keeps that key, exactly as without embeddings. Otherwise it takes the key of the
 * nearest known pattern centroid when the cosine is at least `threshold` and clearly ahead of the next
 * pattern; else it starts a pattern keyed by its own fingerprint. When the provider fails the
 * fingerprint is the key (the lexical behaviour). Calls are serialised, so the outcome depends only
 * on the order of questions; ties go to the smaller key.
 */
export class EmbeddingPatternKeyer implements PatternKeyer {
  private readonly o: typeof DEFAULT_EMBEDDING_KEYER_OPTIONS;
  private patterns = new Map<string, EmbeddingPattern>();
  private loaded: Promise<void> | undefined;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly embedder: Embedder,
    private readonly cache: EmbeddingCache,
    private readonly logger: Logger,
    opts: EmbeddingKeyerOptions = {},
  ) {
    this.o = { ...DEFAULT_EMBEDDING_KEYER_OPTIONS, ...opts };
  }

  keyFor(question: string): Promise<string> {
    const run = this.queue.then(() => this.keyNow(question));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async keyNow(question: string): Promise<string> {
    const own = fingerprint(question);
    try {
      this.loaded ??= this.load();
      await this.loaded;
    } catch (err) {
      this.loaded = undefined;
      this.warn(err);
      return own;
    }
    let vector: number[];
    try {
      [vector] = (await this.embedder.embed([question], { timeoutMs: this.o.timeoutMs })) as [number[]];
    } catch (err) {
      this.warn(err);
      return own;
    }
    const q = unit(vector);
    const known = this.patterns.get(own);
    if (known) {
      await this.learn(known, q);
      return own;
    }
    const match = this.nearest(q);
    if (match) {
      await this.learn(match, q);
      return match.key;
    }
    const created: EmbeddingPattern = { model: this.embedder.model, key: own, centroid: q, count: 1 };
    this.patterns.set(own, created);
    await this.save(created);
    return own;
  }

  private nearest(q: number[]): EmbeddingPattern | undefined {
    let best: EmbeddingPattern | undefined;
    let bestSim = Number.NEGATIVE_INFINITY;
    let second = Number.NEGATIVE_INFINITY;
    for (const p of this.patterns.values()) {
      if (p.centroid.length !== q.length) continue;
      const s = dotDense(q, unit(p.centroid));
      if (s > bestSim || (s === bestSim && best && p.key < best.key)) {
        second = Math.max(second, bestSim);
        bestSim = s;
        best = p;
      } else if (s > second) second = s;
    }
    if (!best || bestSim < this.o.threshold || bestSim - second < this.o.margin) return undefined;
    return best;
  }

  /** Moves the centroid towards the question while the pattern has fewer than `maxCount` members. */
  private async learn(p: EmbeddingPattern, q: number[]): Promise<void> {
    if (p.count >= this.o.maxCount || p.centroid.length !== q.length) return;
    const c = unit(p.centroid);
    p.centroid = c.map((x, i) => (x * p.count + q[i]!) / (p.count + 1));
    p.count++;
    await this.save(p);
  }

  private async save(p: EmbeddingPattern): Promise<void> {
    try {
      await this.cache.savePattern(p);
    } catch (err) {
      this.warn(err);
    }
  }

  private async load(): Promise<void> {
    const stored = await this.cache.loadPatterns(this.embedder.model);
    this.patterns = new Map(stored.map((p) => [p.key, p]));
  }

  private warn(err: unknown): void {
    this.logger.warn(
      { err: errorText(err), model: this.embedder.model },
      'embeddings unavailable: fingerprint key',
    );
  }
}
