import OpenAI, { APIError } from 'openai';
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

const OPENAI_ANSWERER = 'openai';

/**
 * Three attempts in all. The SDK retries 408, 409, 429, 5xx and dropped connections with jittered
 * exponential backoff (0.5 s, 1 s), or as long as the server's Retry-After / Retry-After-Ms asks (no
 * cap: the answer's deadline, beforeDeadline below, bounds it).
 */
const MAX_RETRIES = 2;

export interface OpenAIAnswererOptions {
  config: OpenAIConfig;
  store: FeedbackStore;
  logger: Logger;
  /** How many knowledge entries go into the prompt. */
  contextEntries?: number;
  threshold?: ConfidenceThreshold;
  signature?: KnowledgeSignature;
}

class MalformedResponse extends Error {}
class DeadlineExceeded extends Error {}

/**
 * `work`, or a DeadlineExceeded when `signal` aborts first. The SDK's wait before a retry (as long as
 * the server's Retry-After) cannot be cut short, so the answer does not wait for it; the SDK sees the
 * aborted signal when the wait ends and sends nothing more.
 */
function beforeDeadline<T>(work: Promise<T>, signal: AbortSignal, ms: number): Promise<T> {
  work.catch(() => {}); // a rejection after the deadline has no one left to tell
  return new Promise<T>((resolve, reject) => {
    const expire = () => reject(new DeadlineExceeded(`no answer within ${ms} ms`));
    signal.addEventListener('abort', expire, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', expire));
  });
}

/**
 * The SDK's fetch, logging every failed attempt (the SDK then retries it or gives up). Only the status
 * or the error is logged, never the URL: a base URL may carry credentials in its query.
 */
function attemptLoggingFetch(logger: Logger): typeof fetch {
  return async (input, init) => {
    try {
      const res = await fetch(input, init);
      if (!res.ok) logger.warn({ status: res.status }, 'LLM attempt failed');
      return res;
    } catch (err) {
      logger.warn({ err: errorMessage(err) }, 'LLM attempt failed');
      throw err;
    }
  };
}

/** Answers with any OpenAI-compatible Chat Completions server, grounded in the approved knowledge. */
export class OpenAIAnswerer implements Answerer {
  private readonly client: OpenAI;
  private readonly retriever: KnowledgeRetriever;
  private readonly logger: Logger;

  constructor(private readonly opts: OpenAIAnswererOptions) {
    this.logger = opts.logger.child({ answerer: OPENAI_ANSWERER, model: opts.config.model });
    this.client = new OpenAI({
      apiKey: opts.config.apiKey,
      baseURL: opts.config.baseUrl,
      timeout: opts.config.timeoutMs,
      maxRetries: MAX_RETRIES,
      fetch: attemptLoggingFetch(this.logger),
    });
    this.retriever = new KnowledgeRetriever(opts.store, opts.threshold, opts.signature);
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
    // The timeout bounds the whole answer, retries included: a timed-out attempt is not retried.
    const { timeoutMs } = this.opts.config;
    const deadline = AbortSignal.timeout(timeoutMs);
    try {
      const system = buildSystemPrompt(instructions, knowledge);
      const completion = this.complete(system, req.history ?? [], req.question, deadline);
      const text = await beforeDeadline(completion, deadline, timeoutMs);
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
  private async complete(
    system: string,
    history: readonly HistoryTurn[],
    question: string,
    signal: AbortSignal,
  ): Promise<string> {
    const completion: unknown = await this.client.chat.completions.create(
      {
        model: this.opts.config.model,
        messages: [
          { role: 'system', content: system },
          ...history.map((t) => ({ role: t.role, content: t.text })),
          { role: 'user', content: question },
        ],
      },
      { signal },
    );
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
