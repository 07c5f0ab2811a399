import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { isLoopbackAddress, isLoopbackHost, WebModerators } from '../../../adapters/web/moderators.ts';
import { startHeed } from '../../../src/main.ts';
import { call, MODERATING, startPlayground } from './harness.ts';

const TOKEN = 'pg-token-0123456789abcdef';
const { url, core, store } = await startPlayground('web_access', { access: { token: TOKEN } });

async function raiseReview(question: string) {
  const i = await core.answer(question, { platform: 'web', userId: 'asker' });
  for (const u of ['a', 'b', 'c'])
    await core.recordFeedback({
      interactionId: i.id,
      platform: 'web',
      userId: u,
      kind: 'vote',
      value: 'down',
    });
  return (await store.reviews.findOpen(i.patternKey))!.id;
}

describe('playground with HEED_PLAYGROUND_TOKEN', () => {
  it('moderation needs the token: the switch, a wrong token or the body are not enough', async () => {
    const id = await raiseReview('How do I export my data?');
    const body = { action: 'dismiss', userId: 'web-mo', isModerator: true };
    const tries: Record<string, string>[] = [
      {},
      MODERATING,
      { authorization: 'Bearer wrong-token-0123456789ab' },
      { authorization: `Bearer ${TOKEN}x` },
      { authorization: TOKEN },
    ];
    for (const headers of tries)
      expect((await call(url, `/api/reviews/${id}/resolve`, { body, headers })).status).toBe(403);
    expect((await store.reviews.get(id))?.status).toBe('open');
    const ok = await call(url, `/api/reviews/${id}/resolve`, {
      body: { action: 'dismiss', userId: 'web-mo' },
      headers: { ...MODERATING, authorization: `Bearer ${TOKEN}` },
    });
    expect(ok.status).toBe(200);
    expect((await store.reviews.get(id))?.status).toBe('dismissed');
  });

  it('npm start refuses a playground beyond loopback without a token, naming the variable', async () => {
    const env = {
      SLACK_BOT_TOKEN: 'xoxb-access-test',
      SLACK_SIGNING_SECRET: 'access-test-secret',
      HEED_PLAYGROUND: '1',
      MONGODB_URI: 'mongodb://127.0.0.1:9/never-reached',
    };
    await expect(startHeed({ env })).rejects.toThrow(/HEED_PLAYGROUND_TOKEN is required/);
    await expect(startHeed({ env: { ...env, HEED_PLAYGROUND_TOKEN: 'short' } })).rejects.toThrow(
      /HEED_PLAYGROUND_TOKEN must be at least 16 characters/,
    );
  });

  it('knows what loopback is', () => {
    for (const a of ['127.0.0.1', '127.8.9.10', '::1', '::ffff:127.0.0.1'])
      expect(isLoopbackAddress(a)).toBe(true);
    for (const a of ['10.0.0.1', '::ffff:10.0.0.1', '0.0.0.0', '::', '', undefined, '1127.0.0.1'])
      expect(isLoopbackAddress(a)).toBe(false);
    expect(isLoopbackHost('localhost')).toBe(true);
    expect(isLoopbackHost('0.0.0.0')).toBe(false);
  });
  it('WebModerators: the token when one is set, else the switch from loopback only', () => {
    const req = (remoteAddress: string, headers: Record<string, string>) =>
      ({ socket: { remoteAddress }, headers }) as unknown as IncomingMessage;
    const open = new WebModerators();
    expect(open.isModerator(req('127.0.0.1', MODERATING))).toBe(true);
    expect(open.isModerator(req('::ffff:127.0.0.1', MODERATING))).toBe(true);
    expect(open.isModerator(req('10.0.0.7', MODERATING))).toBe(false);
    expect(open.isModerator(req('127.0.0.1', {}))).toBe(false);
    expect(open.isModerator(req('127.0.0.1', { 'x-heed-moderator': 'true' }))).toBe(false);
    const guarded = new WebModerators({ token: TOKEN });
    expect(guarded.isModerator(req('127.0.0.1', MODERATING))).toBe(false);
    expect(guarded.isModerator(req('10.0.0.7', { authorization: `Bearer ${TOKEN}` }))).toBe(true);
    expect(guarded.isModerator(req('10.0.0.7', { authorization: `bearer  ${TOKEN}` }))).toBe(true);
    expect(guarded.isModerator(req('127.0.0.1', { authorization: `Bearer ${TOKEN.slice(1)}` }))).toBe(false);
  });
});
