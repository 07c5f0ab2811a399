import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

interface EmbeddingsRequest {
  model?: string;
  input: string[];
  authorization?: string;
}

/** A scripted failure for the next request: an HTTP error, or no answer at all (the client's timeout fires). */
export type EmbeddingsFault = { status: number } | { hang: true } | { wrongCount: true };

/** Words of a text, lower-case, without punctuation and a few function words. */
const STOP = new Set(['how', 'do', 'i', 'my', 'the', 'a', 'can', 'to', 'is', 'what', 'please']);
export function words(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w && !STOP.has(w));
}

/** Bag of words hashed into 64 dimensions: texts with the same content words get the same vector. */
export function bagOfWords(text: string): number[] {
  const v: number[] = new Array<number>(64).fill(0);
  for (const w of words(text)) {
    let h = 2166136261;
    for (const c of w) h = Math.imul(h ^ c.charCodeAt(0), 16777619);
    v[(h >>> 0) % 64]! += 1;
  }
  if (!v.some((x) => x !== 0)) v[0] = 1;
  return v;
}

/**
 * An OpenAI-compatible `POST /v1/embeddings` on 127.0.0.1. Vectors come from `embed` (default: a bag
 * of words); every request is recorded; `fail()` scripts faults for the next requests. Lists the
 * vectors in reverse order with their `index`, as a server may, so clients must sort by index.
 */
export async function startFakeEmbeddings(embed: (text: string) => number[] = bagOfWords) {
  const requests: EmbeddingsRequest[] = [];
  const faults: EmbeddingsFault[] = [];
  const json = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== '/v1/embeddings') {
        json(res, 404, { error: { message: `no route ${req.method} ${req.url}` } });
        return;
      }
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { model?: string; input: unknown };
      const input = Array.isArray(body.input) ? (body.input as string[]) : [String(body.input)];
      requests.push({ model: body.model, input, authorization: req.headers.authorization });
      const fault = faults.shift();
      if (fault && 'hang' in fault) return;
      if (fault && 'status' in fault) {
        json(res, fault.status, { error: { message: 'fake embeddings failure', type: 'fake' } });
        return;
      }
      const items = input.map((t, index) => ({ object: 'embedding', index, embedding: embed(t) }));
      if (fault && 'wrongCount' in fault) items.pop();
      json(res, 200, {
        object: 'list',
        model: body.model,
        data: items.reverse(),
        usage: { prompt_tokens: 1, total_tokens: 1 },
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    fail(...f: EmbeddingsFault[]) {
      faults.push(...f);
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
export type FakeEmbeddings = Awaited<ReturnType<typeof startFakeEmbeddings>>;
