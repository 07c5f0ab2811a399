import type { IncomingMessage, ServerResponse } from 'node:http';
import type { App, HTTPReceiver, webApi } from '@slack/bolt';
import type { SlackConfig } from '../../src/config.ts';
import { HeedError } from '../../src/core/errors.ts';
import type { FeedbackCore } from '../../src/core/feedback-core.ts';
import { type Logger, type Metrics, noMetrics } from '../../src/core/ports.ts';
import type { ThreadRef } from '../../src/core/types.ts';
import type { Digest, FeedbackItemView, ReviewView } from '../../src/core/views.ts';
import { type TrendChartRenderer, trendChartPng } from '../../src/insights-chart/index.ts';
import type { HttpRoute, PlatformAdapter } from '../adapter.ts';
import { registerActionHandlers } from './handlers/actions.ts';
import type { HandlerDeps } from './handlers/deps.ts';
import { registerQuestionHandlers } from './handlers/questions.ts';
import { registerViewHandlers } from './handlers/views.ts';
import { ModeratorDirectory } from './moderators.ts';
import type { SlackMessage } from './render/answer.ts';
import { digestMessage } from './render/digest.ts';
import { postDigestChart } from './render/digest-chart.ts';
import { appendMessage, outcomeReply, resolvedRootMessage, reviewRootMessage } from './render/review.ts';
import {
  type BoltTuning,
  createBoltApp,
  DEFAULT_BODY_LIMIT,
  SLACK_EVENTS_PATH,
} from './transport/bolt-app.ts';
import { retryRateLimited } from './transport/rate-limit-retry.ts';
import { gateSlackRequest } from './transport/request-gate.ts';
import { errorContext, slackErrorInfo } from './transport/slack-errors.ts';

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
export class SlackAdapter implements PlatformAdapter {
  readonly platform = 'slack' as const;
  readonly mode: 'socket' | 'http' | 'attached';
  private readonly app: App;
  private readonly client: webApi.WebClient;
  private readonly receiver?: HTTPReceiver;
  private readonly logger: Logger;
  private readonly config: SlackConfig;
  private readonly core: FeedbackCore;
  private readonly chart: TrendChartRenderer | null;
  private readonly metrics: Metrics;
  private readonly bodyLimit: number;
  private started = false;

  constructor(opts: SlackAdapterOptions) {
    this.config = opts.config;
    this.core = opts.core;
    this.chart = opts.chart === undefined ? trendChartPng : opts.chart;
    this.logger = opts.logger;
    this.metrics = opts.metrics ?? noMetrics;
    this.bodyLimit = opts.bolt?.bodyLimit ?? DEFAULT_BODY_LIMIT;
    const { app, receiver } = opts.app
      ? { app: opts.app, receiver: undefined }
      : createBoltApp(opts.config, this.logger, opts.bolt);
    this.app = app;
    this.client = opts.client ?? app.client;
    this.receiver = receiver;
    this.mode = opts.app ? 'attached' : receiver ? 'http' : 'socket';
    const { core } = opts;
    const deps: HandlerDeps = {
      core,
      logger: this.logger,
      moderators: new ModeratorDirectory(
        this.client,
        { channel: opts.config.moderatorsChannel, ids: opts.config.moderatorIds },
        core.clock,
        this.logger,
      ),
      firstDelivery: (key) => core.claimDelivery(key),
    };
    const own = !opts.app;
    if (own) registerQuestionHandlers(app, deps);
    // On the team's app, ids that are not heed's belong to the team's own handlers: no catch-all.
    registerActionHandlers(app, deps, { ackForeign: own });
    registerViewHandlers(app, deps, { ackForeign: own });
    if (own)
      app.error(async (err) => {
        this.logger.error({ ...errorContext(err) }, 'unhandled Slack error');
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
    const receiver = this.receiver;
    if (!receiver) return [];
    const gate = {
      signingSecret: this.config.signingSecret ?? '',
      bodyLimit: this.bodyLimit,
      metrics: this.metrics,
    };
    const handler = async (req: IncomingMessage, res: ServerResponse) => {
      if (!this.started) {
        res.writeHead(503, { 'content-type': 'text/plain' }).end('Slack adapter not started');
        return;
      }
      // heed's gate first (401 counted, 4xx for what is no Slack payload), then Bolt's own handling:
      // its signature and timestamp check again, url_verification, acks.
      const refused = await gateSlackRequest(req, gate);
      if (refused) {
        this.logger[refused.status === 401 ? 'warn' : 'debug'](
          { status: refused.status, reason: refused.reason },
          'Slack request refused',
        );
        res.writeHead(refused.status, { 'content-type': 'text/plain' }).end(refused.reason);
        return;
      }
      await new Promise<void>((resolve) => {
        res.once('close', () => resolve());
        receiver.requestListener(req, res);
      });
    };
    return [{ method: 'POST', path: SLACK_EVENTS_PATH, handler }];
  }

  // ---- ChatPlatform -----------------------------------------------------------------------------

  async postReview(view: ReviewView): Promise<ThreadRef | null> {
    const channel = this.config.moderatorsChannel;
    if (!channel) return null;
    const res = await this.call('postReview', channel, () => this.post(channel, reviewRootMessage(view)));
    if (!res.ts) return null;
    return { platform: 'slack', channelId: channel, messageId: res.ts };
  }

  async appendToReview(thread: ThreadRef, view: ReviewView, item: FeedbackItemView): Promise<void> {
    await this.call('appendToReview', thread.channelId, () =>
      this.post(thread.channelId, appendMessage(view, item), thread.threadId ?? thread.messageId),
    );
    // Refresh the root's numbers and priority — unless a moderator closed the review meanwhile, so a
    // late refresh never brings the buttons back onto a resolved root.
    if (!(await this.core.isReviewOpen(view.review.id))) return;
    const root = reviewRootMessage(view);
    await this.call('appendToReview', thread.channelId, () =>
      this.client.chat.update({
        channel: thread.channelId,
        ts: thread.messageId,
        text: root.text,
        blocks: root.blocks,
      }),
    );
  }

  async markResolved(thread: ThreadRef, view: ReviewView): Promise<void> {
    const root = resolvedRootMessage(view);
    await this.call('markResolved', thread.channelId, () =>
      this.client.chat.update({
        channel: thread.channelId,
        ts: thread.messageId,
        text: root.text,
        blocks: root.blocks,
      }),
    );
    await this.call('markResolved', thread.channelId, () =>
      this.post(thread.channelId, outcomeReply(view), thread.threadId ?? thread.messageId),
    );
  }

  digestChannels(): string[] {
    return this.config.digestChannel ? [this.config.digestChannel] : [];
  }

  /** The digest message (a failure propagates to the scheduler), then its trend chart (never fails it). */
  async postDigest(digest: Digest, channelId: string): Promise<void> {
    await this.call('postDigest', channelId, () => this.post(channelId, digestMessage(digest)));
    if (this.chart) await postDigestChart(this.client, this.chart, digest, channelId, this.logger);
  }

  private post(channel: string, message: SlackMessage, threadTs?: string) {
    return this.client.chat.postMessage({
      channel,
      text: message.text,
      blocks: message.blocks,
      ...(threadTs ? { thread_ts: threadTs } : {}),
    });
  }

  /** Slack failures are logged with context here and rethrown as HeedError('platform') for the caller. */
  private async call<T>(what: string, channel: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await retryRateLimited(fn, this.logger, what);
    } catch (err) {
      this.logger.error({ ...errorContext(err), what, channel }, 'Slack API call failed');
      const code = slackErrorInfo(err)?.slackError ?? 'request_failed';
      throw new HeedError('platform', `Slack ${what} failed in ${channel}: ${code}`, { cause: err });
    }
  }
}

export function createSlackAdapter(opts: SlackAdapterOptions): SlackAdapter {
  return new SlackAdapter(opts);
}
