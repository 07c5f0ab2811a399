import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.ts';
import { startHeed } from '../../src/main.ts';
import { testMongoUri } from '../helpers/db.ts';
import { discordUser, slashCommand } from '../helpers/discord-payloads.ts';
import { DISCORD_IDS, FakeDiscord } from '../helpers/fake-discord.ts';
import { apiError, completion, startFakeOpenAI } from '../helpers/fake-openai.ts';
import { FakeSlack, waitFor } from '../helpers/fake-slack.ts';
import { appMention, eventCallback } from '../helpers/slack-payloads.ts';
import { SlackHttpClient } from '../helpers/slack-signer.ts';

/** Recognisable fake secrets: none of them may ever show up in a log line. */
const S = {
  bot: 'xoxb-4242-SECRETBOTTOKEN-a1b2c3',
  app: 'xapp-1-A42-SECRETAPPTOKEN-d4e5f6',
  signing: 'SIGNINGSECRET-9f8e7d6c5b4a',
  discord: 'MTA0.SECRETDISCORDTOKEN.zyxw9876',
  openai: 'sk-SECRETOPENAIKEY-0011223344',
  playground: 'PLAYGROUNDTOKEN-55667788',
  mongoPassword: 'MongoPassw0rd-SECRET-31337',
};

/** heed's real logger (pino with its redaction) writing into memory: what an operator would see. */
const lines: string[] = [];
const sink = new Writable({
  write(chunk, _enc, done) {
    lines.push(...String(chunk).split('\n').filter(Boolean));
    done();
  },
});
const logger = createLogger('trace', sink);

const slack = await new FakeSlack().start();
const discord = await FakeDiscord.start();
const openai = await startFakeOpenAI(completion('Reset it from Settings.'));
const knowledgeDir = await mkdtemp(join(tmpdir(), 'heed-secrets-'));
const uri = testMongoUri();
afterAll(async () => {
  if (process.env.HEED_SECRETS_DUMP)
    (await import('node:fs')).writeFileSync(process.env.HEED_SECRETS_DUMP, lines.join('\n'));
  await slack.close();
  await discord.close();
  await openai.close();
  await rm(knowledgeDir, { recursive: true, force: true });
});

const env = (extra: Record<string, string> = {}) => ({
  MONGODB_URI: uri,
  MONGODB_DB: `secrets_${Date.now()}`,
  PORT: '0',
  LOG_LEVEL: 'trace',
  KNOWLEDGE_DIR: knowledgeDir,
  SLACK_BOT_TOKEN: S.bot,
  SLACK_SIGNING_SECRET: S.signing,
  SLACK_API_URL: slack.apiUrl,
  SLACK_MODERATORS_CHANNEL: 'CMODS',
  DISCORD_TOKEN: S.discord,
  DISCORD_APPLICATION_ID: DISCORD_IDS.app,
  DISCORD_GUILD_ID: DISCORD_IDS.guild,
  DISCORD_API_URL: discord.apiUrl,
  OPENAI_API_KEY: S.openai,
  OPENAI_BASE_URL: openai.baseUrl,
  OPENAI_TIMEOUT_MS: '2000',
  HEED_PLAYGROUND: '1',
  HEED_PLAYGROUND_TOKEN: S.playground,
  ...extra,
});

/** Every secret (and the test server's own password, if its URI has one) against every line. */
function leaks(of: string[] = lines): string[] {
  const secrets = [...Object.values(S), new URL(uri).password].filter((s) => s.length >= 6);
  const found = of.flatMap((l) =>
    secrets.filter((s) => l.includes(s)).map((s) => `${s} in ${l.slice(0, 300)}`),
  );
  const bearer = of.filter((l) => /Bearer\s+(?!\[redacted\])[A-Za-z0-9._-]{8,}/.test(l));
  return [...found, ...bearer.map((l) => `authorization header in ${l.slice(0, 300)}`)];
}

describe('secrets never reach the log', () => {
  it('the check itself finds a planted secret or authorization header', () => {
    expect(leaks([`{"msg":"token ${S.bot}"}`])).toHaveLength(1);
    expect(leaks(['{"headers":{"authorization":"Bearer abcdefgh1234"}}'])).toHaveLength(1);
    expect(leaks(['{"Authorization":"[redacted]"}'])).toEqual([]);
  });

  it('Slack HTTP, Discord and the LLM, on their happy and their error paths', async () => {
    const heed = await startHeed({ env: env(), logger });
    try {
      const events = new SlackHttpClient(`${heed.url}/slack/events`, S.signing);
      const mention = (text: string) => eventCallback(appMention({ user: 'U1', text: `<@UBOT> ${text}` }));
      expect((await events.event(mention('how do I reset my password?'))).status).toBe(200);
      await waitFor(() => slack.callsTo('chat.postMessage').length >= 1, 'the answer');
      // A forged request, a Slack API error, a Slack HTTP 500, an OpenAI 401 and 500s.
      expect((await events.event(mention('forged'), { secret: 'wrong-secret' })).status).toBe(401);
      slack.fail('chat.postMessage', { error: 'invalid_auth', times: 1 });
      openai.reply(apiError(401, 'Incorrect API key provided'));
      await events.event(mention('what is the VPN address?'));
      await waitFor(() => lines.some((l) => l.includes('invalid_auth')), 'the Slack error logged');
      slack.fail('chat.postMessage', { error: 'internal_error', status: 500, times: 3 });
      openai.reply(apiError(500), apiError(500), apiError(500));
      await events.event(mention('where is the printer?'));
      await waitFor(
        () => lines.some((l) => /statusCode = 500|internal_error/.test(l)),
        'the Slack 500 logged',
      );

      // Discord: /ask answered, then a REST 401 on the answer.
      const ask = slashCommand(discordUser(1), 'ask', { question: 'What is the refund policy?' });
      await discord.dispatchInteraction(ask);
      await discord.originalEditFor(ask);
      discord.failWhen((c) => c.method === 'PATCH', 401, { message: '401: Unauthorized', code: 0 });
      const denied = slashCommand(discordUser(2), 'ask', { question: 'And the return window?' });
      await discord.dispatchInteraction(denied);
      await waitFor(
        () => lines.some((l) => /Unauthorized|401/.test(l) && l.includes('discord')),
        'the Discord 401 logged',
      );

      // The playground with and without its token.
      const resolve = (headers: Record<string, string>) =>
        fetch(`${heed.url}/api/reviews/${'c'.repeat(24)}/resolve`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: JSON.stringify({ action: 'dismiss', userId: 'web-x' }),
        });
      expect((await resolve({ authorization: `Bearer ${S.playground}` })).status).toBe(404);
      expect((await resolve({ authorization: 'Bearer not-the-token-at-all' })).status).toBe(403);
    } finally {
      await heed.stop();
    }
    expect(lines.length).toBeGreaterThan(20);
    expect(leaks()).toEqual([]);
  }, 60_000);

  it('Slack Socket Mode', async () => {
    await slack.socketMode();
    const heed = await startHeed({
      env: env({ SLACK_APP_TOKEN: S.app, DISCORD_TOKEN: '', DISCORD_APPLICATION_ID: '' }),
      logger,
    });
    try {
      const before = slack.callsTo('chat.postMessage').length;
      await slack.sendEnvelope(
        'events_api',
        eventCallback(appMention({ user: 'U2', text: '<@UBOT> socket question' })),
      );
      await waitFor(() => slack.callsTo('chat.postMessage').length > before, 'the Socket Mode answer');
      expect(slack.callsTo('apps.connections.open')[0]!.auth).toBe(`Bearer ${S.app}`);
    } finally {
      await heed.stop();
    }
    expect(leaks()).toEqual([]);
  }, 60_000);

  it('a connection string with a wrong password: refused at start, the password in no line and no message', async () => {
    const u = new URL(uri);
    u.username = 'heed-intruder';
    u.password = S.mongoPassword;
    const error = await startHeed({
      env: env({
        MONGODB_URI: u.toString(),
        SLACK_BOT_TOKEN: '',
        SLACK_SIGNING_SECRET: '',
        DISCORD_TOKEN: '',
        DISCORD_APPLICATION_ID: '',
      }),
      logger,
    }).then(
      (h) => h.stop().then(() => null),
      (err: Error) => err,
    );
    // What `npm start` would print: "heed could not start: <message>".
    if (error) lines.push(JSON.stringify({ startError: error.message, cause: String(error.cause ?? '') }));
    expect(leaks()).toEqual([]);
  }, 60_000);
});
