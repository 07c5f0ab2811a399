import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { decodeCustomId } from '../../../adapters/discord/ids.ts';
import { createDiscordAdapter } from '../../../adapters/discord/index.ts';
import { digestMessages } from '../../../adapters/discord/render/digest-embeds.ts';
import { COMMANDS } from '../../../adapters/discord/transport/commands.ts';
import { HeedError } from '../../../src/core/errors.ts';
import type { Answerer } from '../../../src/core/ports.ts';
import { DISCORD_TOKEN, logged, startDiscordHarness } from '../../helpers/discord-harness.ts';
import { discordUser, slashCommand } from '../../helpers/discord-payloads.ts';
import { bigDigest } from '../../helpers/discord-samples.ts';
import { DISCORD_IDS, FakeDiscord } from '../../helpers/fake-discord.ts';

let answerText = 'Short answer.';
const answerer: Answerer = { answer: async () => ({ text: answerText, sources: [], answerer: 'fixed' }) };
const h = await startDiscordHarness('discord_life', { answerer });
const { fake, store, core, logger, adapter, config } = h;

/** Another adapter over the same core, against its own fake Discord (for start-up variants). */
async function secondAdapter(overrides: Partial<typeof config>) {
  const other = await FakeDiscord.start();
  const second = createDiscordAdapter({
    config: { ...config, apiUrl: other.apiUrl, ...overrides },
    core,
    logger,
    rest: { retries: 0 },
  });
  onTestFinished(async () => {
    await second.stop();
    await other.close();
  });
  return { other, second };
}

describe('Discord adapter: start-up, connection and output', () => {
  it('registers /ask guild-scoped with DISCORD_GUILD_ID and logs in with only the Guilds intent', async () => {
    const puts = fake.find((c) => c.method === 'PUT');
    expect(puts.map((c) => c.path)).toEqual([
      `/applications/${DISCORD_IDS.app}/guilds/${DISCORD_IDS.guild}/commands`,
    ]);
    expect(puts[0]!.body).toEqual([
      {
        type: 1,
        name: 'ask',
        description: 'Ask the assistant a question',
        options: [
          {
            type: 3,
            name: 'question',
            description: 'What do you want to know?',
            required: true,
            max_length: 4000,
          },
        ],
      },
    ]);
    expect(puts[0]!.auth).toBe(`Bot ${DISCORD_TOKEN}`);
    const identify = fake.gatewayOps.find((o) => o.op === 2)!.d as { intents: number; token: string };
    expect(identify.intents).toBe(1); // GatewayIntentBits.Guilds
  });

  it('registers globally without a guild id; registering again sends the same bulk overwrite', async () => {
    const { other, second } = await secondAdapter({ guildId: undefined });
    await second.start();
    // Another instance (or a restart) starting against the same application.
    const again = createDiscordAdapter({
      config: { ...config, apiUrl: other.apiUrl, guildId: undefined },
      core,
      logger,
    });
    onTestFinished(() => again.stop());
    await again.start();
    const puts = other.find((c) => c.method === 'PUT');
    expect(puts.map((c) => c.path)).toEqual([
      `/applications/${DISCORD_IDS.app}/commands`,
      `/applications/${DISCORD_IDS.app}/commands`,
    ]);
    expect(puts[0]!.body).toEqual(COMMANDS);
    expect(puts[1]!.body).toEqual(puts[0]!.body);
  });

  it('a failed registration is logged and start-up goes on; a refused login fails start() without the token', async () => {
    const { other, second } = await secondAdapter({});
    other.failWhen((c) => c.method === 'PUT', 500, { message: 'Internal Server Error', code: 0 });
    await second.start();
    expect(logged(logger.lines, 'could not register slash commands')).toBe(true);

    const { other: refusing, second: third } = await secondAdapter({});
    refusing.failWhen((c) => c.path === '/gateway/bot', 401, { message: '401: Unauthorized', code: 0 });
    const err = await third.start().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HeedError);
    expect((err as HeedError).code).toBe('platform');
    expect((err as HeedError).message).toContain('DISCORD_TOKEN');
    expect((err as HeedError).message).not.toContain(DISCORD_TOKEN);
  });

  it('a gateway disconnect is logged, the client resumes, and /ask still works', async () => {
    fake.dropGateway(4000);
    await fake.waitForGatewayOp(6); // RESUME
    expect(logged(logger.lines, 'Discord gateway lost; reconnecting')).toBe(true);
    const ask = slashCommand(discordUser(1), 'ask', { question: 'Still there?' });
    await fake.dispatchInteraction(ask);
    expect((await fake.originalEditFor(ask)).body.embeds[0].description).toBe('Short answer.');
  });

  it('a long answer is split across messages, never truncated; the controls sit on the last one', async () => {
    answerText = Array.from({ length: 120 }, (_, n) => `Paragraph ${n}: ${'lorem ipsum '.repeat(8)}`).join(
      '\n\n',
    );
    const ask = slashCommand(discordUser(2), 'ask', { question: 'Tell me everything' });
    await fake.dispatchInteraction(ask);
    const first = await fake.originalEditFor(ask);
    const followUps = await vi.waitFor(() => {
      const got = fake.find(
        (c) => c.method === 'POST' && c.path === `/webhooks/${DISCORD_IDS.app}/${ask.token}`,
      );
      expect(got.length).toBeGreaterThanOrEqual(2);
      return got;
    });
    const parts = [first, ...followUps];
    expect(parts.map((p) => p.body.embeds[0].description).join('')).toBe(answerText);
    for (const p of parts) expect(p.body.embeds[0].description.length).toBeLessThanOrEqual(4096);
    expect(parts.slice(0, -1).every((p) => p.body.components.length === 0)).toBe(true);
    const last = parts.at(-1)!;
    expect(last.body.embeds[0].footer.text).toBe(`Part ${parts.length} of ${parts.length}`);
    const interactionId = decodeCustomId(last.body.components[0].components[0].custom_id)!;
    expect(interactionId.kind).toBe('vote');
    await vi.waitFor(async () =>
      expect(
        (await store.interactions.get((interactionId as { interactionId: string }).interactionId))?.ref
          .messageId,
      ).toBe(last.response.id),
    );
    answerText = 'Short answer.';
  });

  it('posts the digest to the digest channel as embeds within Discord limits', async () => {
    expect(adapter.digestChannels()).toEqual([DISCORD_IDS.digest]);
    const digest = bigDigest();
    const since = fake.mark();
    await adapter.postDigest(digest, DISCORD_IDS.digest);
    const posts = fake.find((c) => c.method === 'POST' && c.path.startsWith('/channels/'), since);
    expect(posts.map((c) => c.path)).toEqual(
      digestMessages(digest).map(() => `/channels/${DISCORD_IDS.digest}/messages`),
    );
    expect(posts.length).toBeGreaterThan(1);
    const names = posts.flatMap((c) =>
      c.body.embeds.flatMap((e: { fields?: { name: string }[] }) => e.fields ?? []),
    );
    // Every issue is there (long names are shortened visibly, never dropped).
    for (const n of digest.commonIssues.keys())
      expect(names.filter((f: { name: string }) => f.name.startsWith(`Issue ${n}: `))).toHaveLength(1);
  });

  it('without a moderators channel no review is posted; without a digest channel there is none', async () => {
    const lonely = createDiscordAdapter({
      config: { ...config, moderatorsChannel: undefined, digestChannel: undefined },
      core,
      logger,
    });
    expect(await lonely.postReview(await anyReviewView())).toBeNull();
    expect(lonely.digestChannels()).toEqual([]);
    expect(lonely.routes()).toEqual([]);
  });

  it('never writes the bot token to the logs', () => {
    expect(logger.lines.length).toBeGreaterThan(5);
    expect(JSON.stringify(logger.lines)).not.toContain(DISCORD_TOKEN);
  });
});

async function anyReviewView() {
  const i = await core.answer('Which view?', { platform: 'discord', userId: 'U1' });
  const out = await core.recordFeedback({
    interactionId: i.id,
    platform: 'discord',
    userId: 'U1',
    kind: 'correction',
    value: 'This one.',
  });
  return core.getReviewView(out.review!.id);
}
