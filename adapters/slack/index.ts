import type { App, HTTPReceiver, webApi } from '@slack/bolt';
import type { SlackConfig } from '../../src/config.ts';
import { HeedError } from '../../src/core/errors.ts';
import type { FeedbackCore } from '../../src/core/feedback-core.ts';
import { type Logger, type Metrics, noMetrics } from '../../src/core/ports.ts';
import { type TrendChartRenderer, trendChartPng } from '../../src/insights-chart/index.ts';
import { type HttpRoute, OutboundAdapter } from '../adapter.ts';
import { registerActionHandlers } from './handlers/actions.ts';
import type { SlackContext } from './handlers/context.ts';
import { ackForeignIds } from './handlers/foreign-ids.ts';
import { registerQuestionHandlers } from './handlers/questions.ts';
import { registerViewHandlers } from './handlers/views.ts';
import { ModeratorDirectory } from './moderators.ts';
import { SlackOutbound } from './outbound.ts';
import { type BoltTuning, createBoltApp, DEFAULT_BODY_LIMIT } from './transport/bolt-app.ts';
import { slackEventsRoute } from './transport/events-route.ts';
import { errorContext, slackErrorInfo } from './transport/slack-errors.ts';

export { postAnswer } from './handlers/post-answer.ts';
export { feedbackControls } from './render/answer.ts';

export interface SlackAdapterOptions {
  config: SlackConfig;
  core: FeedbackCore;
  logger: Logger;
  /** Transport tuning (tests); production leaves it unset. */
  bolt?: BoltTuning;
  /** Renders the digest's trend chart (PNG). Default: the Vega-Lite chart; null: text trend only. */
  chart?: TrendChartRenderer | null;
  /** Where refused signatures are counted (`slack_signature_failures_total`). Default: nowhere. */
  metrics?: Metrics;
  /**
   * The team's own Bolt App (heed as a library): heed adds only its `heed_`-prefixed action and view
   * handlers; questions, unknown ids, errors, transport and start/stop stay the team's.
   */
  app?: App;
  /** The Web API client reviews and digests are posted with. Default: the app's own client. */
  client?: webApi.WebClient;
}

/** heed in Slack: questions in, answers with feedback controls out, review threads for moderators. */
export class SlackAdapter extends OutboundAdapter {
  readonly platform = 'slack' as const;
  readonly mode: 'socket' | 'http' | 'attached';
  private readonly app: App;
  private readonly receiver?: HTTPReceiver;
  private readonly logger: Logger;
  private readonly config: SlackConfig;
  private readonly metrics: Metrics;
  private readonly bodyLimit: number;
  protected readonly outbound: SlackOutbound;
  private started = false;

  constructor(opts: SlackAdapterOptions) {
    super();
    const { config, core, logger } = opts;
    this.config = config;
    this.logger = logger;
    this.metrics = opts.metrics ?? noMetrics;
    this.bodyLimit = opts.bolt?.bodyLimit ?? DEFAULT_BODY_LIMIT;
    const { app, receiver } = opts.app
      ? { app: opts.app, receiver: undefined }
      : createBoltApp(config, logger, opts.bolt);
    this.app = app;
    this.receiver = receiver;
    this.mode = opts.app ? 'attached' : receiver ? 'http' : 'socket';
    const client = opts.client ?? app.client;
    this.outbound = new SlackOutbound({
      config,
      client,
      logger,
      chart: opts.chart === undefined ? trendChartPng : opts.chart,
    });
    const ctx: SlackContext = {
      core,
      logger,
      moderators: new ModeratorDirectory(
        client,
        { channel: config.moderatorsChannel, ids: config.moderatorIds },
        core.clock,
        logger,
      ),
      platform: { config, client },
    };
    const own = !opts.app;
    // On the team's app, questions and ids that are not heed's belong to the team's own handlers.
    if (own) {
      registerQuestionHandlers(app, ctx);
      ackForeignIds(app, logger);
    }
    registerActionHandlers(app, ctx);
    registerViewHandlers(app, ctx);
    if (own)
      app.error(async (err) => {
        logger.error({ ...errorContext(err) }, 'unhandled Slack error');
      });
  }

  /** Checks the bot token (auth.test); in Socket Mode also opens the WebSocket. */
  async start(): Promise<void> {
    if (this.started) return;
    if (this.mode === 'attached') {
      this.started = true;
      return;
    }
    try {
      await this.app.init();
      if (this.mode === 'socket') await this.app.start();
    } catch (err) {
      this.logger.error({ ...errorContext(err), mode: this.mode }, 'Slack adapter failed to start');
      const code = slackErrorInfo(err)?.slackError;
      const hint =
        code === 'invalid_auth' || code === 'not_authed'
          ? ' Check SLACK_BOT_TOKEN (xoxb-…) and, for Socket Mode, SLACK_APP_TOKEN (xapp-… with connections:write).'
          : '';
      throw new HeedError('platform', `Slack could not start (${code ?? 'connection failed'}).${hint}`, {
        cause: err,
      });
    }
    this.started = true;
    this.logger.info({ mode: this.mode }, 'Slack adapter started');
  }

  async stop(): Promise<void> {
    if (!this.started) return;
    this.started = false;
    if (this.mode === 'socket') await this.app.stop();
  }

  routes(): HttpRoute[] {
    if (!this.receiver) return [];
    return [
      slackEventsRoute({
        receiver: this.receiver,
        signingSecret: this.config.signingSecret ?? '',
        bodyLimit: this.bodyLimit,
        metrics: this.metrics,
        logger: this.logger,
        started: () => this.started,
      }),
    ];
  }
}

export function createSlackAdapter(opts: SlackAdapterOptions): SlackAdapter {
  return new SlackAdapter(opts);
}
