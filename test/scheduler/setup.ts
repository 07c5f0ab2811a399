import { loadConfig } from '../../src/config.ts';
import { FeedbackCore } from '../../src/core/feedback-core.ts';
import type { FeedbackStore } from '../../src/core/ports.ts';
import type { Digest } from '../../src/core/views.ts';
import { type Scheduler, type SchedulerOptions, startScheduler } from '../../src/scheduler/index.ts';
import { fixedAnswerer, type ManualClock, memoryLogger } from '../helpers/fakes.ts';
import { RecordingPlatform } from '../helpers/recording-platform.ts';

/** Digest weekly on Monday 09:00 Berlin (08:00Z in winter); sweeps and retention kept out of the way. */
export const config = loadConfig({ DIGEST_CRON: '0 9 * * 1', DIGEST_TZ: 'Europe/Berlin' });
export const QUIET = { sweepCron: '0 0 1 1 *', retentionCron: '0 0 1 1 *', summariesCron: '0 0 1 1 *' };

/** Slack with two digest channels, Discord with one: the three channels each period must reach once. */
export function platforms() {
  return {
    slack: new RecordingPlatform('slack', { moderators: 'C-MODS', digest: ['C-DIGEST', 'C-LEADS'] }),
    discord: new RecordingPlatform('discord', { digest: ['D-1'] }),
  };
}

/** One "instance": its own FeedbackCore over the shared store, with the shared platforms attached. */
export function instance(
  store: FeedbackStore,
  clock: ManualClock,
  attached: RecordingPlatform[],
  name: string,
  extra: Partial<SchedulerOptions> = {},
): { core: FeedbackCore; scheduler: Scheduler; logger: ReturnType<typeof memoryLogger> } {
  const logger = memoryLogger();
  const core = new FeedbackCore({ store, answerer: fixedAnswerer(), logger, clock });
  for (const p of attached) core.attachPlatform(p);
  const scheduler = startScheduler({
    config,
    core,
    store,
    logger,
    clock,
    instanceId: name,
    ...QUIET,
    ...extra,
  });
  return { core, scheduler, logger };
}

export const postsOf = (...ps: RecordingPlatform[]) =>
  ps.flatMap((p) =>
    p.named('postDigest').map((c) => ({ platform: p.platform, channel: c.channelId, digest: c.digest })),
  );

export const keysOf = (...ps: RecordingPlatform[]) =>
  postsOf(...ps)
    .map((p) => `${p.digest.periodKey} ${p.platform}:${p.channel}`)
    .sort();

/** A platform whose digest posts fail the first `failures` times (a 503 from Slack, say). */
export class FlakyPlatform extends RecordingPlatform {
  attempts = 0;
  constructor(private failures: number) {
    super('slack', { moderators: 'C-MODS', digest: ['C-DIGEST'] });
  }
  override async postDigest(digest: Digest, channelId: string): Promise<void> {
    this.attempts++;
    if (this.failures-- > 0) throw new Error('slack api 503: service unavailable');
    return super.postDigest(digest, channelId);
  }
}
