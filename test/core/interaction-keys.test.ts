import { describe, expect, it } from 'vitest';
import type { FeedbackStore } from '../../src/core/ports.ts';
import { createMemoryFeedbackStore } from '../../src/store/memory-feedback-store.ts';
import { asker, makeCore } from '../helpers/core.ts';

/** A store that counts reads of single interactions (the click path's avoidable round trip). */
function countingStore(): { store: FeedbackStore; reads: () => number } {
  const store = createMemoryFeedbackStore();
  let reads = 0;
  const get = store.interactions.get.bind(store.interactions);
  store.interactions.get = (id) => {
    reads += 1;
    return get(id);
  };
  return { store, reads: () => reads };
}

const vote = (interactionId: string, userId: string, value: 'up' | 'down') =>
  ({ interactionId, platform: 'slack', userId, kind: 'vote', value }) as const;

describe('the click path reads an interaction only when it must', () => {
  it('a vote on an answer this instance gave reads no interaction', async () => {
    const { store, reads } = countingStore();
    const { core } = makeCore(store);
    const i = await core.answer('How do I reset my password?', asker());
    await core.recordFeedback(vote(i.id, 'U1', 'up'));
    await core.recordFeedback(vote(i.id, 'U2', 'up'));
    expect(reads()).toBe(0);
  });

  it('another instance reads it once, then knows its pattern key', async () => {
    const { store, reads } = countingStore();
    const i = await makeCore(store).core.answer('What is the refund policy?', asker());
    const { core: other } = makeCore(store);
    await other.recordFeedback(vote(i.id, 'U1', 'up'));
    await other.recordFeedback(vote(i.id, 'U2', 'up'));
    expect(reads()).toBe(1);
  });

  it('raising a review reads the interaction fresh (its question as stored now)', async () => {
    const { store, reads } = countingStore();
    const { core } = makeCore(store);
    const i = await core.answer('Where is the VPN guide?', asker());
    for (const u of ['U1', 'U2', 'U3']) await core.recordFeedback(vote(i.id, u, 'down'));
    const review = await core.openReview(i.patternKey);
    expect(review?.question).toBe('Where is the VPN guide?');
    expect(reads()).toBeGreaterThanOrEqual(1);
  });

  it('an unknown interaction is still refused', async () => {
    const { core } = makeCore(countingStore().store);
    await expect(core.recordFeedback(vote('a'.repeat(24), 'U1', 'up'))).rejects.toThrow(/no longer known/);
  });
});
