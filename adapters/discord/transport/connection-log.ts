import { type Client, Events, RESTEvents } from 'discord.js';
import { errorMessage } from '../../../src/core/errors.ts';
import type { Logger } from '../../../src/core/ports.ts';

/** Gateway and REST trouble is logged; discord.js reconnects by itself and nothing here throws. */
export function logConnectionEvents(client: Client, logger: Logger): void {
  client.on(Events.ShardReconnecting, (shardId) =>
    logger.warn({ shardId }, 'Discord gateway lost; reconnecting'),
  );
  client.on(Events.ShardResume, (shardId, replayed) =>
    logger.info({ shardId, replayed }, 'Discord gateway resumed'),
  );
  client.on(Events.ShardDisconnect, (event, shardId) =>
    logger.error(
      { shardId, code: event.code },
      'Discord gateway closed for good (check DISCORD_TOKEN and intents)',
    ),
  );
  client.on(Events.ShardError, (err, shardId) =>
    logger.error({ shardId, err: errorMessage(err) }, 'Discord gateway error'),
  );
  client.on(Events.Error, (err) => logger.error({ err: errorMessage(err) }, 'Discord client error'));
  client.on(Events.Warn, (message) => logger.warn({ message }, 'Discord client warning'));
  client.rest.on(RESTEvents.RateLimited, (info) =>
    logger.warn(
      { method: info.method, global: info.global, limit: info.limit, retryAfterMs: info.retryAfter },
      'Discord rate limit hit; discord.js waits and retries',
    ),
  );
}
