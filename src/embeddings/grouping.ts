import type { Config } from '../config.ts';
import { CachedEmbedder, type Embedder } from '../core/clustering/embedder.ts';
import { type AsyncClusterer, embeddingClusterer } from '../core/clustering/embedding-clusterer.ts';
import { EmbeddingPatternKeyer } from '../core/clustering/embedding-keyer.ts';
import type { FeedbackStore, Logger, PatternKeyer } from '../core/ports.ts';
import { processEmbeddingCache } from '../store/memory/memory-embeddings.ts';
import { createOpenAIEmbedder } from './openai-embedder.ts';

/** How heed groups questions: undefined parts mean "the lexical default" (fingerprint key, clusterTexts). */
export interface Grouping {
  patternKeyer?: PatternKeyer;
  cluster?: AsyncClusterer;
  embedder?: Embedder;
}

const byStore = new WeakMap<object, Grouping>();

/**
 * With EMBEDDINGS_BASE_URL and EMBEDDINGS_MODEL set: the embeddings pattern keyer and clusterer,
 * sharing one cached, batched embedder; both fall back to the lexical method when the provider
 * fails. One instance per store, so the core and the insights share the keyer's patterns.
 */
export function groupingFor(config: Config, store: FeedbackStore | undefined, logger: Logger): Grouping {
  if (!config.embeddings) return {};
  const known = store ? byStore.get(store) : undefined;
  if (known) return known;
  const log = logger.child({ component: 'embeddings' });
  // The store's cache (kept across restarts in MongoDB); without a store, one for this run only.
  const cache = store ? store.embeddings : processEmbeddingCache();
  const embedder = new CachedEmbedder(createOpenAIEmbedder(config.embeddings), cache);
  const grouping: Grouping = {
    embedder,
    patternKeyer: new EmbeddingPatternKeyer(embedder, cache, log),
    cluster: embeddingClusterer(embedder, log),
  };
  if (store) byStore.set(store, grouping);
  log.info({ model: config.embeddings.model }, 'grouping questions by embeddings');
  return grouping;
}
