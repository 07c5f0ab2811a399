import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CachedEmbedder, embeddingId } from '../../src/core/clustering/embedder.ts';
import { EmbeddingPatternKeyer } from '../../src/core/clustering/embedding-keyer.ts';
import { fingerprint } from '../../src/core/pattern-key.ts';
import { createOpenAIEmbedder } from '../../src/embeddings/openai-embedder.ts';
import { openTestStore } from '../helpers/db.ts';
import { bagOfWords, type FakeEmbeddings, startFakeEmbeddings, words } from '../helpers/fake-embeddings.ts';
import { memoryLogger } from '../helpers/fakes.ts';

const store = await openTestStore('emb');
let fake: FakeEmbeddings;
beforeAll(async () => {
  // "pwd" is made a near-synonym of "password" (cosine ≈ 0.95), "discord" of nothing.
  fake = await startFakeEmbeddings((text) => {
    const v = bagOfWords(text.replace(/\bpwd\b/gi, 'password'));
    if (/\bpwd\b/i.test(text)) v[63] = (v[63] ?? 0) + 0.45;
    return v;
  });
});
afterAll(async () => {
  await fake.close();
});

const embedder = (batchSize = 64) =>
  new CachedEmbedder(
    createOpenAIEmbedder({ baseUrl: fake.baseUrl, model: 'fake-embed', apiKey: 'k' }, 2_000),
    store.embeddings,
    { batchSize },
  );

describe('embeddings cache in the database', () => {
  it('stores one document per model and text hash, without the text; a second run calls no provider', async () => {
    const texts = Array.from({ length: 130 }, (_, i) => `question number ${i} about refunds`);
    fake.requests.length = 0;
    const first = await embedder(50).embed([...texts, ...texts.slice(0, 10)]);
    expect(fake.requests.map((r) => r.input.length)).toEqual([50, 50, 30]);
    const doc = await store.db
      .collection('embeddings')
      .findOne({ _id: embeddingId('fake-embed', texts[0]!) as never });
    expect(doc?.model).toBe('fake-embed');
    expect(JSON.stringify(doc)).not.toContain('refunds');
    fake.requests.length = 0;
    // A new embedder (as after a restart) reads the same cache.
    expect(await embedder(50).embed(texts)).toEqual(first.slice(0, 130));
    expect(await embedder(50).embed([texts[7]!])).toEqual([first[7]]);
    expect(fake.requests).toHaveLength(0);
  });
});

describe('embeddings pattern keyer', () => {
  const keyer = () => new EmbeddingPatternKeyer(embedder(), store.embeddings, memoryLogger());

  it('keeps fingerprint keys, joins a near-identical question, and keeps different ones apart', async () => {
    const k = keyer();
    const first = await k.keyFor('How do I reset my password?');
    expect(first).toBe(fingerprint('How do I reset my password?'));
    expect(await k.keyFor('password reset')).toBe(first);
    // Different fingerprint, cosine ≈ 0.95 with the pattern: same key.
    expect(await k.keyFor('how do I reset my pwd')).toBe(first);
    expect(words('how do I connect heed to Discord')).toContain('discord');
    const slack = await k.keyFor('how do I connect heed to Slack');
    const discord = await k.keyFor('how do I connect heed to Discord');
    expect(discord).not.toBe(slack);
    expect(discord).toBe(fingerprint('how do I connect heed to Discord'));
  });

  it('finds the patterns again after a restart (same keys, from the database)', async () => {
    expect(await keyer().keyFor('reset pwd please')).toBe(fingerprint('How do I reset my password?'));
  });

  it('uses the fingerprint when the provider fails', async () => {
    const logger = memoryLogger();
    const k = new EmbeddingPatternKeyer(embedder(), store.embeddings, logger);
    fake.fail({ status: 500 }, { status: 500 });
    expect(await k.keyFor('my pwd is locked out')).toBe(fingerprint('my pwd is locked out'));
    expect(logger.lines.some((l) => l.level === 'warn')).toBe(true);
  });
});
