import type { Config } from '../config.ts';
import type { Answerer, Clock, FeedbackStore, Logger } from '../core/ports.ts';
import { KnowledgeBaseAnswerer } from './knowledge-base-answerer.ts';
import { OpenAIAnswerer } from './openai-answerer.ts';
import type { RetryOptions } from './retry.ts';

export { KnowledgeBaseAnswerer } from './knowledge-base-answerer.ts';
export { DEFAULT_THRESHOLD, KnowledgeIndex } from './knowledge-index.ts';
export { DONT_KNOW, LLM_MALFORMED, LLM_UNAVAILABLE } from './messages.ts';
export { OpenAIAnswerer } from './openai-answerer.ts';
export { BASE_INSTRUCTIONS } from './prompt.ts';
export { loadSeedKnowledge, type SeedResult } from './seed-loader.ts';

export type DescribedAnswerer = Answerer & { describe(): string };

export interface CreateAnswererOptions {
  config: Config;
  store: FeedbackStore;
  logger: Logger;
  clock?: Clock;
  /** Backoff of the LLM answerer (tests shorten it). */
  retry?: Partial<RetryOptions>;
}

/** The LLM answerer when an OpenAI-compatible server is configured, else the offline knowledge base. */
export function createAnswerer(opts: CreateAnswererOptions): DescribedAnswerer {
  const answerer = opts.config.openai
    ? new OpenAIAnswerer({
        config: opts.config.openai,
        store: opts.store,
        logger: opts.logger,
        retry: opts.retry,
      })
    : new KnowledgeBaseAnswerer({ store: opts.store });
  opts.logger.info({}, `answerer: ${answerer.describe()}`);
  return answerer;
}
