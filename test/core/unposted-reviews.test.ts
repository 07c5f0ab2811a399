import { describe, expect, it, vi } from 'vitest';
import type { FeedbackStore } from '../../src/core/ports.ts';
import type { ReviewView } from '../../src/core/views.ts';
import { createMemoryFeedbackStore } from '../../src/store/memory-feedback-store.ts';
import { asker, makeCore } from '../helpers/core.ts';
import { openTestStore } from '../helpers/db.ts';
import { RecordingPlatform } from '../helpers/recording-platform.ts';

const STORES: [string, () => Promise<FeedbackStore>][] = [
  ['in-memory store', async () => createMemoryFeedbackStore()],
  ['MongoDB store on the real server', () => openTestStore('unposted')],
];
const LEASE_MS = 5 * 60_000;

/** A platform that refuses every post, as Slack does while it is down: the review stays unposted. */
class RefusingPlatform extends RecordingPlatform {
  override async postReview(_view: ReviewView): Promise<never> {
    throw new Error('slack is down');
  }
}

for (const [name, open] of STORES) {
  const store = await open();

  /** Instance A raises a review for `question` but cannot post it (its post claim is taken and held). */
  async function unposted(question: string) {
    const a = makeCore(store);
    a.core.platforms.attach(new RefusingPlatform('slack'));
    const asked = await a.core.answer(question, asker());
    let reviewId = '';
    for (const u of ['N1', 'N2', 'N3']) {
      const outcome = await a.core.recordFeedback({
        interactionId: asked.id,
        platform: 'slack',
        userId: u,
        kind: 'vote',
        value: 'down',
      });
      reviewId = outcome.review?.id ?? reviewId;
    }
    expect(reviewId).not.toBe('');
    expect((await store.reviews.get(reviewId))?.threads).toEqual([]);
    // Instance B, on the same store and clock, with a platform that works.
    const b = makeCore(store);
    b.clock.set(a.clock.now());
    return { a, b, asked, reviewId };
  }

  describe(`a review's post (${name})`, () => {
    it('is not made a second time by a 👎 that joins across a 5-minute mark while the creator posts', async () => {
      let release = () => {};
      const gate = new Promise<void>((r) => {
        release = r;
      });
      let entered = false;
      class SlowPlatform extends RecordingPlatform {
        override async postReview(view: ReviewView) {
          entered = true; // after the creator's claim
          await gate;
          return super.postReview(view);
        }
      }
      const a = makeCore(store);
      const slow = new SlowPlatform('slack');
      a.core.platforms.attach(slow);
      a.clock.set(new Date('2026-11-02T10:04:59.900Z'));
      const asked = await a.core.answer('Why does the badge printer jam?', asker());
      const down = (core: typeof a.core, userId: string) =>
        core.recordFeedback({
          interactionId: asked.id,
          platform: 'slack',
          userId,
          kind: 'vote',
          value: 'down',
        });
      await down(a.core, 'G1');
      await down(a.core, 'G2');
      const creating = down(a.core, 'G3'); // claims the post, then waits at the gate
      const b = makeCore(store);
      b.clock.set(new Date('2026-11-02T10:05:00.100Z'));
      await vi.waitFor(() => expect(entered).toBe(true), { timeout: 10_000, interval: 10 });
      const reviewId = (await a.core.openReview(asked.patternKey))!.id;
      await down(b.core, 'G4');
      release();
      await creating;
      expect(b.platform.named('postReview')).toEqual([]);
      expect(slow.named('postReview').map((p) => p.view.review.id)).toEqual([reviewId]);
      expect((await store.reviews.get(reviewId))?.threads).toHaveLength(1);
    });
  });

  describe(`reviews left unposted (${name})`, () => {
    it('are posted by the sweep once the creator’s claim has passed, once, and never while it holds', async () => {
      const { b, asked, reviewId } = await unposted('Why does the calendar sync twice?');
      // A 👎 joining while the creator's claim holds neither posts it a second time nor loses the vote.
      b.clock.advance(60_000);
      await b.core.recordFeedback({
        interactionId: asked.id,
        platform: 'slack',
        userId: 'N4',
        kind: 'vote',
        value: 'down',
      });
      expect(await b.core.postUnpostedReviews()).toBe(0);
      expect(b.platform.named('postReview')).toEqual([]);

      b.clock.advance(LEASE_MS);
      expect(await b.core.postUnpostedReviews()).toBe(1);
      const [post] = b.platform.named('postReview');
      expect(post?.view.review.id).toBe(reviewId);
      expect(post?.view.related.map((f) => f.userId).sort()).toEqual(['N1', 'N2', 'N3', 'N4']);
      expect((await store.reviews.get(reviewId))?.threads).toHaveLength(1);
      // Posted: later sweeps leave it alone, in this lease and the next.
      expect(await b.core.postUnpostedReviews()).toBe(0);
      b.clock.advance(LEASE_MS);
      expect(await b.core.postUnpostedReviews()).toBe(0);
      expect(b.platform.named('postReview')).toHaveLength(1);
    });

    it('two instances sweeping at once post each review once', async () => {
      const { b, reviewId } = await unposted('Why is the invoice PDF blank?');
      const c = makeCore(store);
      b.clock.advance(LEASE_MS + 1000);
      c.clock.set(b.clock.now());
      const [fromB, fromC] = await Promise.all([b.core.postUnpostedReviews(), c.core.postUnpostedReviews()]);
      const posts = [...b.platform.named('postReview'), ...c.platform.named('postReview')].filter(
        (p) => p.view.review.id === reviewId,
      );
      expect(posts).toHaveLength(1);
      expect(fromB + fromC).toBeGreaterThanOrEqual(1);
      expect((await store.reviews.get(reviewId))?.threads).toHaveLength(1);
    });

    it('are left for the next sweep while no platform takes them', async () => {
      const first = await unposted('Why does search miss new pages?');
      const second = await unposted('Why does search miss old pages?');
      const { b } = second;
      b.core.platforms.attach(new RecordingPlatform('slack', {})); // no moderators' channel
      b.clock.advance(LEASE_MS + 1000);
      expect(await b.core.postUnpostedReviews()).toBe(0);
      for (const id of [first.reviewId, second.reviewId])
        expect((await store.reviews.get(id))?.threads).toEqual([]);
      // One warning for the sweep, not one per review.
      expect(b.logger.lines.filter((l) => /review not posted/.test(l.msg ?? ''))).toHaveLength(1);
      // The next sweep, with a channel, posts both.
      b.core.platforms.attach(new RecordingPlatform('slack'));
      b.clock.advance(LEASE_MS);
      expect(await b.core.postUnpostedReviews()).toBe(2);
      for (const id of [first.reviewId, second.reviewId])
        expect((await store.reviews.get(id))?.threads).toHaveLength(1);
    });
  });
}
