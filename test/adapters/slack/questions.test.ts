import { describe, expect, it } from 'vitest';
import { USAGE } from '../../../adapters/slack/handlers/questions.ts';
import type { Answerer } from '../../../src/core/ports.ts';
import type { SlackCall } from '../../helpers/fake-slack.ts';
import { startSlackHarness, storedCounts } from '../../helpers/slack-harness.ts';
import {
  appMention,
  blocksOf,
  eventCallback,
  imMessage,
  interactionIdOf,
  slashCommand,
  textOf,
  user,
} from '../../helpers/slack-payloads.ts';

const ESSAY = 'a<b & c>d '.repeat(16_000); // 160k chars, escaping makes it longer still
const answerer: Answerer = {
  answer: async ({ question }) => ({
    text: question.includes('essay') ? ESSAY : 'Short answer.',
    sources: [],
    answerer: 'test',
  }),
};
const h = await startSlackHarness({ prefix: 'slack_ask', answerer });

const posts = () => h.fake.callsTo('chat.postMessage');
async function unchanged(fn: () => Promise<void>) {
  const before = await storedCounts(h.store);
  const n = posts().length;
  await fn();
  expect(await storedCounts(h.store)).toEqual(before);
  expect(posts()).toHaveLength(n);
}

describe('Slack adapter: asking', () => {
  it('answers a direct message in the DM', async () => {
    await h.slack.event(eventCallback(imMessage({ user: 'U1', text: 'how do I export my data?' })));
    const answer = posts().at(-1)!;
    expect(answer.args.channel).toBe('DUSER1');
    expect(answer.args.thread_ts).toBeUndefined();
    const i = await h.store.interactions.get(interactionIdOf(answer));
    expect(i).toMatchObject({
      question: 'how do I export my data?',
      ref: { platform: 'slack', userId: 'U1' },
    });
  });

  it("ignores the bot's own messages, other bots, edits and other subtypes", async () => {
    await unchanged(async () => {
      await h.slack.event(eventCallback(imMessage({ user: 'UBOT', text: 'my own answer' })));
      await h.slack.event(eventCallback(imMessage({ user: 'U2', text: 'from a bot', botId: 'BOTHER' })));
      await h.slack.event(
        eventCallback(imMessage({ user: 'U2', text: 'edited', subtype: 'message_changed' })),
      );
      await h.slack.event(eventCallback(imMessage({ text: 'deleted', subtype: 'message_deleted' })));
      await h.slack.event(
        eventCallback({
          ...imMessage({ user: 'U2', text: 'in a channel' }),
          channel: 'CGENERAL',
          channel_type: 'channel',
        }),
      );
    });
  });

  it('answers a mention inside an existing thread in that thread', async () => {
    const event = appMention({
      user: 'U1',
      text: 'and <@UBOT> what about weekends?',
      threadTs: '1699999999.000001',
    });
    await h.slack.event(eventCallback(event));
    const answer = posts().at(-1)!;
    expect(answer.args.thread_ts).toBe('1699999999.000001');
    expect((await h.store.interactions.get(interactionIdOf(answer)))?.question).toBe(
      'and what about weekends?',
    );
  });

  it('a bare mention gets usage help and stores nothing', async () => {
    await unchanged(async () => {
      await h.slack.event(eventCallback(appMention({ user: 'U1', text: '<@UBOT>   ' })));
    });
    expect(h.fake.callsTo('chat.postEphemeral').at(-1)!.args.text).toBe(USAGE);
  });

  it('splits a very long answer across sections and messages without losing a character', async () => {
    const before = posts().length;
    await h.slack.event(eventCallback(appMention({ user: 'U1', text: '<@UBOT> write an essay' })));
    const sent: SlackCall[] = posts().slice(before);
    expect(sent.length).toBeGreaterThan(1);
    const sections: string[] = [];
    for (const [i, call] of sent.entries()) {
      const blocks = blocksOf(call);
      expect(blocks.length).toBeLessThanOrEqual(50);
      const hasControls = blocks.some((b) => b.type === 'context_actions');
      expect(hasControls).toBe(i === sent.length - 1);
      for (const b of blocks as { type: string; text?: { text: string } }[])
        if (b.type === 'section') {
          expect(b.text!.text.length).toBeLessThanOrEqual(3000);
          sections.push(b.text!.text);
        }
    }
    const escaped = ESSAY.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    // The answer is read as Markdown: only the paragraph's trailing space goes.
    expect(sections.join('')).toBe(escaped.trimEnd());
    const id = interactionIdOf(sent.at(-1)!);
    expect((await h.store.interactions.get(id))?.ref.messageId).toBeTruthy();
  });

  it('/ask answers in the channel, showing who asked what', async () => {
    const res = await h.slack.command(
      slashCommand({
        user: user('U7', 'ada'),
        text: 'What is the wifi password?',
        responseUrl: h.fake.responseUrl('a1'),
      }),
    );
    expect(res.status).toBe(200);
    const answer = posts().at(-1)!;
    expect(answer.args.channel).toBe('CGENERAL');
    expect(textOf(answer)).toContain('<@U7> asked: What is the wifi password?');
    const i = await h.store.interactions.get(interactionIdOf(answer));
    expect(i?.ref).toMatchObject({ userId: 'U7', userName: 'ada', channelId: 'CGENERAL' });
  });

  it('an empty /ask gets usage help right in the acknowledgement', async () => {
    await unchanged(async () => {
      const res = await h.slack.command(
        slashCommand({ user: user('U7'), text: '  ', responseUrl: h.fake.responseUrl('a2') }),
      );
      expect(res.status).toBe(200);
      expect(res.json()).toMatchObject({ response_type: 'ephemeral', text: USAGE });
    });
  });

  it('/ask in a channel the bot is not in answers through the response_url', async () => {
    h.fake.fail('chat.postMessage', { error: 'not_in_channel', times: 1 });
    const res = await h.slack.command(
      slashCommand({
        user: user('U8'),
        text: 'Who runs payroll?',
        channel: 'CPRIVATE',
        responseUrl: h.fake.responseUrl('a3'),
      }),
    );
    expect(res.status).toBe(200);
    const reply = h.fake.responses.find((r) => r.path === '/response/a3')!;
    expect(reply.body).toMatchObject({ response_type: 'in_channel' });
    expect(JSON.stringify(reply.body)).toContain('feedback_buttons');
    const stored = await h.store.db.collection('interactions').findOne({ question: 'Who runs payroll?' });
    expect(stored).toBeTruthy();
  });
});
