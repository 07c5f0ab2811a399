import { setTimeout as sleep } from 'node:timers/promises';
import { MongoError, MongoNetworkError, MongoServerError, MongoServerSelectionError } from 'mongodb';
import { BatchedInsertError } from './insert-batcher.ts';

/** Server codes that mean "try again": step-downs, shutdowns, interrupted and network-level failures. */
const TRANSIENT_CODES = new Set([6, 7, 89, 91, 189, 262, 9001, 10107, 11600, 11602, 13435, 13436]);
const TRANSIENT_TEXT = /database is locked|SQLITE_BUSY|connection (reset|refused|closed)|ECONNRESET|pool/i;

/** Whether a store error is worth retrying: the operation may succeed unchanged a moment later. */
export function isTransient(err: unknown): boolean {
  if (err instanceof MongoNetworkError || err instanceof MongoServerSelectionError) return true;
  if (err instanceof MongoError) {
    if (err.hasErrorLabel('RetryableWriteError') || err.hasErrorLabel('TransientTransactionError'))
      return true;
    if (err.name === 'MongoPoolClearedError' || err.name === 'MongoWaitQueueTimeoutError') return true;
  }
  const coded = err instanceof MongoServerError || err instanceof BatchedInsertError;
  if (coded && typeof err.code === 'number' && TRANSIENT_CODES.has(err.code)) return true;
  return err instanceof Error && TRANSIENT_TEXT.test(err.message);
}

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  attempts: number;
  /** First back-off; doubles each time, with jitter. */
  baseMs: number;
  maxMs: number;
}

/** About 3 s in all: inside a platform's acknowledgement window, short enough to tell the user in time. */
const DEFAULT_RETRY: RetryPolicy = { attempts: 6, baseMs: 50, maxMs: 1000 };

/** Runs `fn`, retrying transient failures with bounded, jittered exponential back-off. */
export async function withRetry<T>(
  fn: (attempt: number) => Promise<T>,
  onRetry: (err: unknown) => void = () => {},
  policy: RetryPolicy = DEFAULT_RETRY,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (err) {
      if (attempt >= policy.attempts || !isTransient(err)) throw err;
      onRetry(err);
      const backoff = Math.min(policy.maxMs, policy.baseMs * 2 ** (attempt - 1));
      await sleep(backoff / 2 + Math.random() * (backoff / 2));
    }
  }
}
