import { afterEach, describe, expect, it } from 'vitest';
import { createSlackAdapter } from '../../../adapters/slack/index.ts';
import { HeedError } from '../../../src/core/errors.ts';
import type { SlackCall } from '../../helpers/fake-slack.ts';
import { BOT_TOKEN, MODS, startSlackHarness } from '../../helpers/slack-harness.ts';
import {
  appMention,
  buttonClick,
  eventCallback,
  feedbackClick,
  interactionIdOf,
  modalState,
  submitOpenedModal,
  user,
} from '../../helpers/slack-payloads.ts';
import { TEST_SIGNING_SECRET } from '../../helpers/slack-signer.ts';

const h = await startSlackHarness({ prefix: 'slack_errors' });
afterEach(() => h.fake.clearFailures());

async function answer(question: string) {
  await h.slack.event(eventCallback(appMention({ user: 'U1', text: `<@UBOT> ${question}` })));
  return interactionIdOf(h.fake.callsTo('chat.postMessage').at(-1)!);
}
const failuresLogged = (slackError: string) =>
  h.logger.lines.filter((l) => JSON.stringify(l.obj).includes(`"slackError":"${slackError}"`));
const lastTo = (method: string): SlackCall => h.fake.callsTo(method).at(-1)!;

describe('Slack adapter: Slack API errors are logged, answered where possible, never fatal', () => {
  it('channel_not_found for the moderators channel: feedback kept, review stored unposted, error logged', async () => {
    const id = await answer('how do I change my shipping address?');
    h.fake.fail('chat.postMessage', { error: 'channel_not_found', channel: MODS });
    await h.slack.interactive(buttonClick({ user: user('U2') }, 'heed_correct', id));
    const res = await h.slack.interactive(
      submitOpenedModal(lastTo('views.open'), user('U2'), modalState({ heed_text: 'Use the Orders page.' })),
    );
    expect(res.status).toBe(200);
    expect(
      await h.store.db.collection('feedback').countDocuments({ interactionId: id, kind: 'correction' }),
    ).toBe(1);
    const review = (await h.core.listReviews('open')).find(
      (r) => r.question === 'how do I change my shipping address?',
    );
    expect(review?.threads).toEqual([]);
    // Thrown by the adapter (Slack's code and the channel in the message), logged once by the core.
    const logged = h.logger.lines.filter((l) => JSON.stringify(l.obj).includes('channel_not_found'));
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ level: 'error', msg: 'platform call failed' });
    // Slack's own error fields travel with it, so the one log line says what Slack answered.
    expect(logged[0]!.obj).toMatchObject({ what: 'postReview', slack: { slackError: 'channel_not_found' } });
    expect(String((logged[0]!.obj as { err?: unknown }).err)).toBe(
      `Slack postReview failed in ${MODS}: channel_not_found`,
    );
    expect(String(lastTo('chat.postEphemeral').args.text)).toContain('Thanks! Your correction');
  });

  it('not_in_channel when answering: the asker is told by direct message', async () => {
    h.fake.fail('chat.postMessage', { error: 'not_in_channel', channel: 'CSECRET' });
    h.fake.fail('chat.postEphemeral', { error: 'not_in_channel', channel: 'CSECRET' });
    await h.slack.event(
      eventCallback(appMention({ user: 'U1', text: '<@UBOT> hello?', channel: 'CSECRET' })),
    );
    const dm = lastTo('chat.postMessage');
    expect(dm.args.channel).toBe('U1');
    expect(String(dm.args.text)).toContain('Invite me');
    expect(failuresLogged('not_in_channel').length).toBeGreaterThan(0);
  });

  it('ratelimited (HTTP 429) fails at once instead of blocking the handler; the vote stands', async () => {
    const id = await answer('what is our sick leave policy?');
    h.fake.fail('chat.postEphemeral', { error: 'ratelimited', status: 429, retryAfter: 120 });
    const res = await h.slack.interactive(feedbackClick({ user: user('U4') }, `up:${id}`));
    expect(res.status).toBe(200);
    expect(await h.store.db.collection('feedback').countDocuments({ interactionId: id, userId: 'U4' })).toBe(
      1,
    );
    expect(failuresLogged('ratelimited').length).toBeGreaterThan(0);
  });

  it('invalid_auth in a handler is logged and the next request still works', async () => {
    h.fake.fail('chat.postMessage', { error: 'invalid_auth' });
    h.fake.fail('chat.postEphemeral', { error: 'invalid_auth' });
    expect(
      (await h.slack.event(eventCallback(appMention({ user: 'U1', text: '<@UBOT> anyone?' })))).status,
    ).toBe(200);
    expect(failuresLogged('invalid_auth').length).toBeGreaterThan(0);
    h.fake.clearFailures();
    expect(await answer('still alive?')).toMatch(/^[0-9a-f]{24}$/);
  });

  it('a user-caused failure logs at warn, a Slack failure at error; both users are told', async () => {
    const handlerFailures = () => h.logger.lines.filter((l) => l.msg === 'slack handler failed');
    const before = handlerFailures().length;
    await h.slack.interactive(feedbackClick({ user: user('U8') }, 'up:0123456789abcdef01234567'));
    expect(handlerFailures().slice(before)).toMatchObject([{ level: 'warn', obj: { what: 'action vote' } }]);
    expect(String(lastTo('chat.postEphemeral').args.text)).toBe('That answer is no longer known to heed.');
    h.fake.fail('chat.postMessage', { error: 'channel_not_found', channel: 'CLOST' });
    await h.slack.event(eventCallback(appMention({ user: 'U9', text: '<@UBOT> hi?', channel: 'CLOST' })));
    expect(handlerFailures().slice(before + 1)).toMatchObject([
      { level: 'error', obj: { what: 'app_mention' } },
    ]);
    expect(String(lastTo('chat.postEphemeral').args.text)).toContain('I cannot see that channel');
  });

  it('invalid_auth at start fails with a message naming the variable, without the token', async () => {
    h.fake.fail('auth.test', { error: 'invalid_auth' });
    const adapter = createSlackAdapter({
      config: {
        botToken: BOT_TOKEN,
        signingSecret: TEST_SIGNING_SECRET,
        apiUrl: h.fake.apiUrl,
        moderatorIds: [],
      },
      core: h.core,
      logger: h.logger,
      bolt: { retryConfig: { retries: 0 } },
    });
    const err = await adapter.start().then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(HeedError);
    expect((err as HeedError).message).toContain('SLACK_BOT_TOKEN');
    expect((err as HeedError).message).not.toContain(BOT_TOKEN);
    expect(JSON.stringify(h.logger.lines)).not.toContain(BOT_TOKEN);
  });

  it('postDigest posts to the digest channel and reports a failure as a platform error', async () => {
    expect(h.adapter.digestChannels()).toEqual(['CDIGEST']);
    const digest = {
      periodKey: '2026-W45',
      from: new Date('2026-11-02T00:00:00Z'),
      to: new Date('2026-11-09T00:00:00Z'),
      empty: true,
      totals: { feedback: 0, up: 0, down: 0, corrections: 0, ratings: 0, interactions: 0 },
      positiveRate: 0,
      previousPositiveRate: null,
      trend: [],
      sparkline: '',
      byPlatform: [],
      commonIssues: [],
      corrections: [],
      opportunities: [],
      reviewStats: { opened: 0, resolved: 0, open: 0, medianHoursToResolve: null },
    };
    await h.adapter.postDigest(digest, 'CDIGEST');
    expect(lastTo('chat.postMessage').args.channel).toBe('CDIGEST');
    h.fake.fail('chat.postMessage', { error: 'channel_not_found', channel: 'CGONE' });
    await expect(h.adapter.postDigest(digest, 'CGONE')).rejects.toMatchObject({ code: 'platform' });
  });
});
