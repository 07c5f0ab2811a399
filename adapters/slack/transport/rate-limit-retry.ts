import type { Logger } from '../../../src/core/ports.ts';
import { slackErrorInfo } from './slack-errors.ts';

export interface RateLimitRetry {
  /** Tries in all, the first included. Default 4. */
  attempts?: number;
  /** The longest total wait heed accepts before it gives the post up (logged). Default 60 s. */
  maxWaitMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

const wait = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Posts for moderators and team leads (review roots, replies, root refreshes, digests) wait out Slack's
 * 429 instead of being dropped: the client rejects rate-limited calls at once (so no user-facing handler
 * blocks), and here a background post sleeps for Retry-After and tries again. A 429 means Slack did not
 * take the message, so the retry cannot duplicate it.
 */
export async function retryRateLimited<T>(
  fn: () => Promise<T>,
  logger: Logger,
  what: string,
  opts: RateLimitRetry = {},
): Promise<T> {
  const attempts = opts.attempts ?? 4;
  let budget = opts.maxWaitMs ?? 60_000;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      const retryAfter = slackErrorInfo(err)?.retryAfterSec;
      if (retryAfter === undefined || attempt >= attempts) throw err;
      const ms = Math.max(250, retryAfter * 1000) + Math.floor(Math.random() * 250);
      if (ms > budget) throw err;
      budget -= ms;
      logger.warn(
        { what, attempt, retryAfterSec: retryAfter },
        'Slack rate-limited a post; retrying after Retry-After',
      );
      await (opts.sleep ?? wait)(ms);
    }
  }
}
