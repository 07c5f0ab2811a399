import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { createLogger } from '../src/logger.ts';

describe('loadConfig', () => {
  it('gives the documented defaults for an empty environment', () => {
    const c = loadConfig({});
    expect(c.mongo).toEqual({ uri: undefined, dbName: 'heed', dataDir: './data', ferretdbBin: undefined });
    expect(c.port).toBe(3000);
    expect(c.digest).toEqual({ cron: '0 9 * * 1', timezone: 'UTC' });
    expect(c.review).toEqual({ window: 10, negativeRate: 0.3, minSamples: 3 });
    expect(c.knowledgeDir).toBe('./knowledge');
    expect(c.slack).toBeUndefined();
    expect(c.discord).toBeUndefined();
    expect(c.openai).toBeUndefined();
    expect(c.playground).toBe(true);
  });

  it('reads platforms and turns the playground off when a platform is configured', () => {
    const c = loadConfig({
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_SIGNING_SECRET: 's',
      SLACK_MODERATOR_IDS: 'U1, U2,',
      DISCORD_TOKEN: 't',
      DISCORD_APPLICATION_ID: '123456789',
      OPENAI_BASE_URL: 'http://127.0.0.1:1/v1',
    });
    expect(c.slack).toMatchObject({ botToken: 'xoxb-1', signingSecret: 's', moderatorIds: ['U1', 'U2'] });
    expect(c.discord).toMatchObject({ token: 't', applicationId: '123456789' });
    expect(c.openai?.baseUrl).toBe('http://127.0.0.1:1/v1');
    expect(c.playground).toBe(false);
    expect(
      loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1', HEED_PLAYGROUND: '1' }).playground,
    ).toBe(true);
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ MONGODB_URI: 'postgres://x' }, 'MONGODB_URI'],
    [{ REVIEW_NEGATIVE_RATE: '1.5' }, 'REVIEW_NEGATIVE_RATE'],
    [{ REVIEW_WINDOW: '0' }, 'REVIEW_WINDOW'],
    [{ REVIEW_REFRESH_SECONDS: '-1' }, 'REVIEW_REFRESH_SECONDS'],
    [{ REVIEW_REFRESH_SECONDS: '2.5' }, 'REVIEW_REFRESH_SECONDS'],
    [{ DIGEST_TZ: 'Mars/Olympus' }, 'DIGEST_TZ'],
    [{ DIGEST_CRON: 'every monday' }, 'DIGEST_CRON'],
    [{ SLACK_BOT_TOKEN: 'xoxp-user' }, 'SLACK_BOT_TOKEN'],
    [{ SLACK_BOT_TOKEN: 'xoxb-1' }, 'SLACK_SIGNING_SECRET'],
    [{ SLACK_APP_TOKEN: 'xapp-1' }, 'SLACK_BOT_TOKEN'],
    [{ SLACK_MODERATORS_CHANNEL: '#mods' }, 'SLACK_MODERATORS_CHANNEL'],
    [{ DISCORD_TOKEN: 't' }, 'DISCORD_APPLICATION_ID'],
    [{ DISCORD_GUILD_ID: 'my-guild' }, 'DISCORD_GUILD_ID'],
    [{ OPENAI_BASE_URL: 'not a url' }, 'OPENAI_BASE_URL'],
  ])('fails fast on %o naming %s', (env, variable) => {
    expect(() => loadConfig(env)).toThrow(new RegExp(`^Invalid configuration: ${variable} `));
  });
});

describe('logger', () => {
  it('redacts secrets wherever they appear', () => {
    let out = '';
    const sink = new Writable({
      write(chunk, _enc, cb) {
        out += chunk.toString();
        cb();
      },
    });
    const logger = createLogger('info', sink);
    logger.info(
      { token: 'xoxb-secret-1', slack: { botToken: 'xoxb-secret-2' }, openai: { apiKey: 'sk-secret-3' } },
      'hello',
    );
    logger
      .child({ uri: 'mongodb://user:pw@host/db' })
      .warn({ headers: { authorization: 'Bearer secret-4' } }, 'x');
    expect(out).toContain('hello');
    for (const secret of ['xoxb-secret-1', 'xoxb-secret-2', 'sk-secret-3', 'user:pw', 'secret-4'])
      expect(out).not.toContain(secret);
    expect(out).toContain('[redacted]');
  });
});
