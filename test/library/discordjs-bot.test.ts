import { randomBytes } from 'node:crypto';
import type { Client } from 'discord.js';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeCustomId, encodeCustomId } from '../../adapters/discord/ids.ts';
// @ts-expect-error the example is plain JavaScript (no declarations): exactly what a team writes.
import { startBot } from '../../examples/discordjs-bot/bot.js';
import type { Heed } from '../../src/index.ts';
import { storeOnNamedDb, testMongoUri } from '../helpers/db.ts';
import { buttonClick, discordUser, modalSubmit, slashCommand } from '../helpers/discord-payloads.ts';
import { DISCORD_IDS, FakeDiscord } from '../helpers/fake-discord.ts';
import { waitFor } from '../helpers/fake-slack.ts';

const MODS = DISCORD_IDS.moderators;
const fake = await FakeDiscord.start();
const dbName = `lib_discord_${randomBytes(4).toString('hex')}`;
await storeOnNamedDb(dbName); // dropped after the file
const bot = (await startBot(
  {
    MONGODB_URI: testMongoUri(),
    MONGODB_DB: dbName,
    DISCORD_TOKEN: 'team-bot-token.NEVER-IN-LOGS',
    DISCORD_MODERATORS_CHANNEL: MODS,
    DISCORD_MODERATOR_ROLE: DISCORD_IDS.moderatorRole,
    LOG_LEVEL: 'silent',
  },
  { rest: { api: fake.apiUrl, retries: 0 } },
)) as { client: Client; heed: Heed; stop(): Promise<void> };
await waitFor(() => bot.client.isReady(), 'the team’s client to be ready');

afterAll(async () => {
  await bot.stop();
  await fake.close();
});

const moderator = discordUser(90, { globalName: 'Mo Derator', roles: [DISCORD_IDS.moderatorRole] });

/** The team's /ask: exactly one callback (the team's, deferred by heed.discord.reply), then the edit. */
async function ask(n: number, question: string) {
  const payload = slashCommand(discordUser(n), 'ask', { question });
  const since = fake.mark();
  expect((await fake.dispatchInteraction(payload)).body).toMatchObject({ type: 5 });
  const edit = await fake.originalEditFor(payload, since);
  const callbacks = fake.find((c) => c.path === `/interactions/${payload.id}/${payload.token}/callback`);
  expect(callbacks).toHaveLength(1);
  const vote = decodeCustomId(edit.body.components[0].components[0].custom_id);
  if (vote?.kind !== 'vote') throw new Error('no heed vote button on the answer');
  return { edit, interactionId: vote.interactionId, text: edit.body.embeds[0].description as string };
}

describe('examples/discordjs-bot: a plain discord.js bot with heed.discord.register', () => {
  const question = 'How do I rotate the API keys?';
  const corrected = 'Settings → API → Rotate keys (owners only); old keys stop working after 24 hours.';
  let first: Awaited<ReturnType<typeof ask>>;
  let reviewId = '';

  it('answers the team’s /ask with the agent’s text and heed’s components, recorded as external', async () => {
    first = await ask(1, question);
    expect(first.text).toContain('My best guess about');
    expect(first.edit.body.embeds[0].title).toBe(question);
    const stored = await bot.heed.core.getInteraction(first.interactionId);
    expect(stored).toMatchObject({
      question,
      answerer: 'external',
      ref: { platform: 'discord', userId: discordUser(1).id, guildId: DISCORD_IDS.guild },
    });
    // The message ref is written right after the edit went out.
    await waitFor(
      async () =>
        (await bot.heed.core.getInteraction(first.interactionId)).ref.messageId === first.edit.response.id,
      'the answer message ref',
    );
  });

  it('three 👎 raise one review message in the moderators channel', async () => {
    for (const n of [1, 2, 3]) {
      const id = encodeCustomId({ kind: 'vote', interactionId: first.interactionId, value: 'down' });
      const click = buttonClick(discordUser(n), id, { messageId: first.edit.response.id });
      expect((await fake.dispatchInteraction(click)).body).toEqual({ type: 5, data: { flags: 64 } });
      await fake.originalEditFor(click);
    }
    const posts = fake.find((c) => c.method === 'POST' && c.path === `/channels/${MODS}/messages`);
    expect(posts).toHaveLength(1);
    expect(posts[0]!.body.embeds[0].title).toContain(question);
    const [review] = await bot.heed.core.listReviews('open');
    reviewId = review!.id;
  });

  it('a moderator applies a correction; the team’s answerer sees it through heed.knowledge.search', async () => {
    const apply = encodeCustomId({ kind: 'review', reviewId, action: 'apply' });
    const modal = await fake.dispatchInteraction(buttonClick(moderator, apply, { channelId: MODS }));
    expect(modal.body.type).toBe(9);
    const submit = modalSubmit(
      moderator,
      modal.body.data.custom_id,
      { answer: corrected },
      { channelId: MODS },
    );
    await fake.dispatchInteraction(submit);
    expect((await fake.originalEditFor(submit)).body.content).toContain('knowledge entry v1');

    const hits = await bot.heed.knowledge.search(question);
    expect(hits[0]).toMatchObject({ answer: corrected, match: 'pattern', version: 1, source: 'correction' });
    const again = await ask(4, question);
    expect(again.text).toBe(corrected);
    expect((await bot.heed.core.getInteraction(again.interactionId)).sources).toEqual([
      { knowledgeId: hits[0]!.id, version: 1, title: hits[0]!.question },
    ]);
  });

  it('the team’s own button still reaches the team’s handler (heed says "not mine")', async () => {
    const reply = await fake.dispatchInteraction(buttonClick(discordUser(5), 'team:ping'));
    expect(reply.body).toMatchObject({ type: 4, data: { content: 'pong' } });
  });

  it('heed.discord.components gives the same controls for a message the team sends itself', async () => {
    const recorded = await bot.heed.recordInteraction({
      platform: 'discord',
      userId: discordUser(6).id,
      question: 'Where is the status page?',
      answer: 'status.example.com',
    });
    const rows = bot.heed.discord.components(recorded.id);
    const ids = rows.flatMap((r) => r.components.map((c) => ('custom_id' in c ? c.custom_id : '')));
    expect(ids.map((id) => decodeCustomId(id)?.kind)).toEqual(['vote', 'vote', 'correct', 'rate']);
    expect(() => bot.heed.discord.components('nope')).toThrow(/interaction id/);
  });
});
