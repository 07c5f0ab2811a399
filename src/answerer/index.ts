import type { Config } from '../config.ts';
import type { Answerer, FeedbackStore, Logger } from '../core/ports.ts';
import { HttpAnswerer } from './http-answerer.ts';
import { KnowledgeBaseAnswerer } from './knowledge-base-answerer.ts';
import { OpenAIAnswerer } from './openai-answerer.ts';
import type { RetryOptions } from './retry.ts';

export { HTTP_ANSWERER } from './http-answerer.ts';
export { AGENT_MALFORMED, AGENT_UNAVAILABLE, DONT_KNOW, LLM_MALFORMED, LLM_UNAVAILABLE } from './messages.ts';
export { BASE_INSTRUCTIONS } from './prompt.ts';
export { loadSeedKnowledge } from './seed-loader.ts';

export type DescribedAnswerer = Answerer & { describe(): string };

export interface CreateAnswererOptions {
  config: Config;
  store: FeedbackStore;
  logger: Logger;
  /** Backoff of the HTTP answerer (tests shorten it); the LLM answerer uses the openai SDK's. */
  retry?: Partial<RetryOptions>;
}

/**
 * The team's own agent when HEED_ANSWER_URL is set, else the LLM answerer when an OpenAI-compatible
 * server is configured, else the offline knowledge base.
 */
export function createAnswerer(opts: CreateAnswererOptions): DescribedAnswerer {
  const answerer = opts.config.httpAnswerer
    ? new HttpAnswerer({
        config: opts.config.httpAnswerer,
        store: opts.store,
        logger: opts.logger,
        retry: opts.retry,
      })
    : opts.config.openai
      ? new OpenAIAnswerer({
          config: opts.config.openai,
          store: opts.store,
          logger: opts.logger,
        })
      : new KnowledgeBaseAnswerer({ store: opts.store });
  opts.logger.info({}, `answerer: ${answerer.describe()}`);
  return answerer;
}
