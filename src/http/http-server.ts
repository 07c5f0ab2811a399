import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Router from 'find-my-way';
import type { HttpRoute, RouteMatch } from '../../adapters/adapter.ts';
import { errorMessage } from '../core/errors.ts';
import type { Logger } from '../core/ports.ts';

export interface RunningServer {
  port: number;
  url: string;
  close(): Promise<void>;
}

type Method = NonNullable<HttpRoute['method']>;
const METHODS: readonly Method[] = ['GET', 'POST', 'PUT', 'DELETE'];

export interface RouteTable {
  /** The route for a request and its segments, or null (the listener answers 404). */
  match(method: string, pathname: string): { route: HttpRoute; match: RouteMatch } | null;
}

/**
 * heed's one router (find-my-way) over every adapter's and the composition root's routes. Static paths
 * win over named segments, those over `/*` prefixes; a prefix `/x/*` also answers `/x` itself.
 */
export function routeTable(routes: readonly HttpRoute[]): RouteTable {
  // Long enough for any path Node accepts: an over-long id is the handler's 400, never a silent 404.
  const router = Router({ maxParamLength: 16 * 1024 });
  for (const route of routes) {
    const paths = route.path.endsWith('/*') ? [route.path, route.path.slice(0, -2) || '/'] : [route.path];
    for (const path of paths) {
      if (route.method) router.on(route.method, path, () => {}, route);
      else router.all(path, () => {}, route);
    }
  }
  const find = (method: string, path: string) => {
    const found = router.find(method as Method, path);
    return found ? { route: found.store as HttpRoute, params: found.params } : null;
  };
  return {
    match(method, pathname) {
      // Matched on the path as sent: every `%` stays encoded through the router, so no malformed
      // escape can fail the lookup, and `%2F` inside a segment never splits it. The adapter decodes.
      const path = pathname.replaceAll('%', '%25');
      const found = find(method, path);
      if (!found) return null;
      const otherMethods = () =>
        METHODS.filter((m) => {
          if (m === method) return false;
          const other = find(m, path);
          return other !== null && !other.route.path.endsWith('/*');
        });
      return { route: found.route, match: { params: found.params, otherMethods } };
    },
  };
}

/** heed's one HTTP listener: adapters' routes plus whatever the composition root adds (/healthz, /metrics). */
export async function startHttpServer(opts: {
  port: number;
  host?: string;
  routes: HttpRoute[];
  logger: Logger;
}): Promise<RunningServer> {
  const table = routeTable(opts.routes);
  const server = http.createServer(async (req, res) => {
    const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
    const found = table.match(req.method ?? 'GET', pathname);
    if (!found) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    try {
      await found.route.handler(req, res, found.match);
    } catch (err) {
      opts.logger.error({ err: errorMessage(err), path: pathname }, 'http handler failed');
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('internal error');
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host ?? '0.0.0.0', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    port,
    url: `http://localhost:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
