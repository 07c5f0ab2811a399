import type { FeedbackCore } from '../../src/core/feedback-core.ts';
import type { Logger } from '../../src/core/ports.ts';
import { type HttpRoute, OutboundAdapter, type PlatformAdapter } from '../adapter.ts';
import { unknownApiPath } from './boundary.ts';
import type { WebContext, WebPlatform } from './handlers/context.ts';
import { dashboardRoutes } from './handlers/dashboard.ts';
import { eventRoutes } from './handlers/events.ts';
import { feedbackRoutes } from './handlers/feedback.ts';
import { insightsRoutes } from './handlers/insights.ts';
import { knowledgeRoutes } from './handlers/knowledge.ts';
import { optionRoutes } from './handlers/options.ts';
import { questionRoutes } from './handlers/questions.ts';
import { reviewRoutes } from './handlers/reviews.ts';
import { type PlaygroundAccess, WebModerators } from './moderators.ts';
import { WebOutbound } from './outbound.ts';
import { MD_TAGS_ASSET, MD_TAGS_MODULE } from './render/markdown-tags.ts';
import { EventStream } from './transport/event-stream.ts';
import { StaticAssets } from './transport/static-assets.ts';

export { isLoopbackHost } from './moderators.ts';

export { MAX_BODY_BYTES } from './transport/http-io.ts';

export interface WebAdapterOptions extends Omit<WebPlatform, 'events'> {
  core: FeedbackCore;
  logger: Logger;
  /** Who may moderate (HEED_PLAYGROUND_TOKEN); default: the Moderator switch, from loopback only. */
  access?: PlaygroundAccess;
}

export interface WebAdapter extends PlatformAdapter {
  readonly platform: 'web';
  /** The open pages' live stream (tests read its size). */
  readonly events: EventStream;
}

/**
 * The local playground as a third platform, served on heed's HTTP listener: the page at `/`, its JSON
 * API under `/api/`. The page asks, reacts and moderates through the same core calls as Slack and
 * Discord; the core's review notifications reach open pages as server-sent events.
 */
export function createWebAdapter(opts: WebAdapterOptions): WebAdapter {
  const logger = opts.logger.child({ adapter: 'web' });
  const events = new EventStream();
  const ctx: WebContext = {
    core: opts.core,
    logger,
    moderators: new WebModerators(opts.access),
    platform: { events, insights: opts.insights, digestPreview: opts.digestPreview },
  };
  const assets = new StaticAssets({ [MD_TAGS_ASSET]: MD_TAGS_MODULE });
  const routes: HttpRoute[] = [
    { method: 'GET', path: '/', handler: (req, res) => assets.servePage(req, res) },
    { method: 'GET', path: '/assets/*', handler: (req, res) => assets.serveAsset(req, res) },
    ...questionRoutes(ctx),
    ...feedbackRoutes(ctx),
    ...reviewRoutes(ctx),
    ...knowledgeRoutes(ctx),
    ...insightsRoutes(ctx),
    ...dashboardRoutes(ctx),
    ...optionRoutes(ctx),
    ...eventRoutes(ctx),
    unknownApiPath(logger),
  ];
  return new PlaygroundAdapter(events, logger, routes);
}

/** The playground's connection is the HTTP listener itself: start and stop only open and close streams. */
class PlaygroundAdapter extends OutboundAdapter implements WebAdapter {
  readonly platform = 'web' as const;
  protected readonly outbound: WebOutbound;

  constructor(
    readonly events: EventStream,
    private readonly logger: Logger,
    private readonly table: HttpRoute[],
  ) {
    super();
    this.outbound = new WebOutbound(events);
  }

  async start(): Promise<void> {
    this.logger.debug({}, 'web playground ready');
  }

  async stop(): Promise<void> {
    this.events.closeAll();
  }

  routes(): HttpRoute[] {
    return this.table;
  }
}
