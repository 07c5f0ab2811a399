import { describe, expect, it } from 'vitest';
import { deliveryKey } from '../../../adapters/slack/handlers/deliveries.ts';
import {
  appMention,
  eventCallback,
  feedbackClick,
  slashCommand,
  user,
  viewSubmission,
} from '../../helpers/slack-payloads.ts';

// The keys are durable (the deliveries collection) and `forget` drops the ones naming a user, so
// their shape is part of heed's data: a change here would let old redeliveries through.
describe('Slack delivery keys', () => {
  it('an Events API callback is keyed by its event id', () => {
    expect(deliveryKey(eventCallback(appMention({ user: 'U1', text: 'hi' }), 'Ev42'))).toBe(
      'slack:event:Ev42',
    );
  });

  it('a slash command is keyed by its trigger id', () => {
    const command = slashCommand({ user: user('U1'), text: 'q', responseUrl: 'http://127.0.0.1:9/x' });
    expect(deliveryKey(command)).toBe(`slack:command:${command.trigger_id}`);
  });

  it('a block action is keyed by the user, the element and its action_ts', () => {
    const click = feedbackClick({ user: user('U2'), actionTs: '1700000000.000123' }, 'up:x');
    expect(deliveryKey(click)).toBe('slack:action:U2:heed_vote:1700000000.000123');
  });

  it('modal submissions and bodies without an id are not de-duplicated', () => {
    const submission = viewSubmission({
      user: user('U3'),
      callbackId: 'heed_reasons',
      privateMetadata: '{}',
      state: { values: {} },
    });
    expect(deliveryKey(submission)).toBeUndefined();
    expect(deliveryKey({ type: 'event_callback' })).toBeUndefined();
    expect(
      deliveryKey({ type: 'block_actions', user: { id: 'U1' }, actions: [{ action_id: 'a' }] }),
    ).toBeUndefined();
    expect(deliveryKey({ command: '/ask' })).toBeUndefined();
    expect(deliveryKey(null)).toBeUndefined();
    expect(deliveryKey('slack:event:Ev1')).toBeUndefined();
  });
});
