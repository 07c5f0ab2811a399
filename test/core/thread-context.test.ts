import { describe, expect, it } from 'vitest';
import { FeedbackCore } from '../../src/core/feedback-core.ts';
import type { Answerer, AnswerRequest } from '../../src/core/ports.ts';
import { historyFrom, threadKeyOf } from '../../src/core/thread-context.ts';
import type { ConversationRef, Interaction } from '../../src/core/types.ts';
import { createMemoryFeedbackStore } from '../../src/store/memory-feedback-store.ts';
import { ManualClock, memoryLogger } from '../helpers/fakes.ts';

const store = createMemoryFeedbackStore();
const seen: AnswerRequest[] = [];
let fail = false;
const answerer: Answerer = {
  answer: async (req) => {
    seen.push(req);
    return { text: fail ? 'fallback' : `A${seen.length}`, sources: [], answerer: 't', failed: fail };
  },
};
const clock = new ManualClock();
const core = new FeedbackCore({ store, answerer, clock, logger: memoryLogger(), history: { turns: 3 } });
const ref = (threadId: string): ConversationRef => ({
  platform: 'slack',
  userId: 'U1',
  channelId: 'C1',
  threadId,
});
const ask = async (q: string, r: ConversationRef) => {
  clock.advance(1000);
  return core.answer(q, r);
};

describe('thread context in the core', () => {
  it('keys only questions asked inside a thread', () => {
    expect(threadKeyOf(ref('171.1'))).toBe('slack:C1:171.1');
    expect(threadKeyOf({ platform: 'slack', userId: 'U1', channelId: 'C1' })).toBeUndefined();
  });

  it('sends at most HEED_HISTORY_TURNS earlier turns, newest kept, oldest first; failed turns are skipped', async () => {
    const ids: string[] = [];
    for (const q of ['q1', 'q2', 'q3', 'q4']) ids.push((await ask(q, ref('t-1'))).id);
    fail = true;
    await ask('q5 fails', ref('t-1'));
    fail = false;
    const last = await ask('q6', ref('t-1'));
    expect(seen.at(-1)!.history!.map((t) => t.text)).toEqual(['q2', 'A2', 'q3', 'A3', 'q4', 'A4']);
    expect(last.contextIds).toEqual(ids.slice(1));
    expect((await store.interactions.get(last.id))?.contextIds).toEqual(ids.slice(1));
  });

  it('keeps the newest turns within the character budget', () => {
    const at = (n: number, q: string, a: string) =>
      ({ id: `i${n}`, question: q, answer: a, failed: false, createdAt: new Date(n * 1000) }) as Interaction;
    const turns = [at(1, 'x'.repeat(50), 'y'.repeat(50)), at(2, 'old?', 'old.'), at(3, 'new?', 'new.')];
    expect(historyFrom(turns, { turns: 6, chars: 20 }).contextIds).toEqual(['i2', 'i3']);
    expect(historyFrom(turns, { turns: 6, chars: 7 }).contextIds).toEqual([]);
    expect(historyFrom(turns, { turns: 0, chars: 8000 }).history).toEqual([]);
  });

  it("an answer your own bot recorded (recordInteraction) is context for heed's next answer in the thread", async () => {
    clock.advance(1000);
    const own = await core.recordInteraction({
      question: 'Where is the VPN guide?',
      answer: 'On the IT wiki, under Remote work.',
      ref: ref('t-3'),
      answerer: 'team-bot',
      sources: [],
    });
    const next = await ask('And for the Mac client?', ref('t-3'));
    expect(next.contextIds).toEqual([own.id]);
    expect(seen.at(-1)!.history!.map((t) => t.text)).toEqual([own.question, own.answer]);
    const outside = await core.recordInteraction({
      question: 'Not in a thread',
      answer: 'No key.',
      ref: { platform: 'slack', userId: 'U1', channelId: 'C1' },
      answerer: 'team-bot',
      sources: [],
    });
    expect((await store.interactions.get(outside.id))?.threadKey).toBeUndefined();
  });

  it('a review view carries the thread context of the answer it is about', async () => {
    const a = await ask('How do I get a badge?', ref('t-2'));
    const b = await ask('And a parking pass?', ref('t-2'));
    const review = await store.reviews.openOrJoin(
      { patternKey: b.patternKey, interactionId: b.id, question: b.question },
      clock.now(),
    );
    const view = await core.getReviewView(review.review.id);
    expect(view.context).toEqual([{ question: 'How do I get a badge?', answer: a.answer }]);
  });
});
