import { describe, expect, it, vi } from 'vitest';
import type { FeedbackStore } from '../../src/core/ports.ts';
import { SUGGESTED_ACTIONS } from '../../src/core/review-policy.ts';
import { describeSource } from '../../src/core/review-view.ts';
import { createMemoryFeedbackStore } from '../../src/store/memory-feedback-store.ts';
import { asker, makeCore } from '../helpers/core.ts';
import { openTestStore } from '../helpers/db.ts';
import { feedbackOf } from '../store/feedback-of.ts';

const STORES: [string, () => Promise<FeedbackStore>][] = [
  ['in-memory store', async () => createMemoryFeedbackStore()],
  ['MongoDB store on the real server', () => openTestStore('core')],
];

for (const [name, open] of STORES) {
  const store = await open();
  const { core, platform } = makeCore(store);
  const down = (interactionId: string, userId: string, extra: object = {}) =>
    core.recordFeedback({ interactionId, platform: 'slack', userId, kind: 'vote', value: 'down', ...extra });

  describe(`FeedbackCore (${name})`, () => {
    it('records an interaction with its pattern key and the answerer', async () => {
      const i = await core.answer('How do I reset my password?', asker());
      expect(i.id).toMatch(/^[0-9a-f]{24}$/);
      expect(i.answer).toBe('The answer.');
      expect(i.patternKey).toBe(await core.patternKey('password reset — how?'));
      expect((await store.interactions.get(i.id))?.question).toBe('How do I reset my password?');
    });

    it('three 👎 on one pattern open exactly one review, later ones append to it', async () => {
      const a = await core.answer('What is the refund policy?', asker());
      const b = await core.answer('refund policy?', asker());
      await core.recordFeedback({
        interactionId: a.id,
        platform: 'slack',
        userId: 'U1',
        kind: 'vote',
        value: 'up',
      });
      expect((await down(a.id, 'U2')).review).toBeUndefined(); // 1 of 2 negative: under min samples
      const third = await down(b.id, 'U3'); // 2 of 3 negative > 0.3
      expect(third.review?.created).toBe(true);
      const fourth = await down(b.id, 'U4');
      expect(fourth.review).toEqual({ id: third.review!.id, created: false });
      expect(platform.named('postReview').filter((c) => c.view.review.id === third.review!.id)).toHaveLength(
        1,
      );
      const appended = platform.named('appendToReview').filter((c) => c.item.reviewId === third.review!.id);
      expect(appended).toHaveLength(1);
      expect(appended[0]!.item.summary).toContain('U4 voted 👎');
      expect(appended[0]!.item.window).toEqual({ negative: 3, total: 4, size: 10 });
      const view = await core.getReviewView(third.review!.id);
      expect(view.related.map((f) => f.userId).sort()).toEqual(['U2', 'U3', 'U4']);
      expect(view.window).toEqual({ negative: 3, total: 4, size: 10 });
      expect(view.suggestedAction).toBe(SUGGESTED_ACTIONS.instructions);
      expect(view.answerSource).toBe('fixed · no knowledge entry');
      expect(view.review.threads).toHaveLength(1);
    });

    it('a 👎 that joins an open review reads no interaction and links only itself', async () => {
      const a = await core.answer('Can I pay by invoice?', asker());
      const b = await core.answer('pay by invoice?', asker());
      await down(a.id, 'V1');
      await down(a.id, 'V2');
      const opened = (await down(a.id, 'V3')).review!;
      expect(opened.created).toBe(true);
      const reads = vi.spyOn(store.interactions, 'get');
      const links = vi.spyOn(store.feedback, 'linkToReview');
      try {
        const joined = await down(b.id, 'V4');
        expect(joined.review).toEqual({ id: opened.id, created: false });
        // The review view still reads the review's own interaction (its answer excerpt), not b's.
        expect(reads.mock.calls.map(([id]) => id)).not.toContain(b.id);
        expect(links.mock.calls).toEqual([[joined.feedback.id, opened.id]]);
      } finally {
        reads.mockRestore();
        links.mockRestore();
      }
      const view = await core.getReviewView(opened.id);
      expect(view.related.map((f) => f.userId).sort()).toEqual(['V1', 'V2', 'V3', 'V4']);
    });

    it('a repeated delivery changes nothing; a changed vote replaces the old one', async () => {
      const i = await core.answer('Where is the office?', asker());
      await down(i.id, 'U1', { reasons: ['outdated'] });
      const again = await down(i.id, 'U1', { reasons: ['outdated'] });
      expect(again.status).toBe('unchanged');
      const changed = await core.recordFeedback({
        interactionId: i.id,
        platform: 'slack',
        userId: 'U1',
        kind: 'vote',
        value: 'up',
      });
      expect(changed.status).toBe('updated');
      const rows = await store.feedback.recentForPattern(i.patternKey, 10);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ value: 'up', reasons: [] });
    });

    it('concurrent duplicate deliveries of one vote count once and raise nothing twice', async () => {
      const i = await core.answer('Can I pay by invoice?', asker());
      const outcomes = await Promise.all(Array.from({ length: 6 }, () => down(i.id, 'DUP')));
      expect(outcomes.filter((o) => o.status === 'created')).toHaveLength(1);
      expect(outcomes.filter((o) => o.status === 'unchanged')).toHaveLength(5);
      expect((await feedbackOf(store, i.id)).length).toBe(1);
    });

    it('every correction raises a review with the corrections action, and ratings <= 2 count as negative', async () => {
      const i = await core.answer('Which plan includes SSO?', asker());
      const out = await core.recordFeedback({
        interactionId: i.id,
        platform: 'slack',
        userId: 'U7',
        userName: 'Ada',
        kind: 'correction',
        value: 'The Enterprise plan includes SSO.',
      });
      expect(out.review?.created).toBe(true);
      const view = await core.getReviewView(out.review!.id);
      expect(view.suggestedAction).toBe(SUGGESTED_ACTIONS.corrections);
      expect(view.corrections[0]).toMatchObject({
        text: 'The Enterprise plan includes SSO.',
        userName: 'Ada',
      });
      await core.recordFeedback({
        interactionId: i.id,
        platform: 'slack',
        userId: 'U8',
        kind: 'rating',
        value: 2,
      });
      await core.recordFeedback({
        interactionId: i.id,
        platform: 'slack',
        userId: 'U9',
        kind: 'rating',
        value: 1,
      });
      expect((await core.getReviewView(out.review!.id)).related).toHaveLength(3);
    });

    it('priority turns high when more than 5 related feedback items back a review', async () => {
      const i = await core.answer('How long is shipping?', asker());
      let id = '';
      for (let u = 1; u <= 5; u++) id = (await down(i.id, `S${u}`)).review?.id ?? id;
      // The review opened at the third 👎 and took the two earlier ones with it.
      expect((await core.getReviewView(id)).related).toHaveLength(5);
      expect((await core.getReviewView(id)).priority).toBe('medium');
      await down(i.id, 'S6');
      expect((await core.getReviewView(id)).priority).toBe('high');
    });

    it('two concurrent triggers open one review', async () => {
      const i = await core.answer('Is there a student discount?', asker());
      const results = await Promise.all(
        ['X1', 'X2', 'X3', 'X4'].map((u) =>
          core.recordFeedback({
            interactionId: i.id,
            platform: 'slack',
            userId: u,
            kind: 'correction',
            value: `fix by ${u}`,
          }),
        ),
      );
      const ids = new Set(results.map((r) => r.review?.id));
      expect(ids.size).toBe(1);
      expect(results.filter((r) => r.review?.created)).toHaveLength(1);
      expect(
        (await store.reviews.list({ status: 'open', limit: 1000 })).filter(
          (r) => r.patternKey === i.patternKey,
        ).length,
      ).toBe(1);
      expect((await core.getReviewView([...ids][0])).related).toHaveLength(4);
      expect(
        platform.named('postReview').filter((c) => c.view.review.patternKey === i.patternKey),
      ).toHaveLength(1);
    });

    it('refuses bad input with a clear invalid_input error and stores nothing', async () => {
      const i = await core.answer('What is heed?', asker());
      const bad = [
        { interactionId: 'not-an-id', platform: 'slack', userId: 'U1', kind: 'vote', value: 'down' },
        { interactionId: i.id, platform: 'slack', userId: 'U1', kind: 'vote', value: 'sideways' },
        { interactionId: i.id, platform: 'slack', userId: 'U1', kind: 'rating', value: 6 },
        { interactionId: i.id, platform: 'slack', userId: 'U1', kind: 'correction', value: '   ' },
        { interactionId: i.id, platform: 'slack', userId: 'U1', kind: 'correction', value: 'x'.repeat(4001) },
        { interactionId: { $gt: '' }, platform: 'slack', userId: 'U1', kind: 'vote', value: 'down' },
        { interactionId: i.id, platform: 'slack', userId: 'U1', kind: 'vote', value: 'down', $where: '1' },
      ];
      for (const b of bad)
        await expect(core.recordFeedback(b)).rejects.toMatchObject({ code: 'invalid_input' });
      await expect(
        core.recordFeedback({
          interactionId: 'f'.repeat(24),
          platform: 'slack',
          userId: 'U1',
          kind: 'vote',
          value: 'up',
        }),
      ).rejects.toMatchObject({ code: 'not_found' });
      expect((await feedbackOf(store, i.id)).length).toBe(0);
      await expect(core.answer('   ', asker())).rejects.toMatchObject({ code: 'invalid_input' });
    });
  });
}

describe('describeSource', () => {
  it('names the answerer, model and knowledge versions behind an answer', () => {
    const sources = [{ knowledgeId: 'k1', version: 2, title: 'How do I reset my password?' }];
    expect(describeSource({ answerer: 'openai', model: 'gpt-4o-mini', sources, failed: false })).toBe(
      'openai (gpt-4o-mini) · from “How do I reset my password?” v2',
    );
    expect(describeSource({ answerer: 'openai', sources: [], failed: true })).toBe(
      'openai · no knowledge entry · the answerer failed',
    );
  });
});
