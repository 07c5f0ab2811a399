import { describe, expect, it, vi } from 'vitest';
import type { FeedbackStore } from '../../src/core/ports.ts';
import { createMemoryFeedbackStore } from '../../src/store/memory-feedback-store.ts';
import { asker, makeCore } from '../helpers/core.ts';
import { openTestStore } from '../helpers/db.ts';

const STORES: [string, () => Promise<FeedbackStore>][] = [
  ['in-memory store', async () => createMemoryFeedbackStore()],
  ['MongoDB store on the real server', () => openTestStore('refresher')],
];
const INTERVAL = 1000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

for (const [name, open] of STORES) {
  const store = await open();

  /** A core whose review roots refresh at most every INTERVAL ms, and a review it has just posted. */
  async function posted(question: string) {
    const made = makeCore(store, { reviewRefreshMs: INTERVAL });
    const a = await made.core.answer(question, asker());
    const down = (userId: string) =>
      made.core.recordFeedback({
        interactionId: a.id,
        platform: 'slack',
        userId,
        kind: 'vote',
        value: 'down',
      });
    await down('R1');
    await down('R2');
    const review = (await down('R3')).review!;
    expect(review.created).toBe(true);
    return { ...made, down, reviewId: review.id, interactionId: a.id };
  }

  describe(`review root refreshes (${name})`, () => {
    it('joins inside the interval append at once and refresh the root once, at its end, with every item', async () => {
      const { platform, down, reviewId } = await posted('Why is the export empty?');
      const forReview = vi.spyOn(store.feedback, 'forReview');
      try {
        for (const u of ['R4', 'R5', 'R6'])
          expect((await down(u)).review).toEqual({ id: reviewId, created: false });
        expect(platform.named('appendToReview').map((c) => c.item.feedback.userId)).toEqual([
          'R4',
          'R5',
          'R6',
        ]);
        expect(platform.named('appendToReview').at(-1)!.item.window).toMatchObject({ negative: 6, total: 6 });
        // No join rebuilt the whole view: that read grows with the review.
        expect(forReview).not.toHaveBeenCalled();
        expect(platform.named('refreshReview')).toEqual([]);
        await vi.waitFor(() => expect(platform.named('refreshReview')).toHaveLength(1), { timeout: 3000 });
        const [refresh] = platform.named('refreshReview');
        expect(refresh!.view.related.map((f) => f.userId).sort()).toEqual([
          'R1',
          'R2',
          'R3',
          'R4',
          'R5',
          'R6',
        ]);
        await sleep(INTERVAL * 2);
        expect(platform.named('refreshReview')).toHaveLength(1);
      } finally {
        forReview.mockRestore();
      }
    });

    it('a join after a quiet interval refreshes the root before recordFeedback returns', async () => {
      const { platform, down, reviewId } = await posted('Why is the invoice late?');
      await sleep(INTERVAL + 50);
      await down('R4');
      const refreshes = platform.named('refreshReview');
      expect(refreshes).toHaveLength(1);
      expect(refreshes[0]!.view.review.id).toBe(reviewId);
      expect(refreshes[0]!.view.related).toHaveLength(4);
    });

    it("another instance's trailing refresh shows the items this one linked", async () => {
      const first = await posted('Why does sync stop at night?');
      const second = makeCore(store, { reviewRefreshMs: INTERVAL });
      const join = (core: typeof first.core, userId: string) =>
        core.recordFeedback({
          interactionId: first.interactionId,
          platform: 'slack',
          userId,
          kind: 'vote',
          value: 'down',
        });
      await join(first.core, 'A4');
      await join(second.core, 'B1'); // due on the second instance: refreshed at once
      await join(first.core, 'A5');
      await vi.waitFor(() => expect(first.platform.named('refreshReview')).toHaveLength(1), {
        timeout: 3000,
      });
      const related = first.platform.named('refreshReview')[0]!.view.related.map((f) => f.userId);
      expect(related.sort()).toEqual(['A4', 'A5', 'B1', 'R1', 'R2', 'R3']);
    });

    it('across reviews, rebuilds start at most one per second: a second due review waits its turn', async () => {
      const first = await posted('Why does login loop?');
      const made = makeCore(store, { reviewRefreshMs: INTERVAL });
      const b = await made.core.answer('Why is the chart blank?', asker());
      const downB = (userId: string) =>
        made.core.recordFeedback({
          interactionId: b.id,
          platform: 'slack',
          userId,
          kind: 'vote',
          value: 'down',
        });
      for (const u of ['S1', 'S2', 'S3']) await downB(u);
      await sleep(INTERVAL + 50);
      // Two cores here; one refresher each. Joining both reviews through the first core's refresher:
      const joinB = (userId: string) =>
        first.core.recordFeedback({
          interactionId: b.id,
          platform: 'slack',
          userId,
          kind: 'vote',
          value: 'down',
        });
      const started = performance.now();
      await first.down('R4'); // due, nothing waiting: rebuilt before it returns
      await joinB('S4'); // due too, but one rebuild just started: queued
      const refreshed = () => first.platform.named('refreshReview').map((c) => c.view.review.question);
      expect(refreshed()).toEqual(['Why does login loop?']);
      await vi.waitFor(() => expect(refreshed()).toHaveLength(2), { timeout: 4000 });
      expect(refreshed()[1]).toBe('Why is the chart blank?');
      expect(performance.now() - started).toBeGreaterThanOrEqual(900);
    });

    it('a resolution drops the pending refresh: the resolved root keeps no buttons', async () => {
      const { core, platform, down, reviewId } = await posted('Why is my seat count wrong?');
      await down('R4');
      await core.resolveReview({
        reviewId,
        actor: { platform: 'slack', userId: 'UMOD', isModerator: true },
        action: 'dismiss',
      });
      await sleep(INTERVAL * 2);
      expect(platform.named('refreshReview')).toEqual([]);
      expect(platform.named('markResolved')).toHaveLength(1);
    });

    it('close() sends the pending refreshes at once and none after', async () => {
      const { core, platform, down } = await posted('Why is the API slow?');
      await down('R4');
      expect(platform.named('refreshReview')).toEqual([]);
      await core.close();
      expect(platform.named('refreshReview')).toHaveLength(1);
      expect(platform.named('refreshReview')[0]!.view.related).toHaveLength(4);
      await down('R5');
      await sleep(INTERVAL * 2);
      expect(platform.named('refreshReview')).toHaveLength(1);
    });
  });
}
