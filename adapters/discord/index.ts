import type { Client, RESTOptions } from 'discord.js';
import type { DiscordConfig } from '../../src/config.ts';
import type { FeedbackCore } from '../../src/core/feedback-core.ts';
import type { Logger } from '../../src/core/ports.ts';
import { type TrendChartRenderer, trendChartPng } from '../../src/insights-chart/index.ts';
import { type HttpRoute, OutboundAdapter } from '../adapter.ts';
import { createInteractionRouter } from './handlers/router.ts';
import { DiscordModerators } from './moderators.ts';
import { DiscordOutbound } from './outbound.ts';
import { DiscordGateway } from './transport/gateway.ts';

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
export class DiscordAdapter extends OutboundAdapter {
  readonly platform = 'discord' as const;
  private readonly gateway: DiscordGateway;
  protected readonly outbound: DiscordOutbound;

  constructor(opts: DiscordAdapterOptions) {
    super();
    const { config } = opts;
    const logger = opts.logger.child({ platform: 'discord' });
    this.gateway = new DiscordGateway({ config, logger, rest: opts.rest, client: opts.client });
    const { client, attached } = this.gateway;
    this.gateway.listen(
      createInteractionRouter({
        core: opts.core,
        logger,
        moderators: new DiscordModerators(config),
        platform: { config, client, ownsCommands: !attached },
      }),
    );
    const chart = opts.chart === undefined ? trendChartPng : opts.chart;
    this.outbound = new DiscordOutbound(client.rest, config, chart, logger);
  }

  start(): Promise<void> {
    return this.gateway.start();
  }

  stop(): Promise<void> {
    return this.gateway.stop();
  }

  routes(): HttpRoute[] {
    return [];
  }
}

/** The composition root's entry point: `core.attachPlatform(adapter)`, then `await adapter.start()`. */
export function createDiscordAdapter(opts: DiscordAdapterOptions): DiscordAdapter {
  return new DiscordAdapter(opts);
}
