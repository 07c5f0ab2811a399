import { z } from 'zod';
import { resolvedConfirmation } from '../../../src/core/presentation/index.ts';
import { parseOrThrow } from '../../../src/core/schemas.ts';
import type { Review } from '../../../src/core/types.ts';
import type { HttpRoute, RouteMatch } from '../../adapter.ts';
import { decodePathId, RESOLVE_PATH, REVIEW_PATH } from '../ids.ts';
import { reviewJson } from '../render/review-json.ts';
import { HttpError, readJsonObject } from '../transport/http-io.ts';
import type { WebContext } from './context.ts';
import { jsonRoute } from './json-route.ts';
import { parseUser, pick } from './request-body.ts';

const StatusFilterSchema = z.enum(['open', 'closed', 'all']).default('open');

function reviewId(params: RouteMatch['params']): string {
  const id = decodePathId(params.reviewId);
  if (id === null) throw new HttpError(400, 'Malformed path.');
  return id;
}

/** The moderators' pane: list reviews, read one, resolve one (moderators only, as the core enforces). */
export function reviewRoutes(ctx: WebContext): HttpRoute[] {
  const { core } = ctx;
  return [
    jsonRoute(ctx, 'GET', '/api/reviews', async ({ url }) => {
      const filter = parseOrThrow(StatusFilterSchema, url.searchParams.get('status') ?? undefined, 'status');
      const statuses: (Review['status'] | undefined)[] =
        filter === 'open' ? ['open'] : filter === 'closed' ? ['resolved', 'dismissed'] : [undefined];
      const lists = await Promise.all(statuses.map((s) => core.listReviews(s, 50)));
      const reviews = lists.flat().sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime());
      const views = await Promise.all(reviews.slice(0, 50).map((r) => core.getReviewView(r.id)));
      return { reviews: views.map(reviewJson) };
    }),

    jsonRoute(ctx, 'GET', REVIEW_PATH, async ({ params }) => ({
      review: reviewJson(await core.getReviewView(reviewId(params))),
    })),

    jsonRoute(ctx, 'POST', RESOLVE_PATH, async ({ req, params }) => {
      const id = reviewId(params);
      const body = await readJsonObject(req);
      const user = parseUser(body);
      const view = await core.resolveReview({
        reviewId: id,
        ...pick(body, ['action', 'text', 'note']),
        actor: {
          platform: 'web',
          userId: user.userId,
          name: user.userName,
          // Never from the body: a token, or the switch on this machine (moderators.ts).
          isModerator: await ctx.moderators.isModerator(req),
        },
      });
      // `confirmation`: what the moderator is told, worded as on Slack and Discord.
      return { review: reviewJson(view), confirmation: resolvedConfirmation(view.review.resolution) };
    }),
  ];
}
