import { afterAll } from 'vitest';
import { createDiscordAdapter } from '../../adapters/discord/index.ts';
import type { DiscordConfig } from '../../src/config.ts';
import { FeedbackCore } from '../../src/core/feedback-core.ts';
import type { Answerer } from '../../src/core/ports.ts';
import { openTestStore } from './db.ts';
import { DISCORD_IDS, FakeDiscord } from './fake-discord.ts';
import { fixedAnswerer, ManualClock, memoryLogger } from './fakes.ts';

export const DISCORD_TOKEN = 'fake-bot-token.NEVER-IN-LOGS';

/**
 * A real store + real FeedbackCore with the real Discord adapter attached, its discord.js Client
 * connected to a fake Discord on 127.0.0.1. Everything is torn down after the file.
 */
export async function startDiscordHarness(
  prefix: string,
  opts: { config?: Partial<DiscordConfig>; answerer?: Answerer; start?: boolean } = {},
) {
  const store = await openTestStore(prefix);
  const fake = await FakeDiscord.start();
  const clock = new ManualClock();
  const logger = memoryLogger();
  // The adapter's own tests see every root refresh (the throttle is the core's, tested there).
  const answerer = opts.answerer ?? fixedAnswerer();
  const core = new FeedbackCore({ store, answerer, clock, logger, reviewRefreshMs: 0 });
  const config: DiscordConfig = {
    token: DISCORD_TOKEN,
    applicationId: DISCORD_IDS.app,
    guildId: DISCORD_IDS.guild,
    moderatorsChannel: DISCORD_IDS.moderators,
    digestChannel: DISCORD_IDS.digest,
    moderatorRole: DISCORD_IDS.moderatorRole,
    apiUrl: fake.apiUrl,
    ...opts.config,
  };
  const adapter = createDiscordAdapter({ config, core, logger, rest: { retries: 0 } });
  core.attachPlatform(adapter);
  afterAll(async () => {
    if (process.env.DEBUG_DISCORD) console.error(JSON.stringify(logger.lines, null, 1));
    await adapter.stop();
    await fake.close();
  });
  if (opts.start !== false) await adapter.start();
  return { store, core, adapter, fake, logger, clock, config };
}

/** Waits until the logger has a line with this message (for outcomes that send nothing to Discord). */
export function logged(lines: { msg?: string }[], msg: string): boolean {
  return lines.some((l) => l.msg === msg);
}
