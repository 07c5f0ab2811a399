import type { ChatPlatform } from '../../src/core/ports.ts';
import type { ThreadRef } from '../../src/core/types.ts';
import type { Digest, FeedbackItemView, ReviewView } from '../../src/core/views.ts';
import type { EventStream } from './transport/event-stream.ts';

/** The moderators' "channel" of the playground: every open page. */
const WEB_MODERATORS_CHANNEL = 'moderators';

/**
 * The playground's side of ChatPlatform: the core's review notifications and digests reach every open
 * page as server-sent events; the page re-reads the pane from the JSON API. Writing to the open
 * streams cannot be refused, so nothing here throws or needs swallowing; the moderators' "channel"
 * always exists, so postReview never returns null.
 */
export class WebOutbound implements ChatPlatform {
  readonly platform = 'web' as const;

  constructor(private readonly events: EventStream) {}

  async postReview(view: ReviewView): Promise<ThreadRef> {
    this.publishReview('opened', view);
    return { platform: 'web', channelId: WEB_MODERATORS_CHANNEL, messageId: view.review.id };
  }

  async appendToReview(_thread: ThreadRef, item: FeedbackItemView): Promise<void> {
    this.events.publish({ type: 'review', change: 'appended', reviewId: item.reviewId, status: 'open' });
  }

  /** The page re-reads a review's pane on every event: a refresh is one more. */
  async refreshReview(_thread: ThreadRef, view: ReviewView): Promise<void> {
    this.publishReview('refreshed', view);
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

  private publishReview(change: 'opened' | 'refreshed' | 'resolved', view: ReviewView): void {
    this.events.publish({ type: 'review', change, reviewId: view.review.id, status: view.review.status });
  }
}
