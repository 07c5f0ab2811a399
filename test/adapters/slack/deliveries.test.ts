import { describe, expect, it } from 'vitest';
import { createSlackAdapter } from '../../../adapters/slack/index.ts';
import { startHttpServer } from '../../../src/http/http-server.ts';
import { startSlackHarness } from '../../helpers/slack-harness.ts';
import {
  appMention,
  eventCallback,
  feedbackClick,
  interactionIdOf,
  selectChange,
  slashCommand,
  user,
} from '../../helpers/slack-payloads.ts';
import { SlackHttpClient, TEST_SIGNING_SECRET } from '../../helpers/slack-signer.ts';

const h = await startSlackHarness({ prefix: 'slack_dedupe' });

async function askOnce(text: string) {
  const env = eventCallback(appMention({ user: 'U1', text: `<@UBOT> ${text}` }));
  await h.slack.event(env);
  return { env, interactionId: interactionIdOf(h.fake.callsTo('chat.postMessage').at(-1)!) };
}
const votesOf = async (interactionId: string) =>
  h.store.db.collection('feedback').find({ interactionId, kind: 'vote' }).toArray();

describe('Slack adapter: retries and repeated clicks', () => {
  it('the same event delivered three times (Slack retries) gets one answer', async () => {
    const env = eventCallback(appMention({ user: 'U1', text: '<@UBOT> where is the office?' }));
    const before = h.fake.callsTo('chat.postMessage').length;
    expect((await h.slack.event(env)).status).toBe(200);
    expect((await h.slack.event(env, { retryNum: 1 })).status).toBe(200);
    expect((await h.slack.event(env, { retryNum: 2 })).status).toBe(200);
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(before + 1);
    expect(
      await h.store.db.collection('interactions').countDocuments({ question: 'where is the office?' }),
    ).toBe(1);
  });

  it('the same /ask delivered twice gets one answer', async () => {
    const command = slashCommand({
      user: user('U6'),
      text: 'who approves expenses?',
      responseUrl: h.fake.responseUrl('dup'),
    });
    const before = h.fake.callsTo('chat.postMessage').length;
    expect((await h.slack.command(command)).status).toBe(200);
    expect((await h.slack.command(command)).status).toBe(200);
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(before + 1);
    expect(
      await h.store.db.collection('interactions').countDocuments({ question: 'who approves expenses?' }),
    ).toBe(1);
  });

  it('a retry reaching a restarted instance is still a duplicate (durable de-duplication)', async () => {
    const { env } = await askOnce('when does support open?');
    const again = createSlackAdapter({
      config: {
        botToken: 'xoxb-other-instance',
        signingSecret: TEST_SIGNING_SECRET,
        apiUrl: h.fake.apiUrl,
        moderatorIds: [],
      },
      core: h.core,
      logger: h.logger,
      bolt: { processBeforeResponse: true, retryConfig: { retries: 0 } },
    });
    await again.start();
    const server = await startHttpServer({
      port: 0,
      host: '127.0.0.1',
      routes: again.routes(),
      logger: h.logger,
    });
    try {
      const before = h.fake.callsTo('chat.postMessage').length;
      const res = await new SlackHttpClient(`http://127.0.0.1:${server.port}/slack/events`).event(env, {
        retryNum: 1,
      });
      expect(res.status).toBe(200);
      expect(h.fake.callsTo('chat.postMessage')).toHaveLength(before);
    } finally {
      await again.stop();
      await server.close();
    }
  });

  it('the same click delivered twice records one vote and confirms once', async () => {
    const { interactionId } = await askOnce('how do refunds work?');
    const click = feedbackClick({ user: user('U2') }, `up:${interactionId}`);
    const ephemeralsBefore = h.fake.callsTo('chat.postEphemeral').length;
    expect((await h.slack.interactive(click)).status).toBe(200);
    expect((await h.slack.interactive(click)).status).toBe(200);
    const votes = await votesOf(interactionId);
    expect(votes).toHaveLength(1);
    expect(votes[0]).toMatchObject({ userId: 'U2', value: 'up' });
    expect(h.fake.callsTo('chat.postEphemeral')).toHaveLength(ephemeralsBefore + 1);
  });

  it('a second click on the same button (the toggle) keeps one vote; a changed vote replaces it', async () => {
    const { interactionId } = await askOnce('what is the vpn address?');
    await h.slack.interactive(feedbackClick({ user: user('U3') }, `down:${interactionId}`));
    await h.slack.interactive(feedbackClick({ user: user('U3') }, `down:${interactionId}`));
    expect(await votesOf(interactionId)).toHaveLength(1);
    const first = (await votesOf(interactionId))[0]!;
    await h.slack.interactive(feedbackClick({ user: user('U3') }, `up:${interactionId}`));
    const votes = await votesOf(interactionId);
    expect(votes).toHaveLength(1);
    expect(votes[0]).toMatchObject({ value: 'up', userId: 'U3' });
    expect(String(votes[0]!._id)).toBe(String(first._id));
  });

  it('a rating from the 1–5 select is recorded; a new rating replaces the old one', async () => {
    const { interactionId } = await askOnce('how big is the free tier?');
    await h.slack.interactive(selectChange({ user: user('U5') }, 'heed_rate', `2:${interactionId}`));
    await h.slack.interactive(selectChange({ user: user('U5') }, 'heed_rate', `4:${interactionId}`));
    const ratings = await h.store.db.collection('feedback').find({ interactionId, kind: 'rating' }).toArray();
    expect(ratings).toHaveLength(1);
    expect(ratings[0]).toMatchObject({ value: 4, userId: 'U5' });
    expect(String(h.fake.callsTo('chat.postEphemeral').at(-1)!.args.text)).toContain('4/5');
  });
});
