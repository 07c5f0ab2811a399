import { describe, expect, it } from 'vitest';
import { summarizeDay } from '../../../src/core/insights/day-summary.ts';
import type { FeedbackStore, FeedbackWrite, NewInteraction } from '../../../src/core/ports.ts';
import { feedbackOf } from '../feedback-of.ts';
import { digestContract } from './digest-contract.ts';
import { embeddingsContract } from './embeddings-contract.ts';
import { exportContract } from './export-contract.ts';
import { hourBucketsContract } from './hour-buckets-contract.ts';
import { leaseContract } from './lease-contract.ts';
import { privacyContract } from './privacy-contract.ts';

const T0 = new Date('2026-11-02T10:00:00Z');
const later = (ms: number) => new Date(T0.getTime() + ms);

const vote = (over: Partial<FeedbackWrite> = {}): FeedbackWrite =>
  ({
    interactionId: 'a'.repeat(24),
    patternKey: 'p',
    platform: 'slack',
    userId: 'U1',
    reasons: [],
    kind: 'vote',
    value: 'down',
    ...over,
  }) as FeedbackWrite;

const interaction = (over: Partial<NewInteraction> = {}): NewInteraction => ({
  patternKey: 'p',
  question: 'How do I reset my password?',
  answer: 'Like this.',
  ref: { platform: 'slack', userId: 'U-ASK', channelId: 'C1' },
  answerer: 'fixed',
  sources: [],
  failed: false,
  createdAt: T0,
  ...over,
});

/**
 * What every FeedbackStore must do, whatever holds the data. Run against the MongoDB store on the
 * real server and against the in-memory store; `fresh` gives an empty store per test.
 */
export function storeContract(name: string, fresh: () => Promise<FeedbackStore>) {
  describe(`FeedbackStore contract: ${name}`, () => {
    it('interactions: insert, get, getMany, message refs, day buckets, threads', async () => {
      const s = await fresh();
      const a = await s.interactions.insert(interaction({ threadKey: 'slack:C1:1.0' }));
      const b = await s.interactions.insert(
        interaction({ createdAt: later(60_000), threadKey: 'slack:C1:1.0', question: 'And then?' }),
      );
      expect(a.id).toMatch(/^[0-9a-f]{24}$/);
      expect((await s.interactions.get(a.id))?.question).toBe('How do I reset my password?');
      expect(await s.interactions.get('f'.repeat(24))).toBeNull();
      expect((await s.interactions.getMany([a.id, b.id, a.id])).map((i) => i.id).sort()).toEqual(
        [a.id, b.id].sort(),
      );
      await s.interactions.setMessageRef(a.id, { messageId: 'M1' });
      expect((await s.interactions.get(a.id))?.ref).toMatchObject({ channelId: 'C1', messageId: 'M1' });
      expect(await s.interactions.timesOnDay('2026-11-02')).toHaveLength(2);
      expect(await s.interactions.timesOnDay('2026-11-03')).toHaveLength(0);
      expect((await s.interactions.inThread('slack:C1:1.0', 1)).map((i) => i.id)).toEqual([b.id]);
    });

    it('feedback: created, unchanged, updated; one row per interaction+user+kind; comments cleared', async () => {
      const s = await fresh();
      expect((await s.feedback.upsert(vote({ comment: 'wrong' }), T0)).status).toBe('created');
      expect((await s.feedback.upsert(vote({ comment: 'wrong' }), later(1))).status).toBe('unchanged');
      const changed = await s.feedback.upsert(vote({ value: 'up' }), later(2));
      expect(changed.status).toBe('updated');
      expect(changed.feedback).toMatchObject({ value: 'up', createdAt: T0, updatedAt: later(2) });
      expect(changed.feedback.comment).toBeUndefined();
      expect((await feedbackOf(s, 'a'.repeat(24))).length).toBe(1);
    });

    it('feedback: an identical redelivery writes nothing; a vote changed days later stays in the buckets of the day it was cast', async () => {
      const s = await fresh();
      const DAY = 86_400_000;
      await s.feedback.upsert(vote({ value: 'up' }), T0);
      const again = await s.feedback.upsert(vote({ value: 'up' }), later(DAY));
      expect(again).toMatchObject({ status: 'unchanged', feedback: { updatedAt: T0 } });
      expect((await feedbackOf(s, 'a'.repeat(24)))[0]?.updatedAt).toEqual(T0);
      const down = await s.feedback.upsert(vote({ value: 'down' }), later(2 * DAY));
      expect(down).toMatchObject({
        status: 'updated',
        feedback: { createdAt: T0, updatedAt: later(2 * DAY) },
      });
      expect((await s.feedback.negativeOnDay('2026-11-02')).map((f) => f.value)).toEqual(['down']);
      expect(await s.feedback.negativeOnDay('2026-11-04')).toEqual([]);
      const fix = vote({ kind: 'correction', value: 'Use the Orders page.' });
      await s.feedback.upsert(fix, T0);
      await s.feedback.upsert(
        vote({ kind: 'correction', value: 'Use the Orders page, top right.' }),
        later(3 * DAY),
      );
      expect((await s.feedback.correctionsOnDay('2026-11-02')).map((f) => f.value)).toEqual([
        'Use the Orders page, top right.',
      ]);
      expect(await s.feedback.correctionsOnDay('2026-11-05')).toEqual([]);
    });

    it('feedback: concurrent identical deliveries are created once', async () => {
      const s = await fresh();
      const f = vote({ interactionId: 'b'.repeat(24) });
      const results = await Promise.all(Array.from({ length: 8 }, () => s.feedback.upsert(f, T0)));
      expect(results.filter((r) => r.status === 'created')).toHaveLength(1);
      expect((await feedbackOf(s, 'b'.repeat(24))).length).toBe(1);
    });

    it("feedback: a review's linked items, all or one kind", async () => {
      const s = await fresh();
      const r = 'r'.repeat(24);
      const down = await s.feedback.upsert(vote({ userId: 'U4' }), later(1000));
      const fix = await s.feedback.upsert(
        vote({ userId: 'U9', kind: 'correction', value: 'Fixed.' }),
        later(9000),
      );
      await s.feedback.linkToReview(fix.feedback.id, r);
      await s.feedback.linkToReview(down.feedback.id, r);
      expect((await s.feedback.forReview(r)).map((f) => f.userId)).toEqual(['U9', 'U4']);
      expect((await s.feedback.forReview(r, 'correction')).map((f) => f.userId)).toEqual(['U9']);
      const byId = await s.feedback.getMany([
        fix.feedback.id,
        'no-such-id',
        fix.feedback.id,
        down.feedback.id,
      ]);
      expect(byId.map((f) => f.userId).sort()).toEqual(['U4', 'U9']);
      expect(await s.feedback.getMany([])).toEqual([]);
    });

    it('feedback: pattern window newest first, review links, day and negative buckets', async () => {
      const s = await fresh();
      for (let i = 0; i < 5; i++)
        await s.feedback.upsert(vote({ userId: `U${i}`, value: i % 2 ? 'up' : 'down' }), later(i * 1000));
      const recent = await s.feedback.recentForPattern('p', 3);
      expect(recent.map((f) => f.userId)).toEqual(['U4', 'U3', 'U2']);
      await s.feedback.linkToReview(recent[0]!.id, 'r'.repeat(24));
      expect((await s.feedback.forReview('r'.repeat(24))).map((f) => f.userId)).toEqual(['U4']);
      expect(await s.feedback.onDay('2026-11-02')).toHaveLength(5);
      expect((await s.feedback.negativeOnDay('2026-11-02')).map((f) => f.userId).sort()).toEqual([
        'U0',
        'U2',
        'U4',
      ]);
      // A vote turned positive leaves the negative bucket.
      await s.feedback.upsert(vote({ userId: 'U0', value: 'up' }), later(10_000));
      expect(await s.feedback.negativeOnDay('2026-11-02')).toHaveLength(2);
    });

    it("feedback: a busy pattern's window comes from its recent days, newest first", async () => {
      const s = await fresh();
      const now = Date.now();
      await s.feedback.upsert(vote({ patternKey: 'busy', userId: 'OLD' }), new Date(now - 10 * 86_400_000));
      for (let i = 0; i < 12; i++)
        await s.feedback.upsert(
          vote({ patternKey: 'busy', userId: `N${i}` }),
          new Date(now - (12 - i) * 1000),
        );
      const recent = await s.feedback.recentForPattern('busy', 10);
      expect(recent.map((f) => f.userId)).toEqual(Array.from({ length: 10 }, (_, i) => `N${11 - i}`));
      // A quiet pattern is read whole: its old feedback still fills the window.
      expect((await s.feedback.recentForPattern('p', 10)).length).toBe(0);
      await s.feedback.upsert(vote({ patternKey: 'quiet', userId: 'Q' }), new Date(now - 20 * 86_400_000));
      expect((await s.feedback.recentForPattern('quiet', 10)).map((f) => f.userId)).toEqual(['Q']);
    });

    it('reviews: tallies stored while a thread is posted (two instances) leave the thread and the tally', async () => {
      const s = await fresh();
      const tally = { related: 1, corrections: 0, at: T0 };
      for (let i = 0; i < 10; i++) {
        const init = { patternKey: `race${i}`, interactionId: 'c'.repeat(24), question: 'Q?' };
        const { review } = await s.reviews.openOrJoin(init, T0);
        // FerretDB rewrites an updated document whole: the tally must not share the review's.
        await Promise.all([
          s.reviews.setTally(review.id, tally),
          s.reviews.addThread(review.id, { platform: 'slack', channelId: 'C-MOD', messageId: `${i}.1` }),
          s.reviews.setTally(review.id, { ...tally, related: 2 }),
        ]);
        const after = await s.reviews.get(review.id);
        expect(after?.threads.map((t) => t.messageId)).toEqual([`${i}.1`]);
        expect(after?.tally?.corrections).toBe(0);
      }
    });

    it('reviews: one open per pattern, claim once, close, day buckets, appended audit', async () => {
      const s = await fresh();
      const init = { patternKey: 'p', interactionId: 'a'.repeat(24), question: 'Q?' };
      const opened = await Promise.all([s.reviews.openOrJoin(init, T0), s.reviews.openOrJoin(init, T0)]);
      expect(opened.filter((o) => o.created)).toHaveLength(1);
      expect(opened[0]!.review.id).toBe(opened[1]!.review.id);
      const id = opened[0]!.review.id;
      expect((await s.reviews.findOpen('p'))?.id).toBe(id);
      await s.reviews.addThread(id, { platform: 'slack', channelId: 'C-MOD', messageId: '1.1' });
      const tally = {
        related: 4,
        corrections: 2,
        firstCorrectionAt: T0,
        newestCorrectionId: 'f1',
        at: later(5),
      };
      await s.reviews.setTally(id, tally);
      await s.reviews.setTally(id, { ...tally, related: 5 });
      expect((await s.reviews.get(id))?.tally).toEqual({ ...tally, related: 5 });
      expect((await s.reviews.list({ status: 'open' })).find((r) => r.id === id)?.tally?.related).toBe(5);
      const resolution = {
        action: 'dismiss' as const,
        actor: { platform: 'slack' as const, userId: 'M1' },
        at: later(3_600_000),
      };
      expect(await s.reviews.claimResolution(id, resolution)).toEqual({ claimed: true });
      const second = await s.reviews.claimResolution(id, { ...resolution, at: later(1) });
      expect(second).toMatchObject({ claimed: false, existing: { at: resolution.at } });
      const closed = await s.reviews.close(id, resolution);
      expect(closed).toMatchObject({ status: 'dismissed', threads: [{ messageId: '1.1' }] });
      expect(await s.reviews.findOpen('p')).toBeNull();
      expect((await s.reviews.list({ status: 'dismissed' })).map((r) => r.id)).toEqual([id]);
      expect((await s.reviews.openedOnDay('2026-11-02')).map((r) => r.id)).toEqual([id]);
      expect((await s.reviews.closedOnDay('2026-11-02')).map((r) => r.id)).toEqual([id]);
      await s.reviews.addAudit(id, { at: later(7_200_000), event: 'refused', detail: 'x' } as never);
      const trail = await s.reviews.auditTrail(id);
      expect(trail.map((e) => e.event).sort()).toEqual(['dismissed', 'opened', 'posted', 'refused']);
      expect(trail.map((e) => e.at.getTime())).toEqual(
        trail.map((e) => e.at.getTime()).sort((x, y) => x - y),
      );
      const again = await s.reviews.openOrJoin(init, later(9_000_000));
      expect(again.created).toBe(true);
    });

    it('knowledge and instructions: versions, latest, history, freshness signature', async () => {
      const s = await fresh();
      const before = await s.knowledge.signature();
      const v1 = await s.knowledge.seed({ patternKey: 'p', question: 'Q?', answer: 'A1' }, T0);
      expect((await s.knowledge.seed({ patternKey: 'p', question: 'Q?', answer: 'A1' }, T0)).id).toBe(v1.id);
      const v2 = await s.knowledge.add(
        {
          patternKey: 'p',
          question: 'Q?',
          answer: 'A2',
          source: 'correction',
          sourceFeedbackIds: [],
          reviewId: 'r1',
        },
        later(1),
      );
      expect([v1.version, v2.version]).toEqual([1, 2]);
      expect(await s.knowledge.signature()).not.toBe(before);
      expect((await s.knowledge.latestForPattern('p'))?.answer).toBe('A2');
      expect((await s.knowledge.history('p')).map((e) => e.version)).toEqual([2, 1]);
      expect((await s.knowledge.listLatest()).map((e) => e.answer)).toEqual(['A2']);
      expect((await s.knowledge.forReview('r1'))?.id).toBe(v2.id);
      expect((await s.knowledge.get(v1.id))?.answer).toBe('A1');
      expect(await s.instructions.current()).toBeNull();
      await s.instructions.add('Be brief.', undefined, undefined, T0);
      await s.instructions.add('Be kind.', { platform: 'web', userId: 'M' }, 'r2', later(1));
      expect((await s.instructions.current())?.version).toBe(2);
      expect((await s.instructions.history()).map((v) => v.text)).toEqual(['Be kind.', 'Be brief.']);
      expect((await s.instructions.forReview('r2'))?.text).toBe('Be kind.');
    });

    it('deliveries are claimed once; a day summary is kept once and can be dropped', async () => {
      const s = await fresh();
      const claims = await Promise.all([s.deliveries.claim('k', T0), s.deliveries.claim('k', T0)]);
      expect(claims.filter(Boolean)).toHaveLength(1);
      expect(await s.deliveries.claim('k', later(1))).toBe(false);
      const a = summarizeDay('2026-11-01', [], []);
      const b = {
        ...summarizeDay('2026-11-01', [], []),
        patterns: [{ patternKey: 'x', negative: 1, total: 1, interactionId: 'i' }],
      };
      expect(await s.rollups.get('2026-11-01')).toBeNull();
      expect(await s.rollups.put(a)).toEqual(a);
      expect(await s.rollups.put(b)).toEqual(a);
      await s.rollups.invalidate('2026-11-01');
      expect(await s.rollups.get('2026-11-01')).toBeNull();
    });

    hourBucketsContract(fresh);
    digestContract(fresh);
    leaseContract(fresh);
    exportContract(fresh);
    privacyContract(fresh);
    embeddingsContract(fresh);
  });
}
