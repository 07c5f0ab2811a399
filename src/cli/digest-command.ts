import { hostname } from 'node:os';
import { parseArgs } from 'node:util';
import type { Config } from '../config.ts';
import type { FeedbackCore } from '../core/feedback-core.ts';
import { buildDigest } from '../core/insights/build-digest.ts';
import { renderDigestText } from '../core/insights/digest-text.ts';
import { periodEndingAt } from '../core/insights/period.ts';
import { type Clock, type Logger, systemClock } from '../core/ports.ts';
import { type Db, type DigestRun, previousFire, runDigestJob } from '../scheduler/index.ts';
import { createDigestRepository } from '../store/digests-repo.ts';
import { createLeaseRepository } from '../store/locks-repo.ts';
import type { CommandIO } from './insights-command.ts';

const USAGE = 'usage: heed digest --dry-run [--json] | heed digest --post\n';

export interface DigestCommandDeps {
  core: FeedbackCore;
  db: Db;
  config: Config;
  io: CommandIO;
  clock?: Clock;
  logger?: Logger;
}

/**
 * `heed digest --dry-run` prints the digest of the latest scheduled period (what --post would send)
 * and where it stands per channel; `heed digest --post` posts it now to every digest channel that
 * does not have it yet — the same exactly-once claims as the scheduler. Returns the exit code.
 */
export async function digestCommand(args: string[], deps: DigestCommandDeps): Promise<number> {
  let values: { 'dry-run'?: boolean; post?: boolean; json?: boolean };
  try {
    ({ values } = parseArgs({
      args,
      options: { 'dry-run': { type: 'boolean' }, post: { type: 'boolean' }, json: { type: 'boolean' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    deps.io.stderr(`${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  if (Boolean(values['dry-run']) === Boolean(values.post)) {
    deps.io.stderr(`choose one of --dry-run or --post\n${USAGE}`);
    return 2;
  }
  const clock = deps.clock ?? systemClock;
  const { cron, timezone } = deps.config.digest;
  const fire = previousFire(cron, timezone, clock.now());
  if (!fire) {
    deps.io.stderr(`DIGEST_CRON "${cron}" has not fired in the last five years: no period to report\n`);
    return 1;
  }
  const digests = createDigestRepository(deps.db);
  if (values['dry-run']) return dryRun(deps, digests, periodEndingAt(fire, timezone), values.json === true);

  const run = await runDigestJob({
    core: deps.core,
    digests,
    leases: createLeaseRepository(deps.db),
    logger: deps.logger ?? silentLogger,
    clock,
    owner: `cli:${hostname()}:${process.pid}`,
    schedule: deps.config.digest,
  });
  return report(run, deps.io);
}

async function dryRun(
  deps: DigestCommandDeps,
  digests: ReturnType<typeof createDigestRepository>,
  period: ReturnType<typeof periodEndingAt>,
  json: boolean,
): Promise<number> {
  const records = await digests.forPeriod(period.key);
  const digest =
    records.find((r) => r.digest)?.digest ??
    (await buildDigest(deps.core.store, period, { timezone: deps.config.digest.timezone }));
  if (json) {
    deps.io.stdout(`${JSON.stringify(digest, null, 2)}\n`);
    return 0;
  }
  const status = new Map(records.map((r) => [r.channel, r]));
  const channels = deps.core.platforms
    .all()
    .flatMap((p) => p.digestChannels().map((id) => `${p.platform}:${id}`))
    .map((channel) => {
      const r = status.get(channel);
      const state = !r
        ? 'not posted yet'
        : r.status === 'posted'
          ? `posted ${r.postedAt?.toISOString() ?? ''}`.trim()
          : `${r.status} (attempt ${r.attempt}${r.error ? `: ${r.error}` : ''})`;
      return `  ${channel}: ${state}`;
    });
  deps.io.stdout(
    `${renderDigestText(digest, deps.config.digest.timezone)}\n\n(dry run: nothing posted)\n` +
      (channels.length > 0
        ? `Digest channels:\n${channels.join('\n')}\n`
        : 'No digest channels configured.\n'),
  );
  return 0;
}

function report(run: DigestRun, io: CommandIO): number {
  if (run.skipped === 'no_channels') {
    io.stderr('No digest channels configured: set SLACK_DIGEST_CHANNEL and/or DISCORD_DIGEST_CHANNEL.\n');
    return 1;
  }
  if (run.skipped === 'locked') {
    io.stderr('Another heed instance is posting the digest right now; run again in a few minutes.\n');
    return 1;
  }
  for (const r of run.results) {
    const detail = r.error ? `: ${r.error}` : '';
    io.stdout(`${r.periodKey} ${r.platform}:${r.channelId} ${r.outcome.replace('_', ' ')}${detail}\n`);
  }
  return run.results.some((r) => r.outcome === 'failed' || r.outcome === 'gave_up') ? 1 : 0;
}

const noop = () => {};
const silentLogger: Logger = { debug: noop, info: noop, warn: noop, error: noop, child: () => silentLogger };
