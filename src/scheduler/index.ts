import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import cron, { type ScheduledTask } from 'node-cron';
import type { Config } from '../config.ts';
import { errorMessage, HeedError } from '../core/errors.ts';
import type { FeedbackCore } from '../core/feedback-core.ts';
import { warmSummaries } from '../core/insights/warm-summaries.ts';
import { type Clock, type FeedbackStore, type Logger, systemClock } from '../core/ports.ts';
import { cronLogger } from './cron-logger.ts';
import { type DigestJobDeps, runDigestJob } from './digest-job.ts';
import type { DigestRun, PostResult } from './post-result.ts';
import { runRetention } from './retention-job.ts';
import { catchUpReadable } from './schedule-math.ts';

export { postPeriod, runDigestJob } from './digest-job.ts';
export type { DigestRun, PostResult } from './post-result.ts';
export { runRetention } from './retention-job.ts';
export { previousFire } from './schedule-math.ts';

export interface SchedulerOptions {
  config: Config;
  core: FeedbackCore;
  /** Where digests, leases and deliveries live: the store the core was built on. */
  store: FeedbackStore;
  logger: Logger;
  clock?: Clock;
  /** Names this instance in claims and leases; default host:pid:random. */
  instanceId?: string;
  /** How often missed or failed digests are retried, and unposted reviews posted. Default every 5 minutes. */
  sweepCron?: string;
  /** When old deliveries are deleted (and, with HEED_RETENTION_DAYS, old text redacted). Default daily 03:30 in the digest's zone. */
  retentionCron?: string;
  /**
   * When closed days' and hours' summaries are stored ahead of reports. Default hourly at :15 (a
   * bucket closes 10 minutes after it ends).
   */
  summariesCron?: string;
  staleMs?: number;
  maxAttempts?: number;
  leaseTtlMs?: number;
}

export interface Scheduler {
  stop(): Promise<void>;
  /** Posts the latest period's digest now (also before the first scheduled run), exactly once per channel. */
  runDigestNow(): Promise<PostResult[]>;
  /** Settles when the start-up catch-up has run. */
  ready: Promise<void>;
  /** When node-cron fires the digest next. */
  nextDigestAt(): Date | null;
}

/**
 * Weekly digest (config.digest.cron in config.digest.timezone), a retry/catch-up sweep, a sweep that posts
 * reviews a dead instance left unposted, the daily retention job and the hourly summaries of closed
 * days and hours that reports read. Every instance may run it: the store's claims (MongoDB in
 * production) make each post happen once.
 */
export function startScheduler(opts: SchedulerOptions): Scheduler {
  if (!cron.validate(opts.config.digest.cron) || !catchUpReadable(opts.config.digest.cron))
    throw new HeedError(
      'config',
      `Invalid configuration: DIGEST_CRON "${opts.config.digest.cron}" is not a cron expression node-cron accepts (e.g. "0 9 * * 1").`,
    );
  const logger = opts.logger.child({ component: 'scheduler' });
  const clock = opts.clock ?? systemClock;
  const { timezone } = opts.config.digest;
  const { digests, leases } = opts.store;
  const deps: DigestJobDeps = {
    core: opts.core,
    digests,
    leases,
    logger,
    clock,
    owner: opts.instanceId ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`,
    schedule: opts.config.digest,
    staleMs: opts.staleMs,
    maxAttempts: opts.maxAttempts,
    leaseTtlMs: opts.leaseTtlMs,
  };

  // One digest run at a time in this process; other instances are kept apart by the lease and claims.
  let chain: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const next = chain.then(fn, fn);
    chain = next.catch(() => {});
    return next;
  };
  const digestRun = (respectFirstRun: boolean) => serial(() => runDigestJob(deps, { respectFirstRun }));
  const tick = (job: string) => async () => {
    try {
      report(logger, job, await digestRun(true));
    } catch (err) {
      logger.error({ err: errorMessage(err), job }, 'digest run failed');
    }
  };
  const options = (name: string) => ({ timezone, name, noOverlap: true, logger: cronLogger(logger) });
  const sweepCron = opts.sweepCron ?? '*/5 * * * *';
  const tasks: ScheduledTask[] = [
    cron.schedule(opts.config.digest.cron, tick('digest'), options('heed-digest')),
    cron.schedule(sweepCron, tick('digest-sweep'), options('heed-digest-sweep')),
    cron.schedule(
      sweepCron,
      async () => {
        try {
          await opts.core.postUnpostedReviews();
        } catch (err) {
          logger.warn({ err: errorMessage(err), job: 'review-sweep' }, 'unposted reviews sweep failed');
        }
      },
      options('heed-review-sweep'),
    ),
    cron.schedule(
      opts.retentionCron ?? '30 3 * * *',
      async () => {
        try {
          logger.info(await runRetention(opts.store, clock.now()), 'retention done');
          if (opts.config.retentionDays)
            logger.info(
              await opts.store.privacy.redactOldText(clock.now(), opts.config.retentionDays),
              'text retention done (HEED_RETENTION_DAYS)',
            );
        } catch (err) {
          logger.error({ err: errorMessage(err), job: 'retention' }, 'retention failed');
        }
      },
      options('heed-retention'),
    ),
    cron.schedule(
      opts.summariesCron ?? '15 * * * *',
      async () => {
        const started = performance.now();
        try {
          const reach = await warmSummaries(opts.store, clock.now());
          logger.debug({ ...reach, ms: Math.round(performance.now() - started) }, 'summaries stored');
        } catch (err) {
          logger.warn({ err: errorMessage(err), job: 'summaries' }, 'summaries failed; reports compute them');
        }
      },
      options('heed-summaries'),
    ),
  ];
  // Record the first run (catch-up never reaches before it), then post a digest missed while down.
  const ready = digests
    .firstRun(clock.now())
    .then(tick('catch-up'))
    .catch((err) => logger.error({ err: errorMessage(err) }, 'scheduler start-up failed'));

  return {
    ready,
    nextDigestAt: () => tasks[0]!.getNextRun(),
    runDigestNow: async () => (await digestRun(false)).results,
    async stop() {
      for (const task of tasks) {
        await task.stop();
        await task.destroy();
      }
      await ready;
      await chain;
    },
  };
}

function report(logger: Logger, job: string, run: DigestRun): void {
  // gave_up was logged as an error when the last attempt failed; the sweep repeats it quietly.
  const failed = run.results.filter((r) => r.outcome === 'failed');
  const posted = run.results.filter((r) => r.outcome === 'posted');
  const fields = { job, periodKey: run.periodKey, skipped: run.skipped, posted: posted.length };
  if (failed.length > 0) logger.warn({ ...fields, failed: failed.length }, 'digest run incomplete');
  else if (posted.length > 0) logger.info(fields, 'digest run posted');
  else logger.debug(fields, 'digest run: nothing to do');
}
