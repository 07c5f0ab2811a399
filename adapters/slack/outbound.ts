import type { SlackConfig } from '../../src/config.ts';
import { HeedError } from '../../src/core/errors.ts';
import type { ChatPlatform, Logger } from '../../src/core/ports.ts';
import type { ThreadRef } from '../../src/core/types.ts';
import type { Digest, FeedbackItemView, ReviewView } from '../../src/core/views.ts';
import type { TrendChartRenderer } from '../../src/insights-chart/index.ts';
import type { Client } from './handlers/context.ts';
import type { SlackMessage } from './render/answer.ts';
import { digestMessage } from './render/digest.ts';
import { postDigestChart } from './render/digest-chart.ts';
import { appendMessage, outcomeReply, resolvedRootMessage, reviewRootMessage } from './render/review.ts';
import { retryRateLimited } from './transport/rate-limit-retry.ts';
import { errorContext, slackErrorInfo } from './transport/slack-errors.ts';

export interface SlackOutboundOptions {
  config: SlackConfig;
  client: Client;
  logger: Logger;
  /** Renders the digest's trend chart (PNG); null: text trend only. */
  chart: TrendChartRenderer | null;
}

/**
 * What the core asks of Slack: review threads for moderators and digests for leads. Following the
 * contract on ChatPlatform, a refused or failed main call is thrown (as HeedError('platform'), Slack's
 * code in the message) for the core to log once; only a courtesy step after the main call landed — the
 * outcome reply, the digest chart — is logged here and swallowed.
 */
export class SlackOutbound implements ChatPlatform {
  readonly platform = 'slack' as const;

  constructor(private readonly opts: SlackOutboundOptions) {}

  async postReview(view: ReviewView): Promise<ThreadRef | null> {
    const channel = this.opts.config.moderatorsChannel;
    if (!channel) return null;
    const res = await this.call('postReview', channel, () => this.post(channel, reviewRootMessage(view)));
    if (!res.ts) throw new HeedError('platform', `Slack postReview in ${channel} returned no message ts`);
    return { platform: 'slack', channelId: channel, messageId: res.ts };
  }

  async appendToReview(thread: ThreadRef, item: FeedbackItemView): Promise<void> {
    await this.call('appendToReview', thread.channelId, () =>
      this.post(thread.channelId, appendMessage(item), thread.threadId ?? thread.messageId),
    );
  }

  /** The root's numbers and priority (the core checked the review is still open). */
  async refreshReview(thread: ThreadRef, view: ReviewView): Promise<void> {
    await this.call('refreshReview', thread.channelId, () => this.update(thread, reviewRootMessage(view)));
  }

  async markResolved(thread: ThreadRef, view: ReviewView): Promise<void> {
    await this.call('markResolved', thread.channelId, () => this.update(thread, resolvedRootMessage(view)));
    // The resolved root already states the outcome; the thread reply only announces it.
    await this.courtesy('markResolved', thread.channelId, () =>
      this.call('markResolved', thread.channelId, () =>
        this.post(thread.channelId, outcomeReply(view), thread.threadId ?? thread.messageId),
      ),
    );
  }

  digestChannels(): string[] {
    return this.opts.config.digestChannel ? [this.opts.config.digestChannel] : [];
  }

  /** The digest message (a failure propagates to the scheduler), then its trend chart (never fails it). */
  async postDigest(digest: Digest, channelId: string): Promise<void> {
    const { chart, client, logger } = this.opts;
    await this.call('postDigest', channelId, () => this.post(channelId, digestMessage(digest)));
    if (chart) await postDigestChart(client, chart, digest, channelId, logger);
  }

  private post(channel: string, message: SlackMessage, threadTs?: string) {
    return this.opts.client.chat.postMessage({
      channel,
      text: message.text,
      blocks: message.blocks,
      ...(threadTs ? { thread_ts: threadTs } : {}),
    });
  }

  private update(thread: ThreadRef, message: SlackMessage) {
    return this.opts.client.chat.update({
      channel: thread.channelId,
      ts: thread.messageId,
      text: message.text,
      blocks: message.blocks,
    });
  }

  /** Waits out Slack's 429 (see retryRateLimited); any other failure becomes HeedError('platform'). */
  private async call<T>(what: string, channel: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await retryRateLimited(fn, this.opts.logger, what);
    } catch (err) {
      const code = slackErrorInfo(err)?.slackError ?? 'request_failed';
      throw new HeedError('platform', `Slack ${what} failed in ${channel}: ${code}`, {
        cause: err,
        context: errorContext(err),
      });
    }
  }

  /** A step after the main call landed: its failure is logged here and never reported as the call's. */
  private async courtesy(what: string, channel: string, fn: () => Promise<unknown>): Promise<void> {
    try {
      await fn();
    } catch (err) {
      this.opts.logger.warn(
        { ...errorContext(err), what, channel },
        'Slack follow-up failed; the main post stands',
      );
    }
  }
}
