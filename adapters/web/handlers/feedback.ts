import type { HttpRoute } from '../../adapter.ts';
import { feedbackReply } from '../render/feedback-reply.ts';
import { readJsonObject } from '../transport/http-io.ts';
import type { WebContext } from './context.ts';
import { jsonRoute } from './json-route.ts';
import { parseUser, pick } from './request-body.ts';

/** POST /api/feedback: a vote, rating or correction, recorded by the core; `reply` is what the person is told. */
export function feedbackRoutes(ctx: WebContext): HttpRoute[] {
  return [
    jsonRoute(ctx, 'POST', '/api/feedback', async ({ req }) => {
      const body = await readJsonObject(req);
      const user = parseUser(body);
      const fields = pick(body, ['interactionId', 'kind', 'value', 'reasons', 'comment']);
      const outcome = await ctx.core.recordFeedback({ ...fields, ...user, platform: 'web' });
      ctx.platform.events.publish({ type: 'feedback', interactionId: outcome.feedback.interactionId });
      return { ...outcome, reply: feedbackReply(outcome) };
    }),
  ];
}
