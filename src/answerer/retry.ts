// The HTTP answerer's retry: a plain fetch has none. The LLM answerer uses the openai SDK's own.
export interface RetryOptions {
  /** Total attempts, the first included. */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryOptions = { attempts: 3, baseDelayMs: 500, maxDelayMs: 4000 };

export interface RetryDecision {
  retry: boolean;
  /** Server-requested wait (Retry-After), used when shorter than maxDelayMs. */
  afterMs?: number;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Exponential backoff with full jitter, honouring the server's Retry-After within the cap. */
export function backoffDelay(attempt: number, opts: RetryOptions, afterMs?: number): number {
  if (afterMs !== undefined && afterMs >= 0) return Math.min(afterMs, opts.maxDelayMs);
  const ceiling = Math.min(opts.maxDelayMs, opts.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
}

/** Runs `fn` until it succeeds, `classify` says stop, or the attempts are spent; rethrows the last error. */
export async function withRetry<T>(
  fn: (attempt: number) => Promise<T>,
  classify: (err: unknown) => RetryDecision,
  opts: RetryOptions,
  onRetry?: (err: unknown, attempt: number, delayMs: number) => void,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (err) {
      const decision = classify(err);
      if (!decision.retry || attempt >= opts.attempts) throw err;
      const delay = backoffDelay(attempt, opts, decision.afterMs);
      onRetry?.(err, attempt, delay);
      await sleep(delay);
    }
  }
}
