import type { App, RespondFn } from '@slack/bolt';
import type { ConversationRef } from '../../../src/core/types.ts';
import { tellUser } from '../boundary.ts';
import { answerMessages } from '../render/answer.ts';
import { slackErrorInfo } from '../transport/slack-errors.ts';
import type { Client, SlackContext } from './context.ts';
import { runDelivery } from './deliveries.ts';
import { postAnswer } from './post-answer.ts';

export const USAGE =
  'Ask me a question: `/ask How do I reset my password?` — or mention me in a channel, or send me a direct message.';

/** Removes mentions of the bot (and leading ones of anyone) so only the question remains. */
function stripMention(text: string, botUserId?: string): string {
  let out = botUserId ? text.replaceAll(new RegExp(`<@${botUserId}(\\|[^>]*)?>`, 'g'), ' ') : text;
  out = out.replace(/^(\s*<@[A-Z0-9]+(\|[^>]*)?>)+/, ' ');
  return out.replace(/[ \t]+/g, ' ').trim();
}

async function ask(
  ctx: SlackContext,
  client: Client,
  question: string,
  ref: ConversationRef,
  where: { channel: string; threadTs?: string },
): Promise<void> {
  if (question === '') {
    await tellUser(
      client,
      ctx.logger,
      { userId: ref.userId, channelId: where.channel, threadTs: where.threadTs },
      USAGE,
    );
    return;
  }
  const interaction = await ctx.core.answer(question, ref);
  await postAnswer(ctx, client, interaction, where);
}

/**
 * An Events API question (mention or DM): de-duplicated by event id, answered where it was asked (in
 * `threadTs` when there is one).
 */
async function answerEvent(
  ctx: SlackContext,
  client: Client,
  what: string,
  body: { event_id: string; team_id?: string },
  e: { user: string; channel: string; ts: string; text?: string; botUserId?: string; threadTs?: string },
): Promise<void> {
  const { threadTs } = e;
  const ref: ConversationRef = {
    platform: 'slack',
    userId: e.user,
    channelId: e.channel,
    messageId: e.ts,
    ...(threadTs ? { threadId: threadTs } : {}),
    teamId: body.team_id,
  };
  const to = { userId: e.user, channelId: e.channel, threadTs };
  await runDelivery(
    ctx,
    body,
    {
      what,
      context: { channel: e.channel, user: e.user, eventId: body.event_id },
      reply: (text) => tellUser(client, ctx.logger, to, text),
    },
    () => ask(ctx, client, stripMention(e.text ?? '', e.botUserId), ref, { channel: e.channel, threadTs }),
  );
}

/** Questions: @mentions in channels (answered in the thread), direct messages, and `/ask`. */
export function registerQuestionHandlers(app: App, ctx: SlackContext): void {
  app.event('app_mention', async ({ event, body, context, client }) => {
    const user = event.user;
    if (!user || event.subtype || event.bot_id) return;
    await answerEvent(ctx, client, 'app_mention', body, {
      ...event,
      user,
      botUserId: context.botUserId,
      threadTs: event.thread_ts ?? event.ts,
    });
  });

  app.event('message', async ({ event, body, context, client }) => {
    // Direct messages only; the bot's own messages, edits, joins and every other subtype are not questions.
    if (event.channel_type !== 'im' || event.subtype !== undefined) return;
    const user = event.user;
    if (!user || event.bot_id || user === context.botUserId) return;
    await answerEvent(ctx, client, 'message.im', body, {
      ...event,
      user,
      botUserId: context.botUserId,
      threadTs: event.thread_ts,
    });
  });

  app.command('/ask', async ({ command, body, ack, respond, client }) => {
    const question = command.text.trim();
    if (question === '') {
      await ack({ response_type: 'ephemeral', text: USAGE });
      return;
    }
    await ack();
    await runDelivery(
      ctx,
      body,
      {
        what: '/ask',
        context: { channel: command.channel_id, user: command.user_id },
        reply: (text) => respond({ response_type: 'ephemeral', text }).then(() => undefined),
      },
      async () => {
        const ref: ConversationRef = {
          platform: 'slack',
          userId: command.user_id,
          userName: command.user_name,
          channelId: command.channel_id,
          teamId: command.team_id,
        };
        const interaction = await ctx.core.answer(question, ref);
        try {
          await postAnswer(ctx, client, interaction, { channel: command.channel_id, showQuestion: true });
        } catch (err) {
          // Not a member of that channel (or a DM between others): the command's response_url still works.
          const code = slackErrorInfo(err)?.slackError;
          if (code !== 'not_in_channel' && code !== 'channel_not_found') throw err;
          await respondInChannel(respond, interaction);
          await ctx.core.recordAnswerPosted(interaction.id, { channelId: command.channel_id });
        }
      },
    );
  });
}

async function respondInChannel(respond: RespondFn, interaction: Parameters<typeof answerMessages>[0]) {
  for (const m of answerMessages(interaction, { showQuestion: true })) {
    await respond({ response_type: 'in_channel', replace_original: false, text: m.text, blocks: m.blocks });
  }
}
