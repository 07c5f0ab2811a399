import OpenAI from 'openai';
import { z } from 'zod';
import type { Embedder } from '../core/clustering/embedder.ts';
import { HeedError } from '../core/errors.ts';
import { safeParse } from '../core/schemas.ts';

export interface EmbeddingsConfig {
  baseUrl: string;
  model: string;
  apiKey: string;
}

const Response = z.object({
  data: z.array(z.object({ index: z.number().int().min(0), embedding: z.array(z.number()) })),
});

/**
 * Embeddings from any OpenAI-compatible `/v1/embeddings` (Ollama, vLLM, TEI, OpenAI) through the
 * `openai` SDK: one request per call, retried once by the SDK on a connection error, 429 or 5xx (an
 * idle keep-alive socket closed by the server is common), then callers fall back to the lexical
 * method. Vectors are returned in input order whatever order the server lists them in.
 */
export function createOpenAIEmbedder(config: EmbeddingsConfig, defaultTimeoutMs = 30_000): Embedder {
  const client = new OpenAI({
    apiKey: config.apiKey,
    baseURL: config.baseUrl,
    timeout: defaultTimeoutMs,
    maxRetries: 1,
  });
  return {
    model: config.model,
    async embed(texts, opts = {}) {
      if (texts.length === 0) return [];
      const raw = await client.embeddings.create(
        { model: config.model, input: [...texts], encoding_format: 'float' },
        { timeout: opts.timeoutMs ?? defaultTimeoutMs },
      );
      const parsed = safeParse(Response, raw);
      if (!parsed.success || parsed.data.data.length !== texts.length) {
        throw new HeedError('platform', `embeddings: expected ${texts.length} vectors from ${config.model}`);
      }
      const out = new Array<number[]>(texts.length);
      for (const d of parsed.data.data) out[d.index] = d.embedding;
      if (out.some((v) => v === undefined)) {
        throw new HeedError('platform', 'embeddings: the response skips an input index');
      }
      return out;
    },
  };
}
