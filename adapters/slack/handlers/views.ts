import type { App } from '@slack/bolt';
import { isUserFacing } from '../../../src/core/errors.ts';
import { alreadyClosedText, correctionThanks, reasonsThanks } from '../../../src/core/presentation/index.ts';
import { tellUser } from '../boundary.ts';
import { HEED_PREFIX, type ModalMeta, parseMeta } from '../ids.ts';
import {
  FIELD,
  fieldFor,
  readCorrection,
  readReasons,
  readResolution,
  type ViewState,
} from '../render/modals.ts';
import type { SlackContext } from './context.ts';
import { runDelivery } from './deliveries.ts';
import { logId, payloadUser } from './payload.ts';

type Ack = (response?: { response_action: 'errors'; errors: Record<string, string> }) => Promise<void>;

/**
 * Modal submissions. Input is checked before the ack so problems show as field errors
 * (`response_action: errors`) with nothing stored; the write happens after the ack (3-second window).
 */
export function registerViewHandlers(app: App, ctx: SlackContext): void {
  app.view(HEED_PREFIX, async ({ ack, body, view, client }) => {
    const meta = parseMeta(view.callback_id, view.private_metadata);
    const { id: userId, name } = payloadUser(body);
    if (!meta || !userId) {
      ctx.logger.warn({ callbackId: logId(view.callback_id) }, 'ignored an unrecognised modal');
      await ack();
      return;
    }
    const to = {
      userId,
      channelId: meta.channelId,
      threadTs: meta.kind === 'resolve' ? undefined : meta.threadTs,
    };
    const state = (view.state?.values ?? {}) as ViewState;
    let acked = false;
    const ackOnce: Ack = async (response) => {
      if (acked) return;
      acked = true;
      await (ack as Ack)(response);
    };
    await runDelivery(
      ctx,
      body,
      {
        what: `view ${meta.kind}`,
        context: { user: userId },
        reply: async (text) => {
          if (!acked) return ackOnce({ response_action: 'errors', errors: { [errorField(meta)]: text } });
          await tellUser(client, ctx.logger, to, text);
        },
      },
      () =>
        onSubmit(ctx, meta, state, { userId, name }, ackOnce, (text) =>
          tellUser(client, ctx.logger, to, text),
        ),
    );
    await ackOnce();
  });
}

const actorOf = (user: { userId: string; name?: string }) => ({
  platform: 'slack' as const,
  userId: user.userId,
  ...(user.name ? { name: user.name } : {}),
});

const errorField = (meta: ModalMeta) =>
  meta.kind === 'resolve' ? fieldFor(meta.action) : meta.kind === 'correction' ? FIELD.text : FIELD.comment;

async function onSubmit(
  ctx: SlackContext,
  meta: ModalMeta,
  state: ViewState,
  user: { userId: string; name?: string },
  ack: Ack,
  tell: (text: string) => Promise<void>,
): Promise<void> {
  const base = {
    platform: 'slack' as const,
    userId: user.userId,
    ...(user.name ? { userName: user.name } : {}),
  };
  if (meta.kind === 'correction') {
    const text = readCorrection(state);
    if (!text.ok) return ack({ response_action: 'errors', errors: text.errors });
    await ctx.core.getInteraction(meta.interactionId);
    await ack();
    const out = await ctx.core.recordFeedback({
      ...base,
      interactionId: meta.interactionId,
      kind: 'correction',
      value: text.value,
    });
    await tell(correctionThanks(Boolean(out.review)));
    return;
  }
  if (meta.kind === 'reasons') {
    const why = readReasons(state);
    if (!why.ok) return ack({ response_action: 'errors', errors: why.errors });
    await ctx.core.getInteraction(meta.interactionId);
    await ack();
    await ctx.core.recordFeedback({
      ...base,
      interactionId: meta.interactionId,
      kind: 'vote',
      value: 'down',
      reasons: why.value.reasons,
      ...(why.value.comment ? { comment: why.value.comment } : {}),
    });
    // Known reason ids only (readReasons keeps nothing else), so nothing here needs escaping.
    await tell(reasonsThanks(why.value.reasons));
    return;
  }
  const input = readResolution(meta.action, state);
  if (!input.ok) return ack({ response_action: 'errors', errors: input.errors });
  const isModerator = await ctx.moderators.isModerator(user.userId);
  const field = fieldFor(meta.action);
  const attempt = { reviewId: meta.reviewId, actor: { ...actorOf(user), isModerator }, action: meta.action };
  if (!(await ctx.core.mayActOnReview(attempt)))
    return ack({ response_action: 'errors', errors: { [field]: 'Only moderators can resolve reviews.' } });
  const current = await ctx.core.getReviewView(meta.reviewId);
  if (current.review.status !== 'open')
    return ack({
      response_action: 'errors',
      errors: { [field]: alreadyClosedText(current.review.status) },
    });
  await ack();
  try {
    await ctx.core.resolveReview({
      reviewId: meta.reviewId,
      actor: { ...actorOf(user), isModerator },
      action: meta.action,
      ...input.value,
    });
  } catch (err) {
    // Lost a race with another moderator, or the core refused: the modal is closed, so say it in Slack.
    if (isUserFacing(err)) return tell(err.message);
    throw err;
  }
}
