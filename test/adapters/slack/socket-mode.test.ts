import { describe, expect, it } from 'vitest';
import { USAGE } from '../../../adapters/slack/handlers/questions.ts';
import { waitFor } from '../../helpers/fake-slack.ts';
import { APP_TOKEN, startSlackHarness } from '../../helpers/slack-harness.ts';
import {
  appMention,
  buttonClick,
  eventCallback,
  feedbackClick,
  interactionIdOf,
  modalState,
  slashCommand,
  submitOpenedModal,
  user,
} from '../../helpers/slack-payloads.ts';

const h = await startSlackHarness({ prefix: 'slack_socket', mode: 'socket' });

describe('Slack adapter, Socket Mode (local WebSocket server)', () => {
  it('connects with the app token and serves no HTTP route', () => {
    expect(h.adapter.mode).toBe('socket');
    expect(h.adapter.routes()).toEqual([]);
    expect(h.fake.socketConnected).toBe(true);
    expect(h.fake.callsTo('apps.connections.open')[0]!.auth).toBe(`Bearer ${APP_TOKEN}`);
  });

  let interactionId = '';
  it('answers a question delivered as an events_api envelope', async () => {
    const event = appMention({ user: 'U1', text: '<@UBOT> how do I request a laptop?' });
    await h.fake.sendEnvelope('events_api', eventCallback(event));
    await waitFor(() => h.fake.callsTo('chat.postMessage').length === 1, 'the answer');
    const answer = h.fake.callsTo('chat.postMessage')[0]!;
    expect(answer.args.thread_ts).toBe(event.ts);
    interactionId = interactionIdOf(answer);
  });

  it('answers a Socket Mode redelivery (retry_attempt) of the same event only once', async () => {
    const before = h.fake.callsTo('chat.postMessage').length;
    const event = appMention({ user: 'U3', text: '<@UBOT> where is the printer?' });
    const payload = eventCallback(event);
    await h.fake.sendEnvelope('events_api', payload);
    await h.fake.sendEnvelope('events_api', payload, { retryAttempt: 1 });
    await h.fake.sendEnvelope('events_api', payload, { retryAttempt: 2 });
    await waitFor(() => h.fake.callsTo('chat.postMessage').length === before + 1, 'the answer');
    // All three envelopes were acked; give a late duplicate the chance to post before counting.
    await new Promise((r) => setTimeout(r, 200));
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(before + 1);
    expect(
      await h.store.db.collection('interactions').countDocuments({ question: 'where is the printer?' }),
    ).toBe(1);
  });

  it('records a feedback-button click delivered as an interactive envelope', async () => {
    await h.fake.sendEnvelope('interactive', feedbackClick({ user: user('U2') }, `down:${interactionId}`));
    await waitFor(
      async () =>
        (await h.store.db.collection('feedback').countDocuments({ interactionId, value: 'down' })) === 1,
      'the vote',
    );
    await waitFor(() => h.fake.callsTo('chat.postEphemeral').length === 1, 'the confirmation');
    expect(h.fake.callsTo('chat.postEphemeral')[0]!.args.user).toBe('U2');
  });

  it('answers modal field errors in the envelope ack', async () => {
    await h.fake.sendEnvelope(
      'interactive',
      buttonClick({ user: user('U2') }, 'heed_correct', interactionId),
    );
    await waitFor(() => h.fake.callsTo('views.open').length === 1, 'the correction modal');
    const ack = await h.fake.sendEnvelope(
      'interactive',
      submitOpenedModal(h.fake.callsTo('views.open')[0]!, user('U2'), modalState({ heed_text: '' })),
    );
    expect(ack).toMatchObject({ response_action: 'errors', errors: { heed_text: expect.any(String) } });
    expect(await h.store.db.collection('feedback').countDocuments({ kind: 'correction' })).toBe(0);
  });

  it('acks an empty /ask with usage help', async () => {
    const ack = await h.fake.sendEnvelope(
      'slash_commands',
      slashCommand({ user: user('U3'), text: '', responseUrl: h.fake.responseUrl('s') }),
    );
    expect(ack).toMatchObject({ response_type: 'ephemeral', text: USAGE });
  });
});
