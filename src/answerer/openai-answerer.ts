import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIError } from 'openai';
import type { OpenAIConfig } from '../config.ts';
import { errorMessage } from '../core/errors.ts';
import type {
  Answerer,
  AnswerRequest,
  AnswerResult,
  FeedbackStore,
  HistoryTurn,
  Logger,
} from '../core/ports.ts';
import type { ConfidenceThreshold } from './knowledge-index.ts';
import { KnowledgeRetriever } from './knowledge-retriever.ts';
import type { KnowledgeSignature } from './knowledge-signature.ts';
import { LLM_MALFORMED, LLM_UNAVAILABLE } from './messages.ts';
import { buildSystemPrompt } from './prompt.ts';
import { DEFAULT_RETRY, type RetryDecision, type RetryOptions, withRetry } from './retry.ts';

export const OPENAI_ANSWERER = 'openai';

export interface OpenAIAnswererOptions {
  config: OpenAIConfig;
  store: FeedbackStore;
  logger: Logger;
  retry?: Partial<RetryOptions>;
  /** How many knowledge entries go into the prompt. */
  contextEntries?: number;
  threshold?: ConfidenceThreshold;
  signature?: KnowledgeSignature;
}

class MalformedResponse extends Error {}

/** 429 and 5xx are worth another try, and so is a dropped connection; a timeout has spent the budget. */
function classify(err: unknown): RetryDecision {
  if (err instanceof APIConnectionTimeoutError) return { retry: false };
  if (err instanceof APIConnectionError) return { retry: true };
  if (err instanceof APIError && typeof err.status === 'number') {
    const retry = err.status === 429 || err.status >= 500;
    return { retry, afterMs: retryAfterMs(err.headers) };
  }
  return { retry: false };
}

function retryAfterMs(headers: Headers | undefined): number | undefined {
  const ms = Number(headers?.get('retry-after-ms'));
  if (Number.isFinite(ms) && ms > 0) return ms;
  const s = Number(headers?.get('retry-after'));
  return Number.isFinite(s) && s > 0 ? s * 1000 : undefined;
}

/** Answers with any OpenAI-compatible Chat Completions server, grounded in the approved knowledge. */
export class OpenAIAnswerer implements Answerer {
  private readonly client: OpenAI;
  private readonly retriever: KnowledgeRetriever;
  private readonly retry: RetryOptions;
  private readonly logger: Logger;

  constructor(private readonly opts: OpenAIAnswererOptions) {
    this.client = new OpenAI({
      apiKey: opts.config.apiKey,
      baseURL: opts.config.baseUrl,
      timeout: opts.config.timeoutMs,
      maxRetries: 0, // retried below, with our own (configurable) backoff and logging
    });
    this.retriever = new KnowledgeRetriever(opts.store, opts.threshold, opts.signature);
    this.retry = { ...DEFAULT_RETRY, ...opts.retry };
    this.logger = opts.logger.child({ answerer: OPENAI_ANSWERER, model: opts.config.model });
  }

  async answer(req: AnswerRequest): Promise<AnswerResult> {
    const model = this.opts.config.model;
    const [instructions, retrieved] = await Promise.all([
      this.opts.store.instructions.current(),
      this.retriever.retrieve(req.question, req.patternKey, this.opts.contextEntries ?? 3),
    ]);
    const knowledge = retrieved.map((r) => r.entry);
    const sources = knowledge.map((e) => ({ knowledgeId: e.id, version: e.version, title: e.question }));
    const base = { sources, answerer: OPENAI_ANSWERER, model };
    try {
      const text = await withRetry(
        () => this.complete(buildSystemPrompt(instructions, knowledge), req.history ?? [], req.question),
        classify,
        this.retry,
        (err, attempt, delayMs) =>
          this.logger.warn({ attempt, delayMs, err: errorMessage(err) }, 'LLM request failed, retrying'),
      );
      return { ...base, text };
    } catch (err) {
      const malformed = err instanceof MalformedResponse || err instanceof SyntaxError;
      this.logger.error(
        { err: errorMessage(err), status: err instanceof APIError ? err.status : undefined },
        malformed ? 'LLM response malformed' : 'LLM request failed',
      );
      return { ...base, text: malformed ? LLM_MALFORMED : LLM_UNAVAILABLE, failed: true };
    }
  }

  /** The thread's earlier turns go between the system message and the question, as chat turns. */
  private async complete(system: string, history: readonly HistoryTurn[], question: string): Promise<string> {
    const completion: unknown = await this.client.chat.completions.create({
      model: this.opts.config.model,
      messages: [
        { role: 'system', content: system },
        ...history.map((t) => ({ role: t.role, content: t.text })),
        { role: 'user', content: question },
      ],
    });
    const text = (completion as { choices?: { message?: { content?: unknown } }[] } | null)?.choices?.[0]
      ?.message?.content;
    if (typeof text !== 'string' || text.trim() === '')
      throw new MalformedResponse('no text in choices[0].message.content');
    return text.trim();
  }

  describe(): string {
    return `LLM answerer (OpenAI-compatible, model ${this.opts.config.model} at ${safeHost(this.opts.config.baseUrl)})`;
  }
}

/** Host and path only: a base URL may carry credentials in its user info or query. */
function safeHost(baseUrl: string | undefined): string {
  if (!baseUrl) return 'api.openai.com';
  try {
    const u = new URL(baseUrl);
    return `${u.protocol}//${u.host}${u.pathname}`.replace(/\/$/, '');
  } catch {
    return '(invalid base URL)';
  }
}
