import { Client, Events, GatewayIntentBits, type Interaction, type RESTOptions } from 'discord.js';
import type { DiscordConfig } from '../../../src/config.ts';
import { errorMessage, HeedError } from '../../../src/core/errors.ts';
import type { Logger } from '../../../src/core/ports.ts';
import { logEscaped } from '../boundary.ts';
import { registerCommands } from './commands.ts';
import { logConnectionEvents } from './connection-log.ts';

export interface GatewayOptions {
  config: DiscordConfig;
  logger: Logger;
  /** REST tuning (tests pass `{ retries: 0 }`); `api` comes from DISCORD_API_URL. */
  rest?: Partial<Pick<RESTOptions, 'retries' | 'timeout'>>;
  /** The team's own Client: login, commands, intents and shutdown stay theirs. */
  client?: Client;
}

/**
 * The discord.js side: heed's own Client (or the team's), its one INTERACTION_CREATE listener with
 * the handlers still running, command registration and login.
 */
export class DiscordGateway {
  readonly client: Client;
  /** Whether the Client is the team's (heed as a library) rather than heed's own. */
  readonly attached: boolean;
  private readonly config: DiscordConfig;
  private readonly logger: Logger;
  private readonly inFlight = new Set<Promise<void>>();
  private listener: ((i: Interaction) => void) | undefined;

  constructor(opts: GatewayOptions) {
    this.config = opts.config;
    this.logger = opts.logger;
    this.attached = opts.client !== undefined;
    // Only the non-privileged Guilds intent: interactions arrive regardless of intents.
    this.client =
      opts.client ??
      new Client({
        intents: [GatewayIntentBits.Guilds],
        rest: { ...(opts.config.apiUrl ? { api: opts.config.apiUrl } : {}), ...opts.rest },
      });
    if (this.attached) return;
    // Set now so reviews and digests can be posted over REST even before the gateway is up.
    this.client.rest.setToken(opts.config.token);
    logConnectionEvents(this.client, this.logger);
  }

  /** Hands every interaction to `handle`; stop() waits for the ones still running. */
  listen(handle: (i: Interaction) => Promise<void>): void {
    this.listener = (i) => this.track(handle(i));
    this.client.on(Events.InteractionCreate, this.listener);
  }

  /** Registers `/ask` (guild or global), then connects to the gateway and waits until ready. */
  async start(): Promise<void> {
    if (this.attached) return;
    await registerCommands(this.client.rest, this.config, this.logger);
    const ready = new Promise<void>((resolve) => this.client.once(Events.ClientReady, () => resolve()));
    try {
      await this.client.login(this.config.token);
    } catch (err) {
      throw new HeedError('platform', `Discord login failed (check DISCORD_TOKEN): ${errorMessage(err)}`, {
        cause: err,
      });
    }
    if (!this.client.isReady()) await ready;
    this.logger.info({ user: this.client.user?.tag }, 'Discord connected');
  }

  /** Lets running handlers finish, then closes the gateway connection (a team's client: lets go of it). */
  async stop(): Promise<void> {
    if (this.attached && this.listener) this.client.off(Events.InteractionCreate, this.listener);
    await Promise.allSettled([...this.inFlight]);
    if (!this.attached) await this.client.destroy();
  }

  private track(work: Promise<void>): void {
    const tracked = work
      .catch((err) => logEscaped(this.logger, err))
      .finally(() => this.inFlight.delete(tracked));
    this.inFlight.add(tracked);
  }
}
