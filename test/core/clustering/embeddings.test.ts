import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusterTexts } from '../../../src/core/clustering/cluster-texts.ts';
import {
  CachedEmbedder,
  embeddingId,
  InMemoryEmbeddingCache,
} from '../../../src/core/clustering/embedder.ts';
import { clusterVectors, embeddingClusterer } from '../../../src/core/clustering/embedding-clusterer.ts';
import { createOpenAIEmbedder } from '../../../src/embeddings/openai-embedder.ts';
import { type FakeEmbeddings, startFakeEmbeddings } from '../../helpers/fake-embeddings.ts';
import { memoryLogger } from '../../helpers/fakes.ts';

let fake: FakeEmbeddings;
beforeAll(async () => {
  fake = await startFakeEmbeddings();
});
afterAll(async () => {
  await fake.close();
});

const provider = (timeoutMs = 5_000) =>
  createOpenAIEmbedder({ baseUrl: fake.baseUrl, model: 'fake-embed', apiKey: 'sk-test-secret' }, timeoutMs);

describe('OpenAI-compatible embedder', () => {
  it('sends the model and key and returns vectors in input order', async () => {
    fake.requests.length = 0;
    const vectors = await provider().embed(['reset password', 'refund', 'reset password']);
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]!.model).toBe('fake-embed');
    expect(fake.requests[0]!.authorization).toBe('Bearer sk-test-secret');
    expect(vectors[0]).toEqual(vectors[2]);
    expect(vectors[0]).not.toEqual(vectors[1]);
  });

  it('retries a server error once', async () => {
    fake.requests.length = 0;
    fake.fail({ status: 503 });
    expect(await provider().embed(['reset password'])).toHaveLength(1);
    expect(fake.requests).toHaveLength(2);
  });

  it('rejects an HTTP error, a short answer and a timeout', async () => {
    fake.fail({ status: 500 }, { status: 500 });
    await expect(provider().embed(['a'])).rejects.toThrow();
    fake.fail({ wrongCount: true });
    await expect(provider().embed(['a', 'b'])).rejects.toThrow(/expected 2 vectors/);
    fake.fail({ hang: true }, { hang: true });
    await expect(provider(200).embed(['a'])).rejects.toThrow();
  });
});

describe('CachedEmbedder', () => {
  it('embeds each distinct text once, in batches, and serves a second run from the cache', async () => {
    fake.requests.length = 0;
    const cache = new InMemoryEmbeddingCache();
    const embedder = new CachedEmbedder(provider(), cache, { batchSize: 4 });
    const texts = ['a b', 'c d', 'e f', 'a b', 'g h', 'i j', 'k l'];
    const first = await embedder.embed(texts);
    expect(fake.requests.map((r) => r.input.length)).toEqual([4, 2]);
    expect(fake.requests.flatMap((r) => r.input).sort()).toEqual(['a b', 'c d', 'e f', 'g h', 'i j', 'k l']);
    expect(cache.vectors.has(embeddingId('fake-embed', 'a b'))).toBe(true);
    fake.requests.length = 0;
    expect(await embedder.embed(texts)).toEqual(first);
    expect(fake.requests).toHaveLength(0);
    expect(embeddingId('other-model', 'a b')).not.toBe(embeddingId('fake-embed', 'a b'));
  });

  it('caches nothing from a failed batch', async () => {
    const cache = new InMemoryEmbeddingCache();
    fake.fail({ status: 503 }, { status: 503 });
    await expect(new CachedEmbedder(provider(), cache).embed(['x y'])).rejects.toThrow();
    expect(cache.vectors.size).toBe(0);
  });
});

describe('embedding clusterer', () => {
  const texts = [
    'How do I reset my password?',
    'refund for my order',
    'password reset',
    'my order refund please',
    'install the app',
  ];

  it('groups texts whose embeddings are close', async () => {
    const cluster = embeddingClusterer(
      new CachedEmbedder(provider(), new InMemoryEmbeddingCache()),
      memoryLogger(),
    );
    expect(await cluster(texts)).toEqual([0, 1, 0, 1, 2]);
    expect(clusterVectors([])).toEqual([]);
  });

  it('falls back to the lexical clusterer when the provider fails or times out, and says so', async () => {
    const logger = memoryLogger();
    fake.fail({ status: 500 }, { status: 500 }, { hang: true }, { hang: true });
    const cluster = embeddingClusterer(new CachedEmbedder(provider(), new InMemoryEmbeddingCache()), logger, {
      timeoutMs: 200,
    });
    expect(await cluster(texts)).toEqual(clusterTexts(texts));
    expect(await cluster(texts)).toEqual(clusterTexts(texts));
    expect(logger.lines.filter((l) => l.level === 'warn')).toHaveLength(2);
    expect(JSON.stringify(logger.lines)).not.toContain('sk-test-secret');
  });
});
