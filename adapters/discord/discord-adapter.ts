import { Client, Events, GatewayIntentBits, type Interaction, type RESTOptions } from 'discord.js';
import type { DiscordConfig } from '../../src/config.ts';
import { errorMessage, HeedError } from '../../src/core/errors.ts';
import type { FeedbackCore } from '../../src/core/feedback-core.ts';
import type { Logger } from '../../src/core/ports.ts';
import type { ThreadRef } from '../../src/core/types.ts';
import type { Digest, FeedbackItemView, ReviewView } from '../../src/core/views.ts';
import { type TrendChartRenderer, trendChartPng } from '../../src/insights-chart/index.ts';
import type { HttpRoute, PlatformAdapter } from '../adapter.ts';
import { createInteractionRouter } from './handlers/router.ts';
import { postDigestMessages } from './render/digest-chart.ts';
import { DiscordReviewThreads } from './review-threads.ts';
import { registerCommands } from './transport/commands.ts';
import { logConnectionEvents } from './transport/connection-log.ts';

export interface DiscordAdapterOptions {
  config: DiscordConfig;
  core: FeedbackCore;
  logger: Logger;
  /** REST tuning (tests pass `{ retries: 0 }`); `api` comes from DISCORD_API_URL. */
  rest?: Partial<Pick<RESTOptions, 'retries' | 'timeout'>>;
  /**
   * The team's own discord.js Client (heed as a library): heed handles only its own component and
   * modal ids and posts reviews and digests over that client's REST; login, commands, intents and
   * shutdown stay the team's (`config.token` and `applicationId` are then unused).
   */
  client?: Client;
  /** Renders the digest's trend chart (PNG). Default: the Vega-Lite chart; null: text trend only. */
  chart?: TrendChartRenderer | null;
}

/** heed on Discord: `/ask`, feedback components and modals over the gateway; reviews and digests over REST. */
export class DiscordAdapter implements PlatformAdapter {
  readonly platform = 'discord' as const;
  private readonly client: Client;
  private readonly config: DiscordConfig;
  private readonly logger: Logger;
  private readonly threads: DiscordReviewThreads;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly attached: boolean;
  private readonly listener: (i: Interaction) => void;
  private readonly chart: TrendChartRenderer | null;

  constructor(opts: DiscordAdapterOptions) {
    this.config = opts.config;
    this.logger = opts.logger.child({ platform: 'discord' });
    this.attached = opts.client !== undefined;
    this.chart = opts.chart === undefined ? trendChartPng : opts.chart;
    // Only the non-privileged Guilds intent: interactions arrive regardless of intents.
    this.client =
      opts.client ??
      new Client({
        intents: [GatewayIntentBits.Guilds],
        rest: { ...(opts.config.apiUrl ? { api: opts.config.apiUrl } : {}), ...opts.rest },
      });
    // Set now so reviews and digests can be posted over REST even before the gateway is up.
    if (!this.attached) this.client.rest.setToken(opts.config.token);
    const route = createInteractionRouter(
      { core: opts.core, config: this.config, logger: this.logger },
      { commands: !this.attached },
    );
    this.listener = (i) => this.track(route(i));
    this.client.on(Events.InteractionCreate, this.listener);
    if (!this.attached) logConnectionEvents(this.client, this.logger);
    this.threads = new DiscordReviewThreads(this.client.rest, this.config.moderatorsChannel, this.logger);
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
    if (this.attached) this.client.off(Events.InteractionCreate, this.listener);
    await Promise.allSettled([...this.inFlight]);
    if (!this.attached) await this.client.destroy();
  }

  routes(): HttpRoute[] {
    return [];
  }

  postReview(view: ReviewView): Promise<ThreadRef | null> {
    return this.threads.post(view);
  }

  appendToReview(thread: ThreadRef, view: ReviewView, item: FeedbackItemView): Promise<void> {
    return this.threads.append(thread, view, item);
  }

  markResolved(thread: ThreadRef, view: ReviewView): Promise<void> {
    return this.threads.resolve(thread, view);
  }

  digestChannels(): string[] {
    return this.config.digestChannel ? [this.config.digestChannel] : [];
  }

  /** One or more messages of embeds, each within Discord's limits; a failure propagates to the scheduler. */
  async postDigest(digest: Digest, channelId: string): Promise<void> {
    await postDigestMessages(this.client.rest, channelId, digest, this.chart, this.logger);
  }

  private track(work: Promise<void>): void {
    const tracked = work
      .catch((err) =>
        this.logger.error({ err: errorMessage(err) }, 'interaction handler escaped the boundary'),
      )
      .finally(() => this.inFlight.delete(tracked));
    this.inFlight.add(tracked);
  }
}
