import { describe, expect, it, vi } from 'vitest';
import { pendingCorrections } from '../../../src/core/insights/pending-corrections.ts';
import type { FeedbackStore } from '../../../src/core/ports.ts';
import { createMemoryFeedbackStore } from '../../../src/store/memory-feedback-store.ts';
import { asker, makeCore } from '../../helpers/core.ts';
import { openTestStore } from '../../helpers/db.ts';

const STORES: [string, () => Promise<FeedbackStore>][] = [
  ['in-memory store', async () => createMemoryFeedbackStore()],
  ['MongoDB store on the real server', () => openTestStore('pending_corrections')],
];

for (const [name, open] of STORES) {
  describe(`corrections waiting in open reviews (${name})`, () => {
    it("reads each review's tally and newest correction, not every correction; the same as a full read", async () => {
      const store = await open();
      const { core, clock } = makeCore(store, { reviewRefreshMs: 0 });
      const correct = async (interactionId: string, userId: string, value: string) => {
        clock.advance(60_000);
        return core.recordFeedback({
          interactionId,
          platform: 'slack',
          userId,
          userName: userId,
          kind: 'correction',
          value,
        });
      };
      const refunds = await core.answer('What is the refund policy?', asker());
      const first = await correct(refunds.id, 'Ada', 'Refunds within 30 days.');
      const office = await core.answer('Where is the office?', asker());
      await correct(office.id, 'Bo', 'Floor 3, not 2.');
      await correct(refunds.id, 'Cy', 'Refunds within 14 days.');
      await correct(refunds.id, 'Di', 'Refunds within 14 days, receipts needed.');

      const reviews = await store.reviews.list({ status: 'open' });
      expect(reviews.map((r) => r.tally?.corrections).sort()).toEqual([1, 3]);
      const forReview = vi.spyOn(store.feedback, 'forReview');
      const pending = await pendingCorrections(store, reviews);
      expect(forReview).not.toHaveBeenCalled();
      forReview.mockRestore();
      expect(pending).toMatchObject([
        {
          question: 'What is the refund policy?',
          count: 3,
          text: 'Refunds within 14 days, receipts needed.',
          userName: 'Di',
          since: first.feedback.updatedAt,
        },
        { question: 'Where is the office?', count: 1, text: 'Floor 3, not 2.', userName: 'Bo' },
      ]);
      // A review without a tally (opened before tallies existed) is read whole, with the same result.
      const untallied = reviews.map(({ tally: _, ...r }) => r);
      expect(await pendingCorrections(store, untallied)).toEqual(pending);
    });

    it('a tally is at most one refresh behind: a correction joining inside the interval counts once it ends', async () => {
      const store = await open();
      const { core, clock } = makeCore(store, { reviewRefreshMs: 60_000 });
      const a = await core.answer('How do I export invoices?', asker());
      const correct = (userId: string, value: string) => {
        clock.advance(60_000);
        return core.recordFeedback({
          interactionId: a.id,
          platform: 'slack',
          userId,
          kind: 'correction',
          value,
        });
      };
      const reviewId = (await correct('E1', 'Use Billing → Export.')).review!.id;
      await correct('E2', 'Use Billing → Export → CSV.');
      const pendingOf = async () => pendingCorrections(store, [(await store.reviews.get(reviewId))!]);
      expect((await pendingOf())[0]).toMatchObject({ count: 1, text: 'Use Billing → Export.' });
      await core.close(); // the pending refresh goes out now
      expect((await pendingOf())[0]).toMatchObject({ count: 2, text: 'Use Billing → Export → CSV.' });
    });
  });
}
