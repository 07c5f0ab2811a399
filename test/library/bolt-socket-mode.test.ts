import { randomBytes } from 'node:crypto';
import { App, LogLevel } from '@slack/bolt';
import { afterAll, describe, expect, it } from 'vitest';
import { createHeed } from '../../src/index.ts';
import { storeOnNamedDb, testMongoUri } from '../helpers/db.ts';
import { FakeSlack, waitFor } from '../helpers/fake-slack.ts';
import { APP_TOKEN, BOT_TOKEN, MODS } from '../helpers/slack-harness.ts';
import {
  buttonClick,
  feedbackClick,
  interactionIdOf,
  modalState,
  submitOpenedModal,
  user,
  viewSubmission,
} from '../helpers/slack-payloads.ts';
import { feedbackOf } from '../store/feedback-of.ts';

// The team's own Socket Mode app; heed rides on it through heed.slack.register.
const fake = await new FakeSlack().start();
await fake.socketMode();
const dbName = `lib_socket_${randomBytes(4).toString('hex')}`;
const store = await storeOnNamedDb(dbName);
const heed = await createHeed({
  mongodbUri: testMongoUri(),
  mongodbDb: dbName,
  slack: { moderatorsChannel: MODS, digestChannel: 'CDIGEST' },
  logLevel: 'silent',
  env: {},
});
const app = new App({
  token: BOT_TOKEN,
  appToken: APP_TOKEN,
  socketMode: true,
  logLevel: LogLevel.ERROR,
  clientOptions: { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } },
});
heed.slack.register(app);
app.view('team_form', async ({ ack }) => {
  await ack({ response_action: 'errors', errors: { team_field: 'the team’s own check' } });
});
await app.start();

afterAll(async () => {
  await app.stop();
  await heed.stop();
  await fake.close();
});

describe('heed.slack.register on a Socket Mode App', () => {
  it('the digest of the same object posts through the team’s app, once per period', async () => {
    expect(heed.digest.nextRun()).toBeInstanceOf(Date);
    const [first] = await heed.digest.postNow();
    expect(first).toMatchObject({ platform: 'slack', channelId: 'CDIGEST', outcome: 'posted' });
    const posts = fake.callsTo('chat.postMessage').filter((c) => c.args.channel === 'CDIGEST');
    expect(posts).toHaveLength(1);
    expect(posts[0]!.auth).toBe(`Bearer ${BOT_TOKEN}`);
    expect((await heed.digest.postNow())[0]).toMatchObject({ outcome: 'already_posted' });
  });

  let interactionId = '';

  it('recordAnswer posts with the listener’s client; a 👎 envelope is recorded by heed', async () => {
    const posted = await heed.slack.recordAnswer({
      client: app.client,
      channel: 'CGENERAL',
      userId: 'U1',
      question: 'Is there a VPN?',
      answer: 'Yes: vpn.example.com.',
    });
    interactionId = posted.interactionId;
    expect(interactionIdOf(fake.callsTo('chat.postMessage').at(-1)!)).toBe(interactionId);

    await fake.sendEnvelope('interactive', feedbackClick({ user: user('U2') }, `down:${interactionId}`));
    await waitFor(async () => (await feedbackOf(store, interactionId)).length === 1, 'the vote');
  });

  it('heed’s modal errors and the team’s own modal ack both reach Slack through the envelope', async () => {
    await fake.sendEnvelope('interactive', buttonClick({ user: user('U2') }, 'heed_correct', interactionId));
    await waitFor(() => fake.callsTo('views.open').length === 1, 'the correction modal');
    const heedAck = await fake.sendEnvelope(
      'interactive',
      submitOpenedModal(fake.callsTo('views.open')[0]!, user('U2'), modalState({ heed_text: '' })),
    );
    expect(heedAck).toMatchObject({ response_action: 'errors', errors: { heed_text: expect.any(String) } });

    const teamAck = await fake.sendEnvelope(
      'interactive',
      viewSubmission({
        user: user('U3'),
        callbackId: 'team_form',
        privateMetadata: '',
        state: modalState({}),
      }),
    );
    expect(teamAck).toEqual({ response_action: 'errors', errors: { team_field: 'the team’s own check' } });
  });
});
