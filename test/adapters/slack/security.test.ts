import { describe, expect, it } from 'vitest';
import { startSlackHarness, storedCounts } from '../../helpers/slack-harness.ts';
import {
  appMention,
  buttonClick,
  eventCallback,
  feedbackClick,
  interactionIdOf,
  user,
  viewSubmission,
} from '../../helpers/slack-payloads.ts';
import { slackSignature } from '../../helpers/slack-signer.ts';

const h = await startSlackHarness({ prefix: 'slack_sec' });
const mention = (text: string, u = 'U1') => eventCallback(appMention({ user: u, text: `<@UBOT> ${text}` }));

/** Runs `fn` and expects nothing stored and no Slack message posted by it. */
async function nothingHappens(fn: () => Promise<void>) {
  const before = await storedCounts(h.store);
  const posts = h.fake.callsTo('chat.postMessage').length;
  await fn();
  expect(await storedCounts(h.store)).toEqual(before);
  expect(h.fake.callsTo('chat.postMessage')).toHaveLength(posts);
}

describe('Slack adapter: signatures and hostile input', () => {
  it('url_verification echoes the challenge', async () => {
    const res = await h.slack.event({ type: 'url_verification', token: 't', challenge: 'c-123' });
    expect(res.status).toBe(200);
    expect(res.text).toContain('c-123');
  });

  it('a forged signature gets 401 and nothing is stored', async () => {
    await nothingHappens(async () => {
      expect((await h.slack.event(mention('forged question'), { secret: 'not-the-secret' })).status).toBe(
        401,
      );
    });
  });

  it('a stale timestamp or a missing signature gets 401', async () => {
    await nothingHappens(async () => {
      const body = JSON.stringify(mention('stale question'));
      const stale = await h.slack.signed(body, 'application/json', {
        ts: Math.floor(Date.now() / 1000) - 600,
      });
      expect(stale.status).toBe(401);
      const unsigned = await h.slack.raw(body, { 'content-type': 'application/json' });
      expect(unsigned.status).toBe(401);
      // A valid signature over a different body does not carry over.
      const other = await h.slack.raw(body, { 'content-type': 'application/json', ...slackSignature('{}') });
      expect(other.status).toBe(401);
    });
  });

  it('malformed bodies are rejected cleanly', async () => {
    await nothingHappens(async () => {
      const notJson = await h.slack.signed('payload=%7Bnot-json', 'application/x-www-form-urlencoded');
      expect(notJson.status).toBe(400);
      const brokenJson = await h.slack.signed('{"type":"event_callback",', 'application/json');
      expect(brokenJson.status).toBe(400);
      const noEvent = await h.slack.event({ type: 'event_callback', event_id: 'Ev-broken', team_id: 'T1' });
      expect(noEvent.status).toBe(200); // no listener for it: acknowledged at once by heed's catch-all
    });
  });

  it('an oversized body gets 413 and nothing is stored', async () => {
    await nothingHappens(async () => {
      expect(await h.slack.oversized(1_200_000)).toBe(413);
    });
  });

  it('an over-long question is refused with a clear message, nothing stored', async () => {
    await nothingHappens(async () => {
      expect((await h.slack.event(mention('why '.repeat(1200)))).status).toBe(200);
    });
    const told = h.fake.callsTo('chat.postEphemeral').at(-1)!;
    expect(told.args.user).toBe('U1');
    expect(String(told.args.text)).toContain('at most 4000 characters');
  });

  it('tampered or foreign button values and modal metadata store nothing', async () => {
    await nothingHappens(async () => {
      for (const value of [
        'up:not-an-id',
        'up:{"$gt":""}',
        'sideways:0123456789abcdef01234567',
        `up:${'a'.repeat(5000)}`,
      ])
        expect((await h.slack.interactive(feedbackClick({ user: user('U2') }, value))).status).toBe(200);
      await h.slack.interactive(buttonClick({ user: user('U2') }, 'someone_elses_button', 'x'));
      await h.slack.interactive(buttonClick({ user: user('U2') }, 'heed_review_apply', '../../etc'));
      for (const [callbackId, meta] of [
        ['heed_correction', '{"interactionId":{"$ne":null}}'],
        ['heed_resolve', '{"action":"apply_correction","reviewId":"zz"}'],
        ['heed_correction', 'not json'],
        ['other_app_modal', '{}'],
      ] as const) {
        const res = await h.slack.interactive(
          viewSubmission({ user: user('U2'), callbackId, privateMetadata: meta, state: { values: {} } }),
        );
        expect(res.status).toBe(200);
      }
    });
  });

  it('a well-formed id that heed does not know is answered, not stored', async () => {
    await nothingHappens(async () => {
      await h.slack.interactive(feedbackClick({ user: user('U2') }, 'down:0123456789abcdef01234567'));
    });
    expect(String(h.fake.callsTo('chat.postEphemeral').at(-1)!.args.text)).toContain('no longer known');
  });

  it('after all that the process still answers questions', async () => {
    expect((await h.slack.event(mention('are you still there?'))).status).toBe(200);
    expect(interactionIdOf(h.fake.callsTo('chat.postMessage').at(-1)!)).toMatch(/^[0-9a-f]{24}$/);
  });
});
