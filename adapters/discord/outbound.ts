import {
  type APIEmbed,
  DiscordAPIError,
  HTTPError,
  type REST,
  Routes,
  ThreadAutoArchiveDuration,
} from 'discord.js';
import type { DiscordConfig } from '../../src/config.ts';
import { errorMessage } from '../../src/core/errors.ts';
import type { ChatPlatform, Logger } from '../../src/core/ports.ts';
import type { ThreadRef } from '../../src/core/types.ts';
import type { Digest, FeedbackItemView, ReviewView } from '../../src/core/views.ts';
import type { TrendChartRenderer } from '../../src/insights-chart/index.ts';
import { digestChart, withChart } from './render/digest-chart.ts';
import { digestMessages } from './render/digest-embeds.ts';
import { NO_MENTIONS } from './render/limits.ts';
import { appendText, outcomeText, reviewMessage, threadName } from './render/review-message.ts';

/**
 * heed's posts to Discord, over REST by channel id (no channel cache needed): review threads in the
 * moderators' channel and digests. The error contract of ChatPlatform: a failed main call throws
 * (the core logs it once and keeps its data); a courtesy step after it is logged and swallowed.
 */
export class DiscordOutbound implements Omit<ChatPlatform, 'platform'> {
  constructor(
    private readonly rest: REST,
    private readonly config: Pick<DiscordConfig, 'moderatorsChannel' | 'digestChannel'>,
    private readonly chart: TrendChartRenderer | null,
    private readonly logger: Logger,
  ) {}

  /** The root message (throws when refused); its thread is a courtesy: without it replies go under the root. */
  async postReview(view: ReviewView): Promise<ThreadRef | null> {
    const channelId = this.config.moderatorsChannel;
    if (!channelId) return null;
    const message = (await this.rest.post(Routes.channelMessages(channelId), {
      body: { ...reviewMessage(view), allowed_mentions: NO_MENTIONS },
    })) as { id: string };
    const ref: ThreadRef = { platform: 'discord', channelId, messageId: message.id };
    const thread = await this.courtesy('create review thread', ref, async () => {
      const created = (await this.rest.post(Routes.threads(channelId, message.id), {
        body: { name: threadName(view), auto_archive_duration: ThreadAutoArchiveDuration.OneWeek },
      })) as { id: string };
      return created.id;
    });
    return thread ? { ...ref, threadId: thread } : ref;
  }

  /** The related feedback goes into the thread (throws when refused). */
  async appendToReview(thread: ThreadRef, item: FeedbackItemView): Promise<void> {
    await this.say(thread, appendText(item));
  }

  /** The root message with the view's numbers (throws when refused). */
  async refreshReview(thread: ThreadRef, view: ReviewView): Promise<void> {
    await this.editRoot(thread, view);
  }

  /** Root edited (who, what; buttons gone; throws when refused), then the outcome posted and the thread archived. */
  async markResolved(thread: ThreadRef, view: ReviewView): Promise<void> {
    await this.editRoot(thread, view);
    await this.courtesy('post review outcome', thread, () => this.say(thread, outcomeText(view)));
    if (thread.threadId)
      await this.courtesy('archive review thread', thread, () =>
        this.rest.patch(Routes.channel(thread.threadId!), { body: { archived: true } }),
      );
  }

  digestChannels(): string[] {
    return this.config.digestChannel ? [this.config.digestChannel] : [];
  }

  /**
   * The digest as messages of embeds; the first carries the trend chart. A chart Discord refuses falls
   * back to the same message without it; a failed plain message propagates, so the scheduler retries.
   */
  async postDigest(digest: Digest, channelId: string): Promise<void> {
    const png = await digestChart(digest, this.chart, this.logger);
    for (const [n, embeds] of digestMessages(digest).entries()) {
      if (n === 0 && png && (await this.postWithChart(channelId, embeds, png))) continue;
      await this.rest.post(Routes.channelMessages(channelId), {
        body: { embeds, allowed_mentions: NO_MENTIONS },
      });
    }
  }

  private async postWithChart(channelId: string, embeds: APIEmbed[], png: Buffer): Promise<boolean> {
    try {
      await this.rest.post(Routes.channelMessages(channelId), withChart(embeds, png));
      return true;
    } catch (err) {
      // Discord answered (too large, refused attachment, …): nothing was posted, so post without the chart.
      // Anything else (the connection dropped) may have posted: the scheduler's retry decides.
      if (!(err instanceof DiscordAPIError || err instanceof HTTPError)) throw err;
      this.logger.warn(
        { err: errorMessage(err), stage: 'upload' },
        'digest chart not attached; the text trend stands',
      );
      return false;
    }
  }

  private editRoot(thread: ThreadRef, view: ReviewView) {
    return this.rest.patch(Routes.channelMessage(thread.channelId, thread.messageId), {
      body: { ...reviewMessage(view), allowed_mentions: NO_MENTIONS },
    });
  }

  /** A reply in the thread, or under the root message when no thread could be started. */
  private say(thread: ThreadRef, content: string) {
    const body = thread.threadId
      ? { content, allowed_mentions: NO_MENTIONS }
      : {
          content,
          allowed_mentions: NO_MENTIONS,
          message_reference: { message_id: thread.messageId, fail_if_not_exists: false },
        };
    return this.rest.post(Routes.channelMessages(thread.threadId ?? thread.channelId), { body });
  }

  /** A step after the main call landed: its failure is logged here and never reported as the call's. */
  private async courtesy<T>(what: string, thread: ThreadRef, fn: () => Promise<T>): Promise<T | undefined> {
    try {
      return await fn();
    } catch (err) {
      this.logger.error({ what, thread, err: errorMessage(err) }, 'Discord review update failed');
      return undefined;
    }
  }
}
