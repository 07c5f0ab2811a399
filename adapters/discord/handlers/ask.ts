import { ChannelType, type ChatInputCommandInteraction, type Message, Routes } from 'discord.js';
import type { ConversationRef } from '../../../src/core/types.ts';
import { answerMessages } from '../render/answer-message.ts';
import { NO_MENTIONS } from '../render/limits.ts';
import { ASK } from '../transport/commands.ts';
import { displayName } from './actor.ts';
import type { DiscordContext } from './router.ts';

const THREADS: ReadonlySet<number> = new Set([
  ChannelType.PublicThread,
  ChannelType.PrivateThread,
  ChannelType.AnnouncementThread,
]);

/** From the cache (threads arrive with the Guilds intent), else one REST read of the channel. */
async function inThread(i: ChatInputCommandInteraction, ctx: DiscordContext): Promise<boolean> {
  if (!i.guildId || !i.channelId) return false;
  if (i.channel) return i.channel.isThread();
  try {
    const channel = (await i.client.rest.get(Routes.channel(i.channelId))) as { type?: unknown };
    return typeof channel.type === 'number' && THREADS.has(channel.type);
  } catch (err) {
    ctx.logger.debug({ channelId: i.channelId, err: String(err) }, 'channel type unknown: no thread context');
    return false;
  }
}

/**
 * `/ask question:<text>`: deferred at once (answers can take longer than 3 s), then the answer with
 * its feedback controls; the message holding the controls is recorded on the interaction.
 */
export async function handleAsk(i: ChatInputCommandInteraction, ctx: DiscordContext): Promise<void> {
  await i.deferReply();
  const question = i.options.getString(ASK.option, true);
  const ref: ConversationRef = { platform: 'discord', userId: i.user.id, userName: displayName(i) };
  if (i.channelId) ref.channelId = i.channelId;
  if (i.guildId) ref.guildId = i.guildId;
  // Inside a thread the thread is the conversation: the core sends its earlier turns as context.
  if (i.channelId && (await inThread(i, ctx))) ref.threadId = i.channelId;
  const interaction = await ctx.core.answer(question, ref);
  const [first, ...rest] = answerMessages(interaction);
  let last: Message = await i.editReply({ ...first!, allowedMentions: NO_MENTIONS });
  for (const part of rest) last = await i.followUp({ ...part, allowedMentions: NO_MENTIONS });
  await ctx.core.recordAnswerPosted(interaction.id, {
    channelId: last.channelId,
    messageId: last.id,
  });
  ctx.logger.info({ interactionId: interaction.id, parts: rest.length + 1 }, 'question answered');
}
