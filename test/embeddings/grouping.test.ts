import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { EmbeddingPatternKeyer } from '../../src/core/clustering/embedding-keyer.ts';
import { groupingFor } from '../../src/embeddings/grouping.ts';
import { createMemoryFeedbackStore } from '../../src/store/memory-feedback-store.ts';
import { memoryLogger } from '../helpers/fakes.ts';

const base = { HEED_PLAYGROUND: '1' };

describe('EMBEDDINGS_* configuration', () => {
  it('is off unless both the base URL and the model are set', () => {
    expect(loadConfig(base).embeddings).toBeUndefined();
    expect(
      loadConfig({
        ...base,
        EMBEDDINGS_BASE_URL: 'http://localhost:11434/v1',
        EMBEDDINGS_MODEL: 'nomic-embed-text',
      }).embeddings,
    ).toEqual({ baseUrl: 'http://localhost:11434/v1', model: 'nomic-embed-text', apiKey: 'not-needed' });
  });

  it('names the missing or bad variable', () => {
    expect(() => loadConfig({ ...base, EMBEDDINGS_MODEL: 'nomic-embed-text' })).toThrow(
      /EMBEDDINGS_BASE_URL/,
    );
    expect(() => loadConfig({ ...base, EMBEDDINGS_BASE_URL: 'http://localhost:11434/v1' })).toThrow(
      /EMBEDDINGS_MODEL/,
    );
    expect(() => loadConfig({ ...base, EMBEDDINGS_BASE_URL: 'not a url', EMBEDDINGS_MODEL: 'm' })).toThrow(
      /EMBEDDINGS_BASE_URL must be a URL/,
    );
    expect(() => loadConfig({ ...base, EMBEDDINGS_API_KEY: 'sk-x' })).toThrow(/EMBEDDINGS_BASE_URL/);
  });
});

describe('groupingFor', () => {
  it('is lexical (nothing replaced) without embeddings, and one shared keyer per store with them', () => {
    expect(groupingFor(loadConfig(base), undefined, memoryLogger())).toEqual({});
    const config = loadConfig({
      ...base,
      EMBEDDINGS_BASE_URL: 'http://127.0.0.1:9/v1',
      EMBEDDINGS_MODEL: 'm',
    });
    const store = createMemoryFeedbackStore();
    const a = groupingFor(config, store, memoryLogger());
    expect(a.patternKeyer).toBeInstanceOf(EmbeddingPatternKeyer);
    expect(typeof a.cluster).toBe('function');
    expect(groupingFor(config, store, memoryLogger())).toBe(a);
  });
});
