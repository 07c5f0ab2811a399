import type { IncomingMessage } from 'node:http';
import type { HttpRoute, RouteMatch } from '../../adapter.ts';
import { atBoundary } from '../boundary.ts';
import { sendJson } from '../transport/http-io.ts';
import type { WebContext } from './context.ts';

export interface JsonRequest {
  req: IncomingMessage;
  url: URL;
  /** Path segments as sent; ids.ts decodes them. */
  params: RouteMatch['params'];
}

/** A JSON endpoint: the answer is sent as 200, a failure goes through the boundary. */
export function jsonRoute(
  ctx: WebContext,
  method: NonNullable<HttpRoute['method']>,
  path: string,
  answer: (request: JsonRequest) => Promise<unknown>,
): HttpRoute {
  return {
    method,
    path,
    handler: atBoundary(ctx.logger, async (req, res, match) => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      sendJson(res, 200, await answer({ req, url, params: match.params }));
    }),
  };
}
