import type { Interaction } from '../../../src/core/types.ts';
import { answerMessages } from '../render/answer.ts';
import type { Client, SlackContext } from './context.ts';

/**
 * Posts an answer (one message, or more for a very long one) and records where its controls live;
 * resolves with the ts of the message holding them.
 */
export async function postAnswer(
  ctx: Pick<SlackContext, 'core'>,
  client: Client,
  interaction: Interaction,
  where: { channel: string; threadTs?: string; showQuestion?: boolean },
): Promise<string | undefined> {
  let ts: string | undefined;
  for (const message of answerMessages(interaction, { showQuestion: where.showQuestion })) {
    const res = await client.chat.postMessage({
      channel: where.channel,
      text: message.text,
      blocks: message.blocks,
      ...(where.threadTs ? { thread_ts: where.threadTs } : {}),
    });
    ts = res.ts;
  }
  await ctx.core.recordAnswerPosted(interaction.id, {
    channelId: where.channel,
    ...(ts ? { messageId: ts } : {}),
    ...(where.threadTs ? { threadId: where.threadTs } : {}),
  });
  return ts;
}
