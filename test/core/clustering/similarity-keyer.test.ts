import { describe, expect, it } from 'vitest';
import { InMemoryPatternStore, type StoredPattern } from '../../../src/core/clustering/pattern-store.ts';
import { SimilarityPatternKeyer } from '../../../src/core/clustering/similarity-keyer.ts';
import { fingerprint } from '../../../src/core/pattern-key.ts';
import type { PatternKeyer } from '../../../src/core/ports.ts';

describe('SimilarityPatternKeyer', () => {
  it('gives paraphrases the key of the first question and unrelated questions new keys', async () => {
    const keyer: PatternKeyer = new SimilarityPatternKeyer();
    const reset = await keyer.keyFor('How do I reset my password?');
    expect(reset).toBe(fingerprint('How do I reset my password?'));
    const weather = await keyer.keyFor('what is the weather like today');
    const email = await keyer.keyFor('How do I change my email address?');
    const refund = await keyer.keyFor('what is the refund policy');
    expect(new Set([reset, weather, email, refund]).size).toBe(4);

    expect(await keyer.keyFor('how can i reset my password')).toBe(reset);
    expect(await keyer.keyFor('I forgot my password, how do I reset it?')).toBe(reset);
    expect(await keyer.keyFor("what's the weather today?")).toBe(weather);
    expect(await keyer.keyFor('how do i change my e-mail address')).toBe(email);
    expect(await keyer.keyFor('how do I get a refund')).toBe(refund);
    expect(await keyer.keyFor('What is the capital of France?')).not.toBe(weather);
  });

  it('reports the match', async () => {
    const keyer = new SimilarityPatternKeyer();
    expect(await keyer.match('reset my password')).toMatchObject({ created: true, similarity: 0 });
    const again = await keyer.match('password reset');
    expect(again.created).toBe(false);
    expect(again.similarity).toBeGreaterThan(0.5);
  });

  it('keeps patterns in its store, so another keyer on the same store agrees', async () => {
    const saved: StoredPattern[] = [];
    const inner = new InMemoryPatternStore();
    const store = {
      loadPatterns: () => inner.loadPatterns(),
      savePattern: async (p: StoredPattern) => {
        saved.push({ key: p.key, texts: [...p.texts] });
        await inner.savePattern(p);
      },
    };
    const first = new SimilarityPatternKeyer({ store });
    const key = await first.keyFor('How do I reset my password?');
    await first.keyFor('how can i reset my password');
    expect(saved.at(-1)).toEqual({
      key,
      texts: ['How do I reset my password?', 'how can i reset my password'],
    });

    const second = new SimilarityPatternKeyer({ store });
    expect(await second.keyFor('I forgot my password, how do I reset it?')).toBe(key);
    expect(await second.keyFor('what is the refund policy')).not.toBe(key);
  });

  it('starts from seeded patterns', async () => {
    const store = new InMemoryPatternStore([{ key: 'kb:refunds', texts: ['What is the refund policy?'] }]);
    const keyer = new SimilarityPatternKeyer({ store });
    expect(await keyer.keyFor('can I get a refund')).toBe('kb:refunds');
  });

  it('does not open two patterns for paraphrases that arrive at the same time', async () => {
    const keyer = new SimilarityPatternKeyer();
    const keys = await Promise.all(
      ['reset my password', 'password reset', 'how to reset a password'].map((q) => keyer.keyFor(q)),
    );
    expect(new Set(keys).size).toBe(1);
  });

  it('stores at most maxTextsPerPattern questions per pattern', async () => {
    const store = new InMemoryPatternStore();
    const keyer = new SimilarityPatternKeyer({ store, maxTextsPerPattern: 2 });
    for (const q of ['reset my password', 'password reset', 'reset the password', 'resetting my password']) {
      await keyer.keyFor(q);
    }
    const patterns = await store.loadPatterns();
    expect(patterns).toHaveLength(1);
    expect(patterns[0]!.texts).toEqual(['reset my password', 'password reset']);
  });

  it('keeps keys unique when two unmatched questions share a fingerprint', async () => {
    const keyer = new SimilarityPatternKeyer({ threshold: 1.5 });
    const a = await keyer.keyFor('reset password');
    const b = await keyer.keyFor('password reset');
    expect(a).toBe('password reset');
    expect(b).toBe('password reset #2');
  });
});
