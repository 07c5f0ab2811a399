import { describe, expect, it } from 'vitest';
import { decodeCustomId, encodeCustomId } from '../../../adapters/discord/ids.ts';
import { embedLength } from '../../../adapters/discord/render/limits.ts';
import type { Answerer, AnswerRequest } from '../../../src/core/ports.ts';
import { startDiscordHarness } from '../../helpers/discord-harness.ts';
import { buttonClick, discordUser, slashCommand } from '../../helpers/discord-payloads.ts';
import { DISCORD_IDS } from '../../helpers/fake-discord.ts';

const seen: AnswerRequest[] = [];
const answerer: Answerer = {
  answer: async (req) => {
    seen.push(req);
    return { text: `Answer ${seen.length}.`, sources: [], answerer: 'test' };
  },
};
const { fake, store } = await startDiscordHarness('discord_thread', { answerer });
const THREAD = '3000000000000000777';
const isThreadRead = (c: { method: string; path: string }) =>
  c.method === 'GET' && c.path === `/channels/${THREAD}`;
const threadChannel = { id: THREAD, type: 11, guild_id: DISCORD_IDS.guild, parent_id: DISCORD_IDS.channel };

/** /ask in a channel; returns the interaction id of the answer. */
async function ask(question: string, channelId: string): Promise<string> {
  const cmd = slashCommand(discordUser(1), 'ask', { question }, { channelId });
  await fake.dispatchInteraction(cmd);
  const edit = await fake.originalEditFor(cmd);
  const id = decodeCustomId(edit.body.components[0].components[0].custom_id);
  if (id?.kind !== 'vote') throw new Error('no vote button on the answer');
  return id.interactionId;
}

describe('Discord: thread context over the real discord.js client', () => {
  let followUpId = '';

  it('/ask inside a thread carries the thread’s earlier turns; a channel /ask carries none', async () => {
    fake.failWhen(isThreadRead, 200, threadChannel, 2); // Discord says: a public thread
    const firstId = await ask('What is the expense limit?', THREAD);
    expect(seen.at(-1)!.history).toEqual([]);
    followUpId = await ask('Does it include travel?', THREAD);
    expect(seen.at(-1)!.history).toEqual([
      { role: 'user', text: 'What is the expense limit?' },
      { role: 'assistant', text: 'Answer 1.' },
    ]);
    expect(seen.at(-1)!.conversation).toEqual({ platform: 'discord', channelId: THREAD, threadId: THREAD });
    expect(await store.interactions.get(followUpId)).toMatchObject({
      threadKey: `discord:${THREAD}:${THREAD}`,
      contextIds: [firstId],
    });

    await ask('Does it include travel?', DISCORD_IDS.channel); // a plain channel (the fake answers 404)
    expect(seen.at(-1)!.history).toEqual([]);
    expect(seen.at(-1)!.conversation).toEqual({ platform: 'discord', channelId: DISCORD_IDS.channel });
  });

  it('the review of the follow-up shows the thread context in its embed', async () => {
    const since = fake.mark();
    for (const n of [2, 3, 4]) {
      const id = encodeCustomId({ kind: 'vote', interactionId: followUpId, value: 'down' });
      await fake.dispatchInteraction(buttonClick(discordUser(n), id, { channelId: THREAD }));
    }
    const post = await fake.waitForCall(
      (c) => c.method === 'POST' && c.path === `/channels/${DISCORD_IDS.moderators}/messages`,
      since,
      'review message',
    );
    const embed = post.body.embeds[0];
    const context = embed.fields.find((f: { name: string }) => f.name === 'Earlier in the thread');
    expect(context?.value).toBe('• Q: What is the expense limit? → A: Answer 1.');
    expect(embedLength(embed)).toBeLessThanOrEqual(6000);
  });
});
