import { errorMessage } from '../core/errors.ts';
import type { FeedbackCore } from '../core/feedback-core.ts';
import { type DigestPeriod, periodEndingAt } from '../core/insights/period.ts';
import type { ChatPlatform, Clock, DigestRepository, LeaseRepository, Logger } from '../core/ports.ts';
import type { Digest } from '../core/views.ts';
import type { DigestRun, PostResult } from './post-result.ts';
import { previousFire } from './schedule-math.ts';

const DIGEST_LEASE = 'digest';

export interface DigestJobDeps {
  core: FeedbackCore;
  digests: DigestRepository;
  /** Optional: without it, concurrent runs still post once per period and channel (the claims decide). */
  leases?: LeaseRepository;
  logger: Logger;
  clock: Clock;
  /** Identifies this instance in claims and leases. */
  owner: string;
  schedule: { cron: string; timezone: string };
  /** A 'posting' attempt older than this is presumed dead and retried. Default 30 min. */
  staleMs?: number;
  /** Attempts per period and channel before giving up. Default 12. */
  maxAttempts?: number;
  leaseTtlMs?: number;
}

interface Target {
  platform: ChatPlatform;
  channelId: string;
}

/**
 * Posts the digest of the latest scheduled period to every digest channel that does not have it yet.
 * Used by the weekly tick, the catch-up at start, the retry sweep and `heed digest --post`: all the
 * same idempotent step, so a missed or failed post is simply done by the next run.
 */
export async function runDigestJob(
  deps: DigestJobDeps,
  opts: { respectFirstRun?: boolean } = {},
): Promise<DigestRun> {
  const now = deps.clock.now();
  const { cron, timezone } = deps.schedule;
  const fire = previousFire(cron, timezone, now);
  if (!fire) return { periodKey: null, skipped: 'no_schedule', results: [] };
  const period = periodEndingAt(fire, timezone);
  // Catch-up never reaches back before the first scheduler started on this database.
  if (opts.respectFirstRun && fire < (await deps.digests.firstRun(now)))
    return { periodKey: period.key, skipped: 'before_first_run', results: [] };
  return postPeriod(deps, period, now);
}

function digestTargets(core: FeedbackCore): Target[] {
  return core.platforms
    .all()
    .flatMap((platform) => platform.digestChannels().map((channelId) => ({ platform, channelId })));
}

const channelKey = (t: Target) => `${t.platform.platform}:${t.channelId}`;

export async function postPeriod(deps: DigestJobDeps, period: DigestPeriod, now: Date): Promise<DigestRun> {
  const targets = digestTargets(deps.core);
  if (targets.length === 0) return { periodKey: period.key, skipped: 'no_channels', results: [] };
  const { leases, owner } = deps;
  const allPosted = async () => {
    const records = await deps.digests.forPeriod(period.key);
    const posted = new Set(records.filter((r) => r.status === 'posted').map((r) => r.channel));
    return { records, done: targets.every((t) => posted.has(channelKey(t))) };
  };
  const alreadyPosted = () => ({
    periodKey: period.key,
    results: targets.map((t) => result(period.key, t, 'already_posted')),
  });
  // The common case (every sweep after the post) is one read, without touching the lease.
  if ((await allPosted()).done) return alreadyPosted();
  if (leases && !(await leases.acquire(DIGEST_LEASE, owner, deps.leaseTtlMs ?? 10 * 60_000, now)))
    return { periodKey: period.key, skipped: 'locked', results: [] };
  try {
    const { records, done } = await allPosted();
    if (done) return alreadyPosted();
    // Every channel and every attempt posts the digest as first built for the period.
    const digest =
      records.find((r) => r.digest)?.digest ??
      (await deps.core.digest(period, { timezone: deps.schedule.timezone, now }));
    const results: PostResult[] = [];
    for (const target of targets) results.push(await postOne(deps, target, period.key, digest));
    return { periodKey: period.key, results };
  } finally {
    if (leases) await leases.release(DIGEST_LEASE, owner).catch(() => {});
  }
}

async function postOne(
  deps: DigestJobDeps,
  target: Target,
  periodKey: string,
  digest: Digest,
): Promise<PostResult> {
  const channel = channelKey(target);
  const maxAttempts = deps.maxAttempts ?? 12;
  const claim = await deps.digests.claim({
    periodKey,
    channel,
    owner: deps.owner,
    now: deps.clock.now(),
    digest,
    staleMs: deps.staleMs ?? 30 * 60_000,
    maxAttempts,
  });
  if (!claim.claimed) {
    const outcome = claim.reason === 'posted' ? 'already_posted' : claim.reason;
    return result(periodKey, target, outcome, claim.record.attempt);
  }
  const log = deps.logger.child({ periodKey, channel, attempt: claim.attempt });
  try {
    await target.platform.postDigest(claim.record.digest ?? digest, target.channelId);
  } catch (err) {
    const error = errorMessage(err);
    await deps.digests.markFailed(periodKey, channel, claim.attempt, error, deps.clock.now());
    const last = claim.attempt >= maxAttempts;
    log.error(
      { err: error },
      last ? 'digest post failed; giving up' : 'digest post failed; retried on the next run',
    );
    return { ...result(periodKey, target, 'failed', claim.attempt), error };
  }
  await deps.digests.markPosted(periodKey, channel, claim.attempt, deps.clock.now());
  log.info({}, 'digest posted');
  return result(periodKey, target, 'posted', claim.attempt);
}

function result(periodKey: string, t: Target, outcome: PostResult['outcome'], attempt?: number): PostResult {
  return {
    periodKey,
    platform: t.platform.platform,
    channelId: t.channelId,
    outcome,
    ...(attempt ? { attempt } : {}),
  };
}
