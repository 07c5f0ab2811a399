import { type REST, Routes, ThreadAutoArchiveDuration } from 'discord.js';
import { errorMessage } from '../../src/core/errors.ts';
import type { Logger } from '../../src/core/ports.ts';
import type { ThreadRef } from '../../src/core/types.ts';
import type { FeedbackItemView, ReviewView } from '../../src/core/views.ts';
import { NO_MENTIONS } from './render/limits.ts';
import { appendText, outcomeText, reviewMessage, threadName } from './render/review-message.ts';

/**
 * Review threads in the moderators' channel, through REST by channel id (no channel cache needed).
 * After the root message exists every further step is best effort: a failure is logged and the
 * remaining steps still run, so one REST error never leaves a review half-rendered silently.
 */
export class DiscordReviewThreads {
  constructor(
    private readonly rest: REST,
    private readonly moderatorsChannel: string | undefined,
    private readonly logger: Logger,
  ) {}

  async post(view: ReviewView): Promise<ThreadRef | null> {
    if (!this.moderatorsChannel) return null;
    const channelId = this.moderatorsChannel;
    const message = (await this.rest.post(Routes.channelMessages(channelId), {
      body: { ...reviewMessage(view), allowed_mentions: NO_MENTIONS },
    })) as { id: string };
    const ref: ThreadRef = { platform: 'discord', channelId, messageId: message.id };
    const thread = await this.attempt('create review thread', ref, async () => {
      const created = (await this.rest.post(Routes.threads(channelId, message.id), {
        body: { name: threadName(view), auto_archive_duration: ThreadAutoArchiveDuration.OneWeek },
      })) as { id: string };
      return created.id;
    });
    return thread ? { ...ref, threadId: thread } : ref;
  }

  /** The related feedback goes into the thread; the root shows the refreshed numbers. */
  async append(thread: ThreadRef, view: ReviewView, item: FeedbackItemView): Promise<void> {
    await this.attempt('append to review thread', thread, () => this.say(thread, appendText(item)));
    await this.attempt('refresh review message', thread, () => this.editRoot(thread, view));
  }

  /** Root edited (who, what; buttons gone), outcome posted in the thread, thread archived. */
  async resolve(thread: ThreadRef, view: ReviewView): Promise<void> {
    await this.attempt('mark review resolved', thread, () => this.editRoot(thread, view));
    await this.attempt('post review outcome', thread, () => this.say(thread, outcomeText(view)));
    if (thread.threadId)
      await this.attempt('archive review thread', thread, () =>
        this.rest.patch(Routes.channel(thread.threadId!), { body: { archived: true } }),
      );
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

  private async attempt<T>(what: string, thread: ThreadRef, fn: () => Promise<T>): Promise<T | undefined> {
    try {
      return await fn();
    } catch (err) {
      this.logger.error({ what, thread, err: errorMessage(err) }, 'Discord review update failed');
      return undefined;
    }
  }
}
