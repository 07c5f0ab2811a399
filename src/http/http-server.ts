import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HttpRoute } from '../../adapters/adapter.ts';
import { errorMessage } from '../core/errors.ts';
import type { Logger } from '../core/ports.ts';

export interface RunningServer {
  port: number;
  url: string;
  close(): Promise<void>;
}

export function matchRoute(
  routes: readonly HttpRoute[],
  method: string,
  pathname: string,
): HttpRoute | undefined {
  return routes.find(
    (r) =>
      (!r.method || r.method === method) &&
      (r.path.endsWith('/*')
        ? pathname.startsWith(r.path.slice(0, -1)) || pathname === r.path.slice(0, -2)
        : pathname === r.path),
  );
}

/** heed's one HTTP listener: adapters' routes plus whatever the composition root adds (/healthz, /metrics). */
export async function startHttpServer(opts: {
  port: number;
  host?: string;
  routes: HttpRoute[];
  logger: Logger;
}): Promise<RunningServer> {
  const server = http.createServer(async (req, res) => {
    const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
    const route = matchRoute(opts.routes, req.method ?? 'GET', pathname);
    if (!route) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    try {
      await route.handler(req, res);
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
