import type { Db } from 'mongodb';
import type { HttpRoute } from '../../adapters/adapter.ts';
import { errorMessage } from '../core/errors.ts';

/**
 * `/healthz` (database ping) and `/metrics` (Prometheus text). Metrics are counted in MongoDB at scrape
 * time, so every instance behind a load balancer reports the same totals.
 */
export function opsRoutes(db: Db, started = Date.now()): HttpRoute[] {
  return [
    {
      method: 'GET',
      path: '/healthz',
      async handler(_req, res) {
        try {
          await db.command({ ping: 1 });
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
        res
          .writeHead(200, { 'content-type': 'text/plain; version=0.0.4' })
          .end(await metricsText(db, started));
      },
    },
  ];
}

export async function metricsText(db: Db, started: number): Promise<string> {
  const count = (collection: string, filter: object = {}) => db.collection(collection).countDocuments(filter);
  const [interactions, up, down, corrections, ratings, open, resolved, dismissed, knowledge] =
    await Promise.all([
      count('interactions'),
      count('feedback', { kind: 'vote', value: 'up' }),
      count('feedback', { kind: 'vote', value: 'down' }),
      count('feedback', { kind: 'correction' }),
      count('feedback', { kind: 'rating' }),
      count('reviews', { status: 'open' }),
      count('reviews', { status: 'resolved' }),
      count('reviews', { status: 'dismissed' }),
      count('knowledge'),
    ]);
  return [
    '# HELP heed_interactions_total Questions answered.',
    '# TYPE heed_interactions_total counter',
    `heed_interactions_total ${interactions}`,
    '# HELP heed_feedback_total Current feedback by kind (one per interaction, user and kind).',
    '# TYPE heed_feedback_total gauge',
    `heed_feedback_total{kind="up"} ${up}`,
    `heed_feedback_total{kind="down"} ${down}`,
    `heed_feedback_total{kind="correction"} ${corrections}`,
    `heed_feedback_total{kind="rating"} ${ratings}`,
    '# HELP heed_reviews Reviews by status.',
    '# TYPE heed_reviews gauge',
    `heed_reviews{status="open"} ${open}`,
    `heed_reviews{status="resolved"} ${resolved}`,
    `heed_reviews{status="dismissed"} ${dismissed}`,
    '# HELP heed_knowledge_entries Knowledge entry versions.',
    '# TYPE heed_knowledge_entries gauge',
    `heed_knowledge_entries ${knowledge}`,
    '# HELP heed_uptime_seconds Seconds since this instance started.',
    '# TYPE heed_uptime_seconds gauge',
    `heed_uptime_seconds ${Math.round((Date.now() - started) / 1000)}`,
    '',
  ].join('\n');
}
