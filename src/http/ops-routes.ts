import type { HttpRoute } from '../../adapters/adapter.ts';
import { errorMessage } from '../core/errors.ts';
import type { PromMetrics } from './metrics.ts';

/** A health check answers within this, also when the database hangs instead of refusing. */
const HEALTH_TIMEOUT_MS = 1000;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * `/healthz` (database ping; 503 when it fails or hangs) and `/metrics` (prom-client; the scrape reads
 * memory only — database-derived gauges are refreshed in the background).
 */
export function opsRoutes(deps: { ping: () => Promise<unknown>; metrics: PromMetrics }): HttpRoute[] {
  return [
    {
      method: 'GET',
      path: '/healthz',
      async handler(_req, res) {
        try {
          await withTimeout(deps.ping(), HEALTH_TIMEOUT_MS);
          res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'ok' }));
        } catch (err) {
          res
            .writeHead(503, { 'content-type': 'application/json' })
            .end(JSON.stringify({ status: 'unavailable', error: errorMessage(err) }));
        }
      },
    },
    {
      method: 'GET',
      path: '/metrics',
      async handler(_req, res) {
        const body = await deps.metrics.text();
        res.writeHead(200, { 'content-type': deps.metrics.contentType }).end(body);
      },
    },
  ];
}
