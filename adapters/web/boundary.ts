import type { IncomingMessage, ServerResponse } from 'node:http';
import { errorMessage, HeedError, isUserFacing } from '../../src/core/errors.ts';
import type { Logger } from '../../src/core/ports.ts';
import type { HttpRoute } from '../adapter.ts';
import { HttpError, sendJson } from './transport/http-io.ts';

const STATUS: Record<string, number> = {
  invalid_input: 400,
  not_found: 404,
  forbidden: 403,
  already_resolved: 409,
};

/** HeedError codes a user caused map to 4xx with their message; anything else is a 500 without details. */
function statusFor(err: unknown): { status: number; message: string } {
  if (err instanceof HttpError) return { status: err.status, message: err.message };
  if (isUserFacing(err)) return { status: STATUS[err.code] ?? 400, message: err.message };
  if (err instanceof HeedError && err.code === 'answerer')
    return { status: 502, message: 'The answerer is not available right now.' };
  return { status: 500, message: 'Something went wrong on the server; see its log.' };
}

/**
 * The one place where a playground request's failure is caught, logged and answered: a refusal the
 * user caused (a HeedError they can fix, a bad body or path) is a 4xx logged at `warn`; anything else
 * is ours to look at, logged at `error` and answered without details.
 */
export function atBoundary(logger: Logger, handler: HttpRoute['handler']): HttpRoute['handler'] {
  return async (req, res, match) => {
    try {
      await handler(req, res, match);
    } catch (err) {
      answerFailure(logger, req, res, err);
    }
  };
}

function answerFailure(logger: Logger, req: IncomingMessage, res: ServerResponse, err: unknown): void {
  const { status, message } = statusFor(err);
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  if (status >= 500) logger.error({ err: errorMessage(err), status, path }, 'playground API failed');
  else logger.warn({ err: message, status, path }, 'playground API refused a request');
  if (!res.headersSent) sendJson(res, status, { error: message });
  else res.end();
}

/** Any other path under /api: 405 naming the methods the path has, else 404 — as JSON, like the rest. */
export function unknownApiPath(logger: Logger): HttpRoute {
  return {
    path: '/api/*',
    handler: atBoundary(logger, (_req, _res, match) => {
      const methods = match.otherMethods();
      if (methods.length > 0) throw new HttpError(405, `Use ${methods.join(' or ')}.`);
      throw new HttpError(404, 'No such API endpoint.');
    }),
  };
}
