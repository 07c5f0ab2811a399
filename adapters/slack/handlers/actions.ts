import type { App } from '@slack/bolt';
import {
  ASK_WHY,
  actorName,
  alreadyClosedText,
  ratingThanks,
  voteReply,
} from '../../../src/core/presentation/index.ts';
import { type Recipient, tellUser } from '../boundary.ts';
import { ACTION, HEED_PREFIX, parseAction, type SlackAction } from '../ids.ts';
import { correctionModal, reasonsModal, resolveModal } from '../render/modals.ts';
import { escapeMrkdwn } from '../render/text.ts';
import type { Client, SlackContext } from './context.ts';
import { runDelivery } from './deliveries.ts';
import { logId, obj, payloadUser, str } from './payload.ts';

interface Clicker extends Recipient {
  name?: string;
  triggerId?: string;
}

/** The clicked element's value: buttons and feedback buttons carry `value`, selects a selected option. */
function clickedValue(action: Record<string, unknown>): string | undefined {
  return str(action, 'value') ?? str(obj(action, 'selected_option'), 'value');
}

/** Every heed button, feedback button and select: ack at once, de-duplicate redeliveries, then act. */
export function registerActionHandlers(app: App, ctx: SlackContext): void {
  app.action(HEED_PREFIX, async ({ ack, body, action, client }) => {
    await ack();
    const raw = action as unknown as Record<string, unknown>;
    const parsed = parseAction(raw.action_id, clickedValue(raw));
    const { id: userId, name } = payloadUser(body);
    const clicker: Clicker = {
      userId: userId ?? '',
      name,
      channelId: str(obj(body, 'channel'), 'id') ?? str(obj(body, 'container'), 'channel_id'),
      threadTs: str(obj(body, 'message'), 'thread_ts') ?? str(obj(body, 'container'), 'thread_ts'),
      triggerId: str(body, 'trigger_id'),
    };
    // heed's controls only ever arrive as block_actions; Bolt routes anything carrying `actions` here.
    if (!parsed || !userId || str(body, 'type') !== 'block_actions') {
      ctx.logger.warn({ actionId: logId(raw.action_id), user: userId }, 'ignored an unrecognised action');
      return;
    }
    await runDelivery(
      ctx,
      body,
      {
        what: `action ${parsed.kind}`,
        context: { user: userId, channel: clicker.channelId },
        reply: (text) => tellUser(client, ctx.logger, clicker, text),
      },
      () => onAction(ctx, client, parsed, clicker),
    );
  });
}

async function onAction(ctx: SlackContext, client: Client, a: SlackAction, who: Clicker): Promise<void> {
  const base = {
    platform: 'slack' as const,
    userId: who.userId,
    ...(who.name ? { userName: who.name } : {}),
  };
  const where = { channelId: who.channelId, threadTs: who.threadTs };
  switch (a.kind) {
    case 'vote': {
      const out = await ctx.core.recordFeedback({
        ...base,
        interactionId: a.interactionId,
        kind: 'vote',
        value: a.value,
      });
      const reply = voteReply(a.value, out.status);
      if (a.value === 'up') {
        await tellUser(client, ctx.logger, who, reply);
        return;
      }
      const text = `${reply} ${ASK_WHY}`;
      await tellUser(client, ctx.logger, who, text, [
        { type: 'section', text: { type: 'mrkdwn', text } },
        {
          type: 'actions',
          elements: [
            {
              type: 'button',
              action_id: ACTION.why,
              text: { type: 'plain_text', text: 'Tell us why' },
              value: a.interactionId,
            },
          ],
        },
      ]);
      return;
    }
    case 'rate':
      await ctx.core.recordFeedback({
        ...base,
        interactionId: a.interactionId,
        kind: 'rating',
        value: a.value,
      });
      await tellUser(client, ctx.logger, who, ratingThanks(a.value));
      return;
    case 'correct': {
      const interaction = await ctx.core.getInteraction(a.interactionId);
      await openModal(
        client,
        who,
        correctionModal(interaction, { kind: 'correction', interactionId: a.interactionId, ...where }),
      );
      return;
    }
    case 'why':
      await ctx.core.getInteraction(a.interactionId);
      await openModal(
        client,
        who,
        reasonsModal({ kind: 'reasons', interactionId: a.interactionId, ...where }),
      );
      return;
    case 'review':
      await onReviewAction(ctx, client, a, who);
      return;
  }
}

async function onReviewAction(
  ctx: SlackContext,
  client: Client,
  a: Extract<SlackAction, { kind: 'review' }>,
  who: Clicker,
): Promise<void> {
  const actor = {
    platform: 'slack' as const,
    userId: who.userId,
    ...(who.name ? { name: who.name } : {}),
    isModerator: await ctx.moderators.isModerator(who.userId),
  };
  // The core decides and audits a refusal; the adapter only states the platform fact.
  if (!(await ctx.core.mayActOnReview({ reviewId: a.reviewId, actor, action: a.action }))) {
    ctx.logger.info({ user: who.userId, reviewId: a.reviewId, action: a.action }, 'non-moderator refused');
    await tellUser(
      client,
      ctx.logger,
      who,
      'Only moderators (members of the moderators’ channel) can act on reviews.',
    );
    return;
  }
  const view = await ctx.core.getReviewView(a.reviewId);
  if (view.review.status !== 'open') {
    const r = view.review.resolution;
    // The name is data: escaped, and a name rather than a mention, so nobody is pinged.
    const by = r && escapeMrkdwn(actorName(r.actor));
    await tellUser(client, ctx.logger, who, alreadyClosedText(view.review.status, by));
    return;
  }
  const instructions = a.action === 'update_instructions' ? await ctx.core.currentInstructions() : '';
  const meta = { kind: 'resolve' as const, action: a.action, reviewId: a.reviewId, channelId: who.channelId };
  await openModal(client, who, resolveModal(a.action, view, instructions, meta));
}

async function openModal(client: Client, who: Clicker, view: Parameters<Client['views']['open']>[0]['view']) {
  if (!who.triggerId) throw new Error('the click carried no trigger_id');
  await client.views.open({ trigger_id: who.triggerId, view });
}
