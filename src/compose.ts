import type { PlatformAdapter } from '../adapters/adapter.ts';
import { createWebAdapter } from '../adapters/web/index.ts';
import { createAnswerer } from './answerer/index.ts';
import type { Config } from './config.ts';
import { FeedbackCore } from './core/feedback-core.ts';
import { periodEndingAt } from './core/insights/index.ts';
import type { FeedbackStore, Logger, Metrics } from './core/ports.ts';
import { groupingFor } from './embeddings/grouping.ts';

/** The core with the configured answerer and trigger rule (shared by `npm start` and the CLI). */
export function buildCore(config: Config, store: FeedbackStore, logger: Logger, metrics?: Metrics) {
  const answerer = createAnswerer({ config, store, logger });
  const grouping = groupingFor(config, store, logger);
  const core = new FeedbackCore({
    store,
    cluster: grouping.cluster,
    answerer,
    logger,
    patternKeyer: grouping.patternKeyer,
    policy: config.review,
    reviewRefreshMs: config.reviewRefreshMs,
    history: { turns: config.history.turns },
    metrics,
  });
  return { core, answerer };
}

/**
 * One adapter per configured platform, attached to the core (not started: the caller decides). A
 * platform's SDK is loaded only when that platform is configured (Bolt and discord.js are ~55 MB).
 */
export async function attachAdapters(
  config: Config,
  core: FeedbackCore,
  logger: Logger,
  opts: { playground: boolean; metrics?: Metrics } = { playground: config.playground },
): Promise<PlatformAdapter[]> {
  const adapters: PlatformAdapter[] = [];
  if (config.slack) {
    const { createSlackAdapter } = await import('../adapters/slack/index.ts');
    adapters.push(
      createSlackAdapter({
        config: config.slack,
        core,
        logger: logger.child({ platform: 'slack' }),
        metrics: opts.metrics,
      }),
    );
  }
  if (config.discord) {
    const { createDiscordAdapter } = await import('../adapters/discord/index.ts');
    adapters.push(
      createDiscordAdapter({ config: config.discord, core, logger: logger.child({ platform: 'discord' }) }),
    );
  }
  if (opts.playground) {
    const { timezone } = config.digest;
    // The `days` before `to` (default now): the dashboard also asks for the period before, to compare.
    const insights = (days: number, to: Date = core.clock.now()) => {
      return core.insights({ from: new Date(to.getTime() - days * 86_400_000), to });
    };
    const digestPreview = () => core.digest(periodEndingAt(core.clock.now(), timezone), { timezone });
    adapters.push(
      createWebAdapter({
        core,
        logger: logger.child({ platform: 'web' }),
        insights,
        digestPreview,
        access: { token: config.playgroundToken },
      }),
    );
  }
  for (const adapter of adapters) core.attachPlatform(adapter);
  return adapters;
}
