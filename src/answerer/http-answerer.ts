import type { HttpAnswererConfig } from '../config.ts';
import { errorMessage } from '../core/errors.ts';
import type { Answerer, AnswerRequest, AnswerResult, Clock, FeedbackStore, Logger } from '../core/ports.ts';
import { systemClock } from '../core/ports.ts';
import { safeParse } from '../core/schemas.ts';
import { type AgentRequest, AgentResponseSchema, withSources } from './agent-contract.ts';
import type { ConfidenceThreshold } from './knowledge-index.ts';
import { KnowledgeRetriever } from './knowledge-retriever.ts';
import type { KnowledgeSignature } from './knowledge-signature.ts';
import { AGENT_MALFORMED, AGENT_UNAVAILABLE } from './messages.ts';
import { signRequest } from './request-signature.ts';
import { DEFAULT_RETRY, type RetryDecision, type RetryOptions, withRetry } from './retry.ts';
import { retryAfterMs } from './retry-after.ts';

export const HTTP_ANSWERER = 'http-agent';

/** A reply bigger than this is not an answer. */
const MAX_RESPONSE_BYTES = 1_000_000;

export interface HttpAnswererOptions {
  config: HttpAnswererConfig;
  store: FeedbackStore;
  logger: Logger;
  retry?: Partial<RetryOptions>;
  /** How many knowledge entries are sent. */
  contextEntries?: number;
  threshold?: ConfidenceThreshold;
  signature?: KnowledgeSignature;
  /** Signing time (the agent checks it is recent). */
  clock?: Clock;
}

class StatusError extends Error {
  constructor(
    readonly status: number,
    readonly afterMs: number | undefined,
  ) {
    super(`agent answered HTTP ${status}`);
  }
}
class MalformedResponse extends Error {}

/** Refused connections and resets are worth another try, as are 429 and 5xx; a timeout spent the budget. */
function classify(err: unknown): RetryDecision {
  if (err instanceof StatusError)
    return { retry: err.status === 429 || err.status >= 500, afterMs: err.afterMs };
  if (err instanceof MalformedResponse) return { retry: false };
  if (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError'))
    return { retry: false };
  return { retry: err instanceof TypeError }; // fetch's "fetch failed": the connection did not happen
}

/** Asks the team's own agent over signed HTTP, with the approved knowledge and current instructions. */
export class HttpAnswerer implements Answerer {
  private readonly retriever: KnowledgeRetriever;
  private readonly retry: RetryOptions;
  private readonly logger: Logger;
  private readonly clock: Clock;

  constructor(private readonly opts: HttpAnswererOptions) {
    this.retriever = new KnowledgeRetriever(opts.store, opts.threshold, opts.signature);
    this.retry = { ...DEFAULT_RETRY, ...opts.retry };
    this.clock = opts.clock ?? systemClock;
    this.logger = opts.logger.child({ answerer: HTTP_ANSWERER, agent: safeUrl(opts.config.url) });
  }

  async answer(req: AnswerRequest): Promise<AnswerResult> {
    const [instructions, retrieved] = await Promise.all([
      this.opts.store.instructions.current(),
      this.retriever.retrieve(req.question, req.patternKey, this.opts.contextEntries ?? 5),
    ]);
    const body: AgentRequest = {
      question: req.question,
      history: req.history ?? [],
      user: req.user ?? null,
      conversation: req.conversation ?? null,
      instructions: instructions ? { version: instructions.version, text: instructions.text } : null,
      knowledge: retrieved.map(({ entry, score }) => ({
        id: entry.id,
        version: entry.version,
        question: entry.question,
        answer: entry.answer,
        score,
      })),
    };
    const raw = JSON.stringify(body);
    const sources = retrieved.map(({ entry: e }) => ({
      knowledgeId: e.id,
      version: e.version,
      title: e.question,
    }));
    const base = { sources, answerer: HTTP_ANSWERER };
    try {
      const text = await withRetry(
        () => this.post(raw),
        classify,
        this.retry,
        (err, attempt, delayMs) =>
          this.logger.warn({ attempt, delayMs, err: errorMessage(err) }, 'agent request failed, retrying'),
      );
      return { ...base, text };
    } catch (err) {
      const malformed = err instanceof MalformedResponse;
      this.logger.error(
        { err: errorMessage(err), status: err instanceof StatusError ? err.status : undefined },
        malformed ? 'agent response malformed' : 'agent request failed',
      );
      return { ...base, text: malformed ? AGENT_MALFORMED : AGENT_UNAVAILABLE, failed: true };
    }
  }

  /** One signed attempt (signed afresh, so a retry after a wait carries a current timestamp). */
  private async post(raw: string): Promise<string> {
    const ts = Math.floor(this.clock.now().getTime() / 1000);
    const res = await fetch(this.opts.config.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'heed',
        ...signRequest(this.opts.config.secret, raw, ts),
      },
      body: raw,
      // A redirect would resend the signed question elsewhere: treat it as the agent's error.
      redirect: 'manual',
      signal: AbortSignal.timeout(this.opts.config.timeoutMs),
    });
    if (res.status !== 200) {
      await res.body?.cancel().catch(() => {});
      throw new StatusError(res.status, retryAfterMs(res.headers, this.clock.now()));
    }
    const text = await readLimited(res);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new MalformedResponse('the body is not JSON');
    }
    const parsed = safeParse(AgentResponseSchema, json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new MalformedResponse(`${issue.path.join('.') || 'body'}: ${issue.message}`);
    }
    return withSources(parsed.data);
  }

  describe(): string {
    return `HTTP answerer (the team's agent at ${safeUrl(this.opts.config.url)})`;
  }
}

async function readLimited(res: Response): Promise<string> {
  const declared = Number(res.headers.get('content-length'));
  if (declared > MAX_RESPONSE_BYTES) {
    await res.body?.cancel().catch(() => {});
    throw new MalformedResponse(`the body is larger than ${MAX_RESPONSE_BYTES} bytes`);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = res.body?.getReader();
  for (let r = await reader?.read(); r && !r.done; r = await reader?.read()) {
    size += r.value.byteLength;
    if (size > MAX_RESPONSE_BYTES) {
      await reader?.cancel().catch(() => {});
      throw new MalformedResponse(`the body is larger than ${MAX_RESPONSE_BYTES} bytes`);
    }
    chunks.push(r.value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Origin and path only: a URL may carry credentials in its user info or query. */
function safeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return '(invalid URL)';
  }
}
