import type { IncomingMessage, ServerResponse } from 'node:http';
import { errorMessage } from '../../src/core/errors.ts';
import type { FeedbackCore } from '../../src/core/feedback-core.ts';
import type { Logger } from '../../src/core/ports.ts';
import { summarizeFeedback } from '../../src/core/review-view.ts';
import { parseOrThrow } from '../../src/core/schemas.ts';
import type { Review } from '../../src/core/types.ts';
import type { Digest, ReviewView } from '../../src/core/views.ts';
import { DaysSchema, parseUser, pick, StatusFilterSchema } from './api-input.ts';
import type { EventStream } from './event-stream.ts';
import { HttpError, readJsonObject, sendJson, statusFor } from './http-io.ts';
import { markdownTree } from './markdown-tree.ts';
import { type PlaygroundAccess, requestMayModerate } from './playground-access.ts';

export interface ApiDeps {
  core: FeedbackCore;
  logger: Logger;
  events: EventStream;
  insights?: (days: number) => Promise<unknown>;
  digestPreview?: () => Promise<Digest>;
  access?: PlaygroundAccess;
}

type Handler = (req: IncomingMessage, url: URL, params: string[]) => Promise<unknown>;

/** A review as the page shows it: the core's view plus one readable line per related feedback. */
export function reviewJson(view: ReviewView) {
  return { ...view, related: view.related.map((f) => ({ ...f, summary: summarizeFeedback(f) })) };
}

/** The JSON API under /api: each handler translates a request into one core call, nothing more. */
export function createApiHandler(deps: ApiDeps) {
  const { core, events } = deps;
  const routes: { method: string; pattern: RegExp; handler: Handler }[] = [];
  const on = (method: string, pattern: RegExp, handler: Handler) => routes.push({ method, pattern, handler });

  on('POST', /^\/api\/ask$/, async (req) => {
    const body = await readJsonObject(req);
    const user = parseUser(body);
    const interaction = await core.answer(body.question as string, {
      platform: 'web',
      channelId: 'playground',
      ...user,
    });
    events.publish({ type: 'interaction', interactionId: interaction.id });
    return { interaction, answer: markdownTree(interaction.answer) };
  });

  on('POST', /^\/api\/feedback$/, async (req) => {
    const body = await readJsonObject(req);
    const user = parseUser(body);
    const fields = pick(body, ['interactionId', 'kind', 'value', 'reasons', 'comment']);
    const outcome = await core.recordFeedback({ ...fields, ...user, platform: 'web' });
    events.publish({ type: 'feedback', interactionId: outcome.feedback.interactionId });
    return outcome;
  });

  on('GET', /^\/api\/reviews$/, async (_req, url) => {
    const filter = parseOrThrow(StatusFilterSchema, url.searchParams.get('status') ?? undefined, 'status');
    const statuses: (Review['status'] | undefined)[] =
      filter === 'open' ? ['open'] : filter === 'closed' ? ['resolved', 'dismissed'] : [undefined];
    const lists = await Promise.all(statuses.map((s) => core.listReviews(s, 50)));
    const reviews = lists.flat().sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime());
    const views = await Promise.all(reviews.slice(0, 50).map((r) => core.getReviewView(r.id)));
    return { reviews: views.map(reviewJson) };
  });

  on('GET', /^\/api\/reviews\/([^/]+)$/, async (_req, _url, [id]) => ({
    review: reviewJson(await core.getReviewView(id)),
  }));

  on('POST', /^\/api\/reviews\/([^/]+)\/resolve$/, async (req, _url, [id]) => {
    const body = await readJsonObject(req);
    const user = parseUser(body);
    const view = await core.resolveReview({
      reviewId: id,
      ...pick(body, ['action', 'text', 'note']),
      actor: {
        platform: 'web',
        userId: user.userId,
        name: user.userName,
        // Never from the body: a token, or the switch on this machine (playground-access.ts).
        isModerator: requestMayModerate(req, deps.access ?? {}),
      },
    });
    return { review: reviewJson(view) };
  });

  on('GET', /^\/api\/instructions$/, async () => ({ text: await core.currentInstructions() }));

  on('GET', /^\/api\/knowledge$/, async () => ({
    entries: (await core.listKnowledge())
      .slice(0, 100)
      .map((e) => ({ ...e, answerDoc: markdownTree(e.answer) })),
  }));

  on('GET', /^\/api\/insights$/, async (_req, url) => {
    if (!deps.insights) return { available: false };
    const days = parseOrThrow(DaysSchema, url.searchParams.get('days') ?? '7', 'days');
    return { available: true, days, data: await deps.insights(days) };
  });

  on('GET', /^\/api\/digest-preview$/, async () =>
    deps.digestPreview ? { available: true, data: await deps.digestPreview() } : { available: false },
  );

  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/api/events' && req.method === 'GET') return events.subscribe(req, res);
    try {
      const matches = routes.filter((r) => r.pattern.test(url.pathname));
      if (matches.length === 0) throw new HttpError(404, 'No such API endpoint.');
      const route = matches.find((r) => r.method === req.method);
      if (!route) throw new HttpError(405, `Use ${matches.map((r) => r.method).join(' or ')}.`);
      const params = route.pattern.exec(url.pathname)!.slice(1).map(decodeSegment);
      sendJson(res, 200, await route.handler(req, url, params));
    } catch (err) {
      const { status, message } = statusFor(err);
      if (status >= 500)
        deps.logger.error({ err: errorMessage(err), path: url.pathname }, 'playground API failed');
      else deps.logger.debug({ status, path: url.pathname }, 'playground API refused a request');
      if (!res.headersSent) sendJson(res, status, { error: message });
      else res.end();
    }
  };
}

function decodeSegment(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    throw new HttpError(400, 'Malformed path.');
  }
}
