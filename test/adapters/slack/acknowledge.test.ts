import { describe, expect, it } from 'vitest';
import type { CounterName, Metrics } from '../../../src/core/ports.ts';
import { startSlackHarness, storedCounts } from '../../helpers/slack-harness.ts';
import {
  buttonClick,
  eventCallback,
  modalState,
  user,
  viewSubmission,
} from '../../helpers/slack-payloads.ts';
import { slackSignature } from '../../helpers/slack-signer.ts';

/** Counters as the Metrics port sees them, for assertions. */
function countingMetrics() {
  const counts = new Map<string, number>();
  const metrics: Metrics = {
    inc(name: CounterName, labels = {}) {
      const key = `${name}${JSON.stringify(labels)}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    },
    observe() {},
  };
  const total = (name: CounterName) =>
    [...counts].filter(([k]) => k.startsWith(name)).reduce((n, [, v]) => n + v, 0);
  return { metrics, counts, total };
}

const counting = countingMetrics();
// As in production: the HTTP response goes out on ack(), not after the handler.
const h = await startSlackHarness({
  prefix: 'slack_ack',
  bolt: { processBeforeResponse: false },
  metrics: counting.metrics,
});
const caughtAll = () =>
  h.logger.lines.filter((l) => l.level === 'debug' && /no heed listener handled/.test(l.msg ?? '')).length;
const unacked = () => h.logger.lines.filter((l) => /not acknowledged/.test(l.msg ?? '')).length;
const base = { token: 'verification-token', team: { id: 'T1', domain: 'team' }, api_app_id: 'A1' };
const who = { id: 'U7', username: 'u7', name: 'u7', team_id: 'T1' };

/** Bodies heed has no listener for, each in a shape Slack really sends (or one Bolt cannot classify). */
const UNHANDLED: [string, unknown][] = [
  [
    'a global shortcut',
    { ...base, type: 'shortcut', callback_id: 'someone_elses_shortcut', trigger_id: '1.t', user: who },
  ],
  [
    'a message shortcut',
    {
      ...base,
      type: 'message_action',
      callback_id: 'heed_unknown_shortcut',
      trigger_id: '2.t',
      user: who,
      channel: { id: 'C1', name: 'general' },
      message: { type: 'message', ts: '1700000000.000100', text: 'hi' },
      response_url: 'http://127.0.0.1:9/unused',
    },
  ],
  [
    'a view submission with an unknown callback id',
    viewSubmission({
      user: user('U7'),
      callbackId: 'heed_nope',
      privateMetadata: '{}',
      state: { values: {} },
    }),
  ],
  [
    'a closed modal',
    { ...base, type: 'view_closed', user: who, view: { id: 'V1', callback_id: 'heed_correction' } },
  ],
  ['block_actions with an unknown action id', buttonClick({ user: user('U7') }, 'heed_no_such_button', 'x')],
  [
    'an options request (block_suggestion)',
    { ...base, type: 'block_suggestion', user: who, action_id: 'heed_vote', block_id: 'b', value: 'a' },
  ],
  [
    'an event type outside the subscription',
    eventCallback({ type: 'reaction_added', user: 'U7', reaction: 'tada', item: { type: 'message' } }),
  ],
  ['an event envelope without an event', { type: 'event_callback', event_id: 'EvNoEvent', team_id: 'T1' }],
  ['a body Bolt cannot classify', { hello: 'world' }],
  ['block_actions without actions', { ...base, type: 'block_actions', user: who, actions: [] }],
];

describe('Slack HTTP: every request is acknowledged within the deadline', () => {
  for (const [what, body] of UNHANDLED) {
    it(`acknowledges ${what} at once, stores nothing`, async () => {
      const before = await storedCounts(h.store);
      const unackedBefore = unacked();
      const caughtBefore = caughtAll();
      const asForm =
        typeof (body as { type?: string }).type === 'string' && !('event_id' in (body as object));
      const res = asForm ? await h.slack.interactive(body) : await h.slack.event(body);
      // Bolt's 3-second "not acknowledged" handler answers 404; an ack answers 200.
      expect(res.status).toBe(200);
      expect(unacked()).toBe(unackedBefore);
      // Logged once at debug when the catch-all acknowledged it (heed's own listeners log their own line).
      expect(caughtAll() - caughtBefore).toBeLessThanOrEqual(1);
      expect(await storedCounts(h.store)).toEqual(before);
    });
  }

  it('logged each catch-all acknowledgement once, at debug', () => {
    // shortcut, message shortcut, closed modal, options, no event, unclassifiable, no actions
    expect(caughtAll()).toBe(7);
  });

  it("acknowledges an action and a modal whose ids are not heed's on heed's own App, one warn line each", async () => {
    const before = await storedCounts(h.store);
    const caughtBefore = caughtAll();
    const warned = (msg: string) => h.logger.lines.filter((l) => l.level === 'warn' && l.msg === msg);
    const click = await h.slack.interactive(buttonClick({ user: user('U7') }, 'someone_elses_button', 'x'));
    const form = await h.slack.interactive(
      viewSubmission({
        user: user('U7'),
        callbackId: 'someone_elses_form',
        privateMetadata: '',
        state: modalState({}),
      }),
    );
    expect([click.status, form.status]).toEqual([200, 200]);
    expect(warned('ignored an action that is not heed’s').map((l) => l.obj)).toEqual([
      { actionId: 'someone_elses_button' },
    ]);
    expect(warned('ignored a modal that is not heed’s').map((l) => l.obj)).toEqual([
      { callbackId: 'someone_elses_form' },
    ]);
    // heed's own listener acked them: Bolt's catch-all saw neither.
    expect(caughtAll()).toBe(caughtBefore);
    expect(await storedCounts(h.store)).toEqual(before);
  });

  it('answers unparseable bodies with a 4xx, never a 5xx', async () => {
    const cases: [string, string, number][] = [
      ['{"type":"event_callback",', 'application/json', 400],
      ['payload=%7Bnot-json', 'application/x-www-form-urlencoded', 400],
      ['a=b&c=d', 'application/x-www-form-urlencoded', 400],
      ['payload=%5B1%2C2%5D', 'application/x-www-form-urlencoded', 400],
      ['null', 'application/json', 400],
      ['[1,2,3]', 'application/json', 400],
      ['42', 'application/json', 400],
      ['"just a string"', 'application/json', 400],
      ['{"type":"event_callback"}', 'text/plain', 415],
      ['<xml/>', 'application/xml', 415],
    ];
    const before = await storedCounts(h.store);
    const unackedBefore = unacked();
    for (const [body, type, status] of cases) {
      const res = await h.slack.signed(body, type);
      expect({ body, status: res.status }).toEqual({ body, status });
    }
    expect(await storedCounts(h.store)).toEqual(before);
    expect(unacked()).toBe(unackedBefore);
  });

  it('forged, stale and missing signatures get 401 and are counted', async () => {
    const body = JSON.stringify(eventCallback({ type: 'app_mention', user: 'U7', text: 'hi', ts: '1.1' }));
    const before = counting.total('slack_signature_failures_total');
    const forged = await h.slack.signed(body, 'application/json', { secret: 'not-the-secret' });
    const stale = await h.slack.signed(body, 'application/json', { ts: Math.floor(Date.now() / 1000) - 301 });
    const missing = await h.slack.raw(body, { 'content-type': 'application/json' });
    const noTimestamp = await h.slack.raw(body, {
      'content-type': 'application/json',
      'x-slack-signature': slackSignature(body)['x-slack-signature'],
    });
    expect([forged.status, stale.status, missing.status, noTimestamp.status]).toEqual([401, 401, 401, 401]);
    expect(counting.total('slack_signature_failures_total') - before).toBe(4);
    expect([...counting.counts.keys()].filter((k) => k.startsWith('slack_signature'))).toEqual(
      expect.arrayContaining([
        'slack_signature_failures_total{"reason":"mismatch"}',
        'slack_signature_failures_total{"reason":"stale"}',
        'slack_signature_failures_total{"reason":"missing"}',
      ]),
    );
  });

  it('a signed, well-formed request is not counted as a failure', async () => {
    const before = counting.total('slack_signature_failures_total');
    expect((await h.slack.event({ type: 'url_verification', challenge: 'c1' })).status).toBe(200);
    expect(counting.total('slack_signature_failures_total')).toBe(before);
  });
});
