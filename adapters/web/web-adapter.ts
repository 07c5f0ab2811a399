import type { FeedbackCore } from '../../src/core/feedback-core.ts';
import type { Insights } from '../../src/core/insights/types.ts';
import type { Logger } from '../../src/core/ports.ts';
import type { ThreadRef } from '../../src/core/types.ts';
import type { Digest, FeedbackItemView, ReviewView } from '../../src/core/views.ts';
import type { HttpRoute, PlatformAdapter } from '../adapter.ts';
import { createApiHandler } from './api-routes.ts';
import { dashboardRoutes } from './dashboard-routes.ts';
import { EventStream } from './event-stream.ts';
import type { PlaygroundAccess } from './playground-access.ts';
import { StaticAssets } from './static-assets.ts';

export interface WebAdapterOptions {
  core: FeedbackCore;
  logger: Logger;
  /** Insights for the `days` days before `to` (default now), for the dashboard; absent → "not available". */
  insights?: (days: number, to?: Date) => Promise<Insights>;
  /** The weekly digest as it would be posted now; absent → "not available". */
  digestPreview?: () => Promise<Digest>;
  /** Who may moderate (HEED_PLAYGROUND_TOKEN); default: the Moderator switch, from loopback only. */
  access?: PlaygroundAccess;
}

/** The moderators' "channel" of the playground: every open page. */
export const WEB_MODERATORS_CHANNEL = 'moderators';

/**
 * The local playground as a third platform: the page asks, reacts and moderates through the same core
 * calls as Slack and Discord; the core's review notifications reach open pages as server-sent events.
 */
export class WebAdapter implements PlatformAdapter {
  readonly platform = 'web' as const;
  readonly events = new EventStream();
  private readonly assets = new StaticAssets();
  private readonly api: HttpRoute['handler'];
  private readonly dashboard: HttpRoute[];
  private readonly logger: Logger;

  constructor(opts: WebAdapterOptions) {
    this.logger = opts.logger.child({ adapter: 'web' });
    this.api = createApiHandler({ ...opts, logger: this.logger, events: this.events });
    this.dashboard = dashboardRoutes({ ...opts, logger: this.logger });
  }

  async start(): Promise<void> {
    this.logger.debug({}, 'web playground ready');
  }

  async stop(): Promise<void> {
    this.events.closeAll();
  }

  routes(): HttpRoute[] {
    return [
      { method: 'GET', path: '/', handler: (req, res) => this.assets.servePage(req, res) },
      { method: 'GET', path: '/assets/*', handler: (req, res) => this.assets.serveAsset(req, res) },
      // Before /api/*: the first matching route answers.
      ...this.dashboard,
      { path: '/api/*', handler: this.api },
    ];
  }

  async postReview(view: ReviewView): Promise<ThreadRef> {
    this.publishReview('opened', view);
    return { platform: 'web', channelId: WEB_MODERATORS_CHANNEL, messageId: view.review.id };
  }

  async appendToReview(_thread: ThreadRef, view: ReviewView, _item: FeedbackItemView): Promise<void> {
    this.publishReview('appended', view);
  }

  async markResolved(_thread: ThreadRef, view: ReviewView): Promise<void> {
    this.publishReview('resolved', view);
  }

  /** The playground has no digest channel: the insights pane previews the digest instead. */
  digestChannels(): string[] {
    return [];
  }

  async postDigest(digest: Digest, _channelId: string): Promise<void> {
    this.events.publish({ type: 'digest', periodKey: digest.periodKey });
  }

  private publishReview(change: 'opened' | 'appended' | 'resolved', view: ReviewView): void {
    this.events.publish({ type: 'review', change, reviewId: view.review.id, status: view.review.status });
  }
}
