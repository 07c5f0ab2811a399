import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const manifest = readFileSync(new URL('../../../manifest.yml', import.meta.url), 'utf8');
const setup = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
const listUnder = (key: string) => {
  const block = manifest.split(`${key}:\n`)[1] ?? '';
  return [...block.matchAll(/^\s+- ([a-z_:.]+)/gm)].map((m) => m[1]).slice(0, 20);
};

describe('manifest.yml matches what the adapter handles', () => {
  it('subscribes to the events the adapter listens to and nothing it ignores', () => {
    expect(listUnder('bot_events').slice(0, 2)).toEqual(['app_mention', 'message.im']);
  });

  it('requests the scopes those features need', () => {
    const scopes = listUnder('bot');
    for (const s of [
      'app_mentions:read',
      'chat:write',
      'commands',
      'im:history',
      'im:read',
      'im:write',
      'channels:read',
      'groups:read',
    ])
      expect(scopes).toContain(s);
  });

  it('declares /ask, interactivity and Socket Mode', () => {
    expect(manifest).toMatch(/- command: \/ask/);
    expect(manifest).toMatch(/interactivity:\n\s+is_enabled: true/);
    expect(manifest).toMatch(/socket_mode_enabled: true/);
  });

  it('SETUP names every Slack variable and the HTTP request URL', () => {
    for (const v of [
      'SLACK_BOT_TOKEN',
      'SLACK_APP_TOKEN',
      'SLACK_SIGNING_SECRET',
      'SLACK_MODERATORS_CHANNEL',
      'SLACK_DIGEST_CHANNEL',
      'SLACK_MODERATOR_IDS',
      'SLACK_API_URL',
    ])
      expect(setup).toContain(v);
    expect(setup).toContain('https://heed.example.com/slack/events');
  });
});
