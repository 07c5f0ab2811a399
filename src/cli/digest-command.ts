import { writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import type { Config } from '../config.ts';
import type { FeedbackCore } from '../core/feedback-core.ts';
import { renderDigestText } from '../core/insights/digest-text.ts';
import { periodEndingAt } from '../core/insights/period.ts';
import {
  type Clock,
  type DigestRepository,
  type FeedbackStore,
  type Logger,
  systemClock,
} from '../core/ports.ts';
import type { Digest } from '../core/views.ts';
import { renderTrendChartPng } from '../insights-chart/index.ts';
import { type DigestRun, previousFire, runDigestJob } from '../scheduler/index.ts';
import { type CommandIO, EXIT, parseCommand, usageError } from './command.ts';

const SPEC = {
  name: 'digest',
  usage: 'usage: heed digest --dry-run [--json] [--chart FILE.png] | heed digest --post [--chart FILE.png]\n',
  options: {
    'dry-run': { type: 'boolean' },
    post: { type: 'boolean' },
    json: { type: 'boolean' },
    chart: { type: 'string' },
  },
} as const;

export interface DigestCommandDeps {
  core: FeedbackCore;
  /** The digests and leases of the store the core was built on. */
  store: Pick<FeedbackStore, 'digests' | 'leases'>;
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
  const parsed = parseCommand(args, SPEC, deps.io);
  if ('exit' in parsed) return parsed.exit;
  const { values } = parsed;
  if (Boolean(values['dry-run']) === Boolean(values.post))
    return usageError(deps.io, SPEC, 'choose one of --dry-run or --post');
  const clock = deps.clock ?? systemClock;
  const { cron, timezone } = deps.config.digest;
  const fire = previousFire(cron, timezone, clock.now());
  if (!fire) {
    deps.io.stderr(`DIGEST_CRON "${cron}" has not fired in the last five years: no period to report\n`);
    return EXIT.failed;
  }
  const { digests } = deps.store;
  if (values['dry-run']) {
    const period = periodEndingAt(fire, timezone);
    const { code, digest } = await dryRun(deps, digests, period, values.json === true);
    return values.chart ? writeChart(digest, values.chart, deps.io, values.json === true) : code;
  }

  const run = await runDigestJob({
    core: deps.core,
    digests,
    leases: deps.store.leases,
    logger: deps.logger ?? silentLogger,
    clock,
    owner: `cli:${hostname()}:${process.pid}`,
    schedule: deps.config.digest,
  });
  const code = report(run, deps.io);
  if (!values.chart || !run.periodKey) return code;
  const posted = (await digests.forPeriod(run.periodKey)).find((r) => r.digest)?.digest;
  if (!posted) return code;
  return Math.max(code, await writeChart(posted, values.chart, deps.io, false));
}

/** `--chart FILE.png`: the trend chart of the digest just printed or posted (what Slack and Discord get). */
async function writeChart(digest: Digest, file: string, io: CommandIO, quiet: boolean): Promise<number> {
  try {
    const png = await renderTrendChartPng(digest);
    await writeFile(file, png);
    const note = `Trend chart of ${digest.periodKey} written to ${file} (${png.readUInt32BE(16)}×${png.readUInt32BE(20)} px, ${png.length} bytes)\n`;
    if (quiet) io.stderr(note);
    else io.stdout(note);
    return 0;
  } catch (err) {
    io.stderr(`could not write the chart to ${file}: ${(err as Error).message}\n`);
    return 1;
  }
}

async function dryRun(
  deps: DigestCommandDeps,
  digests: DigestRepository,
  period: ReturnType<typeof periodEndingAt>,
  json: boolean,
): Promise<{ code: number; digest: Digest }> {
  const records = await digests.forPeriod(period.key);
  const digest =
    records.find((r) => r.digest)?.digest ??
    (await deps.core.digest(period, { timezone: deps.config.digest.timezone }));
  if (json) {
    deps.io.stdout(`${JSON.stringify(digest, null, 2)}\n`);
    return { code: 0, digest };
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
  return { code: 0, digest };
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
