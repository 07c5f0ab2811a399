import type { ChatInputCommandInteraction, Message } from 'discord.js';
import type { ConversationRef } from '../../src/core/types.ts';
import { answerMessages } from './answer-message.ts';
import { ASK } from './commands.ts';
import type { HandlerContext } from './handler-context.ts';
import { NO_MENTIONS } from './limits.ts';
import { displayName } from './moderator.ts';

/**
 * `/ask question:<text>`: deferred at once (answers can take longer than 3 s), then the answer with
 * its feedback controls; the message holding the controls is recorded on the interaction.
 */
export async function handleAsk(i: ChatInputCommandInteraction, ctx: HandlerContext): Promise<void> {
  await i.deferReply();
  const question = i.options.getString(ASK.option, true);
  const ref: ConversationRef = { platform: 'discord', userId: i.user.id, userName: displayName(i) };
  if (i.channelId) ref.channelId = i.channelId;
  if (i.guildId) ref.guildId = i.guildId;
  const interaction = await ctx.core.answer(question, ref);
  const [first, ...rest] = answerMessages(interaction);
  let last: Message = await i.editReply({ ...first!, allowedMentions: NO_MENTIONS });
  for (const part of rest) last = await i.followUp({ ...part, allowedMentions: NO_MENTIONS });
  await ctx.core.store.interactions.setMessageRef(interaction.id, {
    channelId: last.channelId,
    messageId: last.id,
  });
  ctx.logger.info({ interactionId: interaction.id, parts: rest.length + 1 }, 'question answered');
}
