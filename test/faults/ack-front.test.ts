import { afterAll, describe, expect, it } from 'vitest';
import { waitFor } from '../helpers/fake-slack.ts';
import { feedbackClick, user } from '../helpers/slack-payloads.ts';
import { askThroughSlack } from './slack-ask.ts';
import { startSlackHeed } from './slack-heed.ts';

// heed as npm start runs it in Slack HTTP mode: the ack front thread on the public port, real Bolt and
// the core behind it on loopback, the embedded database, a fake Slack Web API.
const sh = await startSlackHeed({ ackFront: true });
afterAll(() => sh.stop());

const metrics = async () => (await fetch(`${sh.base}/metrics`)).text();
const metric = (text: string, name: string) =>
  Number(new RegExp(`^${name.replace(/[{}]/g, '\\$&')} (\\S+)$`, 'm').exec(text)?.[1] ?? Number.NaN);

describe('npm start in Slack HTTP mode: clicks acknowledged by the ack front', () => {
  let interactionId = '';

  it('serves Slack events, /healthz and /metrics through the front', async () => {
    [interactionId] = await askThroughSlack(sh.slack, sh.fake, ['How do I reset my password?']);
    expect(interactionId).toMatch(/^[0-9a-f]{24}$/);
    const challenge = await sh.slack.event({ type: 'url_verification', challenge: 'c-123' });
    expect(challenge.status).toBe(200);
    expect(challenge.text).toContain('c-123');
    expect((await fetch(`${sh.base}/healthz`)).status).toBe(200);
  });

  it('records a click it acknowledged, tells its user once, and counts the ack', async () => {
    const payload = feedbackClick(
      { user: user('UFRONT'), actionTs: '1700000001.000001' },
      `down:${interactionId}`,
    );
    const first = await sh.slack.interactive(payload);
    const redelivered = await sh.slack.interactive(payload);
    expect([first.status, redelivered.status]).toEqual([200, 200]);
    const votes = sh.db.collection('feedback');
    await waitFor(async () => (await votes.countDocuments({ userId: 'UFRONT' })) === 1, 'the vote', 10_000);
    await waitFor(
      () => sh.fake.callsTo('chat.postEphemeral').some((c) => c.args.user === 'UFRONT'),
      'the reply',
      10_000,
    );
    // The redelivery (same user, element and action_ts) was claimed away behind the front.
    await new Promise((r) => setTimeout(r, 500));
    expect(sh.fake.callsTo('chat.postEphemeral').filter((c) => c.args.user === 'UFRONT')).toHaveLength(1);
    expect(await votes.findOne({ userId: 'UFRONT' })).toMatchObject({ interactionId, value: 'down' });
    await waitFor(
      async () => metric(await metrics(), 'heed_click_ack_seconds_count{platform="slack"}') === 2,
      'click_ack_seconds',
      5000,
    );
    expect(sh.logger.lines.filter((l) => /ack front/.test(l.msg ?? ''))).toEqual([]);
  });

  it('leaves a forged click to heed’s gate: refused, counted, not recorded', async () => {
    const forged = feedbackClick({ user: user('UFORGED') }, `down:${interactionId}`);
    const res = await sh.slack.interactive(forged, { secret: 'not-the-signing-secret-000000' });
    expect(res.status).toBe(401);
    const text = await metrics();
    expect(metric(text, 'heed_slack_signature_failures_total{reason="mismatch"}')).toBe(1);
    expect(await sh.db.collection('feedback').countDocuments({ userId: 'UFORGED' })).toBe(0);
  });

  it('answers a slash command with heed’s own response body', async () => {
    const res = await sh.slack.signed(
      new URLSearchParams({
        command: '/ask',
        text: '',
        user_id: 'UCMD',
        user_name: 'ucmd',
        channel_id: 'CGENERAL',
        team_id: 'T1',
        trigger_id: '1.2.trigger',
        response_url: 'http://127.0.0.1:9/unused',
      }).toString(),
      'application/x-www-form-urlencoded',
    );
    // /ask without a question: Bolt's ack carries the usage, which only heed's side can know.
    expect(res.status).toBe(200);
    expect(res.json()).toMatchObject({ response_type: 'ephemeral', text: expect.stringContaining('/ask') });
  });
});
