import type { Config } from '../config.ts';
import { CachedEmbedder, type Embedder, InMemoryEmbeddingCache } from '../core/clustering/embedder.ts';
import { type AsyncClusterer, embeddingClusterer } from '../core/clustering/embedding-clusterer.ts';
import { EmbeddingPatternKeyer } from '../core/clustering/embedding-keyer.ts';
import type { EmbeddingCache, FeedbackStore, Logger, PatternKeyer } from '../core/ports.ts';
import { createEmbeddingCacheRepository } from '../store/embeddings-cache-repo.ts';
import { createOpenAIEmbedder } from './openai-embedder.ts';

/** How heed groups questions: undefined parts mean "the lexical default" (fingerprint key, clusterTexts). */
export interface Grouping {
  patternKeyer?: PatternKeyer;
  cluster?: AsyncClusterer;
  embedder?: Embedder;
}

const byStore = new WeakMap<object, Grouping>();

/** The database cache when the store has one (`db`), else one for the life of the process. */
function cacheFor(store: FeedbackStore | undefined): EmbeddingCache {
  const db = (store as { db?: Parameters<typeof createEmbeddingCacheRepository>[0] } | undefined)?.db;
  return db ? createEmbeddingCacheRepository(db) : new InMemoryEmbeddingCache();
}

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
  const cache = cacheFor(store);
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
