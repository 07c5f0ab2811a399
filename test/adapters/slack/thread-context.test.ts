import { describe, expect, it } from 'vitest';
import type { Answerer, AnswerRequest } from '../../../src/core/ports.ts';
import { MODS, startSlackHarness } from '../../helpers/slack-harness.ts';
import {
  appMention,
  eventCallback,
  feedbackClick,
  imMessage,
  interactionIdOf,
  textOf,
  user,
} from '../../helpers/slack-payloads.ts';
import { feedbackOf } from '../../store/feedback-of.ts';

const seen: AnswerRequest[] = [];
const answerer: Answerer = {
  answer: async (req) => {
    seen.push(req);
    return { text: `Answer ${seen.length} <b>`, sources: [], answerer: 'test' };
  },
};
const h = await startSlackHarness({ prefix: 'slack_thread', answerer });

const mention = async (text: string, threadTs?: string, u = 'U1') => {
  const event = appMention({ user: u, text: `<@UBOT> ${text}`, ...(threadTs ? { threadTs } : {}) });
  expect((await h.slack.event(eventCallback(event))).status).toBe(200);
  const posted = h.fake.callsTo('chat.postMessage').at(-1)!;
  return { event, posted, interactionId: interactionIdOf(posted) };
};

describe('Slack: thread context through the real Bolt', () => {
  let followUpId = '';
  let firstId = '';

  it('a second mention in the thread reaches the answerer with the first question and answer', async () => {
    const first = await mention('How many vacation days do I get?');
    expect(first.posted.args.thread_ts).toBe(first.event.ts); // answered in the thread it started
    expect(seen.at(-1)!.history).toEqual([]);

    const followUp = await mention('and can I carry them over?', first.event.ts, 'U2');
    expect(followUp.posted.args.thread_ts).toBe(first.event.ts);
    const req = seen.at(-1)!;
    expect(req.question).toBe('and can I carry them over?');
    expect(req.history).toEqual([
      { role: 'user', text: 'How many vacation days do I get?' },
      { role: 'assistant', text: 'Answer 1 <b>' },
    ]);
    expect(req.user).toEqual({ platform: 'slack', id: 'U2' });
    expect(req.conversation).toEqual({ platform: 'slack', channelId: 'CGENERAL', threadId: first.event.ts });

    const stored = await h.store.interactions.get(followUp.interactionId);
    expect(stored).toMatchObject({
      threadKey: `slack:CGENERAL:${first.event.ts}`,
      contextIds: [first.interactionId],
    });
    firstId = first.interactionId;
    followUpId = followUp.interactionId;
  });

  it('a mention in another thread, and a top-level DM, carry no history', async () => {
    await mention('How many vacation days do I get?');
    expect(seen.at(-1)!.history).toEqual([]);
    await h.slack.event(eventCallback(imMessage({ user: 'U1', text: 'and can I carry them over?' })));
    expect(seen.at(-1)!.history).toEqual([]);
  });

  it('feedback stays per answer, and the review of the follow-up shows the thread context', async () => {
    for (const u of ['U3', 'U4', 'U5'])
      await h.slack.interactive(feedbackClick({ user: user(u) }, `down:${followUpId}`));
    expect((await feedbackOf(h.store, followUpId)).length).toBe(3);
    expect((await feedbackOf(h.store, firstId)).length).toBe(0);

    const root = h.fake.callsTo('chat.postMessage').find((c) => c.args.channel === MODS && !c.args.thread_ts);
    expect(root).toBeDefined();
    const text = textOf(root!);
    expect(text).toContain('Earlier in the thread');
    expect(text).toContain('How many vacation days do I get?');
    expect(text).toContain('Answer 1 &lt;b&gt;'); // escaped like every answer
    expect(text).toContain('and can I carry them over?');
  });
});
