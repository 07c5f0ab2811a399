import type { ChatPlatform } from '../../src/core/ports.ts';
import type { Platform, ThreadRef } from '../../src/core/types.ts';
import type { Digest, FeedbackItemView, ReviewView } from '../../src/core/views.ts';

export type RecordedCall =
  | { call: 'postReview'; view: ReviewView; thread: ThreadRef }
  | { call: 'appendToReview'; thread: ThreadRef; item: FeedbackItemView }
  | { call: 'refreshReview'; thread: ThreadRef; view: ReviewView }
  | { call: 'markResolved'; thread: ThreadRef; view: ReviewView }
  | { call: 'postDigest'; digest: Digest; channelId: string };

/** A ChatPlatform that records what the core asked of it (the core's contract test double). */
export class RecordingPlatform implements ChatPlatform {
  readonly calls: RecordedCall[] = [];
  private seq = 0;
  constructor(
    readonly platform: Platform = 'web',
    private readonly channels: { moderators?: string; digest?: string[] } = {
      moderators: 'C-MODS',
      digest: ['C-DIGEST'],
    },
  ) {}

  async postReview(view: ReviewView): Promise<ThreadRef | null> {
    if (!this.channels.moderators) return null;
    const thread = {
      platform: this.platform,
      channelId: this.channels.moderators,
      messageId: `m${++this.seq}`,
    };
    this.calls.push({ call: 'postReview', view, thread });
    return thread;
  }
  async appendToReview(thread: ThreadRef, item: FeedbackItemView): Promise<void> {
    this.calls.push({ call: 'appendToReview', thread, item });
  }
  async refreshReview(thread: ThreadRef, view: ReviewView): Promise<void> {
    this.calls.push({ call: 'refreshReview', thread, view });
  }
  async markResolved(thread: ThreadRef, view: ReviewView): Promise<void> {
    this.calls.push({ call: 'markResolved', thread, view });
  }
  digestChannels(): string[] {
    return this.channels.digest ?? [];
  }
  async postDigest(digest: Digest, channelId: string): Promise<void> {
    this.calls.push({ call: 'postDigest', digest, channelId });
  }
  named<C extends RecordedCall['call']>(call: C): Extract<RecordedCall, { call: C }>[] {
    return this.calls.filter((c): c is Extract<RecordedCall, { call: C }> => c.call === call);
  }
}
