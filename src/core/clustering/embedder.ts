import { createHash } from 'node:crypto';
import { HeedError } from '../errors.ts';
import type { EmbeddingCache, EmbeddingPattern } from '../ports.ts';

/** Turns texts into dense vectors (an OpenAI-compatible `/v1/embeddings`, or a fake in tests). */
export interface Embedder {
  readonly model: string;
  /** One vector per text, in order. Rejects on any provider failure or timeout. */
  embed(texts: readonly string[], opts?: { timeoutMs?: number }): Promise<number[][]>;
}

/** Cache id of a text's embedding: sha256 of the model and the text, so switching models never mixes vectors. */
export function embeddingId(model: string, text: string): string {
  return createHash('sha256').update(model).update('\u0000').update(text).digest('hex');
}

export interface CachedEmbedderOptions {
  /** Texts per provider request. */
  batchSize?: number;
}

/**
 * An `Embedder` that asks the cache first and the provider only for texts it has not seen, in
 * batches; each distinct text is embedded once. Vectors from the provider are checked (one per text,
 * same finite dimension) before they are cached.
 */
export class CachedEmbedder implements Embedder {
  readonly model: string;
  private readonly batchSize: number;

  constructor(
    private readonly provider: Embedder,
    private readonly cache: EmbeddingCache,
    opts: CachedEmbedderOptions = {},
  ) {
    this.model = provider.model;
    this.batchSize = Math.max(1, opts.batchSize ?? 64);
  }

  async embed(texts: readonly string[], opts: { timeoutMs?: number } = {}): Promise<number[][]> {
    const ids = texts.map((t) => embeddingId(this.model, t));
    const known = await this.cache.getMany([...new Set(ids)]);
    const missing = new Map<string, string>();
    texts.forEach((t, i) => {
      if (!known.has(ids[i]!)) missing.set(ids[i]!, t);
    });
    const todo = [...missing];
    for (let start = 0; start < todo.length; start += this.batchSize) {
      const batch = todo.slice(start, start + this.batchSize);
      const vectors = await this.provider.embed(
        batch.map(([, t]) => t),
        opts,
      );
      checkVectors(vectors, batch.length, known);
      const entries = batch.map(([id], k) => ({ id, model: this.model, vector: vectors[k]! }));
      await this.cache.putMany(entries);
      for (const e of entries) known.set(e.id, e.vector);
    }
    return ids.map((id) => known.get(id)!);
  }
}

function checkVectors(vectors: unknown, expected: number, known: Map<string, number[]>): void {
  const dim = known.values().next().value?.length;
  const ok =
    Array.isArray(vectors) &&
    vectors.length === expected &&
    vectors.every(
      (v) =>
        Array.isArray(v) &&
        v.length > 0 &&
        (dim === undefined || v.length === dim) &&
        v.length === (vectors[0] as unknown[]).length &&
        v.every((x) => typeof x === 'number' && Number.isFinite(x)),
    );
  if (!ok) throw new HeedError('platform', 'the embeddings provider returned unusable vectors');
}

/** A process-lifetime cache (tests, and `heed cluster` without a database). */
export class InMemoryEmbeddingCache implements EmbeddingCache {
  readonly vectors = new Map<string, number[]>();
  private readonly patterns = new Map<string, EmbeddingPattern>();

  async getMany(ids: readonly string[]): Promise<Map<string, number[]>> {
    const out = new Map<string, number[]>();
    for (const id of ids) {
      const v = this.vectors.get(id);
      if (v) out.set(id, v);
    }
    return out;
  }

  async putMany(entries: readonly { id: string; vector: number[] }[]): Promise<void> {
    for (const e of entries) this.vectors.set(e.id, e.vector);
  }

  async loadPatterns(model: string): Promise<EmbeddingPattern[]> {
    return [...this.patterns.values()].filter((p) => p.model === model).map((p) => ({ ...p }));
  }

  async savePattern(p: EmbeddingPattern): Promise<void> {
    this.patterns.set(`${p.model}\u0000${p.key}`, { ...p });
  }
}
