import { describe, expect, it } from 'vitest';
import { HeedError } from '../../src/core/errors.ts';
import type { FeedbackStore } from '../../src/core/ports.ts';
import { createMemoryFeedbackStore } from '../../src/store/memory-feedback-store.ts';
import { asker, makeCore } from '../helpers/core.ts';
import { openTestStore } from '../helpers/db.ts';

const STORES: [string, () => Promise<FeedbackStore>][] = [
  ['in-memory store', async () => createMemoryFeedbackStore()],
  ['MongoDB store on the real server', () => openTestStore('core')],
];

for (const [name, open] of STORES) {
  const store = await open();
  const { core, platform, clock } = makeCore(store);

  describe(`FeedbackCore resolutions (${name})`, () => {
    it('applies a correction as a versioned knowledge entry, once', async () => {
      const i = await core.answer('What are the support hours?', asker());
      const out = await core.recordFeedback({
        interactionId: i.id,
        platform: 'slack',
        userId: 'U1',
        kind: 'correction',
        value: '9-17 CET',
      });
      clock.advance(60_000);
      const actor = { platform: 'slack' as const, userId: 'MOD1', name: 'Mo', isModerator: true };
      const view = await core.resolveReview({
        reviewId: out.review!.id,
        actor,
        action: 'apply_correction',
        text: 'Support: 9:00-17:00 CET.',
      });
      expect(view.review.status).toBe('resolved');
      expect(view.review.resolution).toMatchObject({
        action: 'apply_correction',
        actor,
        knowledgeVersion: 1,
      });
      expect(view.outcome).toBe('Mo applied the correction to the knowledge base (version 1).');
      const entry = await store.knowledge.latestForPattern(i.patternKey);
      expect(entry).toMatchObject({
        answer: 'Support: 9:00-17:00 CET.',
        version: 1,
        approvedBy: actor,
        reviewId: out.review!.id,
      });
      expect(entry?.sourceFeedbackIds).toEqual([out.feedback.id]);
      expect(platform.named('markResolved').some((c) => c.view.review.id === out.review!.id)).toBe(true);
      await expect(
        core.resolveReview({ reviewId: out.review!.id, actor, action: 'dismiss' }),
      ).rejects.toMatchObject({
        code: 'already_resolved',
        message: 'This review was already resolved by Mo.',
      });
      // A new correction on the same pattern opens a new review (the old one is closed) and a second version.
      const again = await core.recordFeedback({
        interactionId: i.id,
        platform: 'slack',
        userId: 'U2',
        kind: 'correction',
        value: 'Weekends too',
      });
      expect(again.review?.created).toBe(true);
      await core.resolveReview({
        reviewId: again.review!.id,
        actor,
        action: 'apply_correction',
        text: 'Support: 9-17 CET, weekends 10-14.',
      });
      expect((await store.knowledge.history(i.patternKey)).map((e) => e.version)).toEqual([2, 1]);
    });

    it('completes a resolution whose resolver died after claiming it, and never writes it twice', async () => {
      const i = await core.answer('Where do I find the API docs?', asker());
      const out = await core.recordFeedback({
        interactionId: i.id,
        platform: 'slack',
        userId: 'U1',
        kind: 'correction',
        value: 'At /docs',
      });
      const reviewId = out.review!.id;
      const first = { platform: 'slack' as const, userId: 'MOD-A', isModerator: true };
      // MOD-A's resolver claimed the review and crashed before writing anything else.
      await store.reviews.claimResolution(reviewId, {
        action: 'apply_correction',
        actor: first,
        at: clock.now(),
        text: 'API docs: /docs/api',
      });
      const second = { platform: 'slack' as const, userId: 'MOD-B', isModerator: true };
      const attempt = { reviewId, actor: second, action: 'apply_correction', text: 'something else' };
      // Within the grace period the first resolver may still be working: refuse, change nothing.
      await expect(core.resolveReview(attempt)).rejects.toMatchObject({ code: 'already_resolved' });
      expect((await store.reviews.get(reviewId))?.status).toBe('open');
      // Later, the first decision is completed (not the second one), once.
      clock.advance(120_000);
      await expect(core.resolveReview(attempt)).rejects.toMatchObject({ code: 'already_resolved' });
      await expect(core.resolveReview(attempt)).rejects.toMatchObject({ code: 'already_resolved' });
      const review = await store.reviews.get(reviewId);
      expect(review?.status).toBe('resolved');
      expect(review?.resolution).toMatchObject({ actor: first, knowledgeVersion: 1 });
      const history = await store.knowledge.history(i.patternKey);
      expect(history.map((e) => e.answer)).toEqual(['API docs: /docs/api']);
    });

    it('updates instructions as a new version, and refuses a resolution without an actor', async () => {
      const i = await core.answer('Tell me a joke', asker());
      const out = await core.recordFeedback({
        interactionId: i.id,
        platform: 'slack',
        userId: 'U1',
        kind: 'correction',
        value: 'be serious',
      });
      await expect(
        core.resolveReview({ reviewId: out.review!.id, action: 'update_instructions', text: 'x' }),
      ).rejects.toBeInstanceOf(HeedError);
      await expect(
        core.resolveReview({
          reviewId: out.review!.id,
          actor: { platform: 'slack', userId: 'N', isModerator: false },
          action: 'dismiss',
        }),
      ).rejects.toMatchObject({ code: 'forbidden' });
      await core.resolveReview({
        reviewId: out.review!.id,
        actor: { platform: 'slack', userId: 'M', isModerator: true },
        action: 'update_instructions',
        text: 'Be concise.',
      });
      expect(await core.currentInstructions()).toBe('Be concise.');
    });
  });
}
