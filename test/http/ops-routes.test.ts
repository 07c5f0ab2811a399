import { describe, expect, it } from 'vitest';
import { opsCounts } from '../../src/core/insights/ops-counts.ts';
import { startHttpServer } from '../../src/http/http-server.ts';
import { PromMetrics } from '../../src/http/metrics.ts';
import { opsRoutes } from '../../src/http/ops-routes.ts';
import { asker, makeCore } from '../helpers/core.ts';
import { openTestStore } from '../helpers/db.ts';
import { memoryLogger } from '../helpers/fakes.ts';

const store = await openTestStore('ops');
const logger = memoryLogger();
const metrics = new PromMetrics(() => opsCounts(store, core.clock.now()), logger);
const { core } = makeCore(store, { metrics });
const server = await startHttpServer({
  port: 0,
  host: '127.0.0.1',
  logger,
  routes: [
    ...opsRoutes({ ping: () => store.ping(), metrics }),
    {
      path: '/boom',
      handler: () => {
        throw new Error('kaput');
      },
    },
  ],
});
const url = (p: string) => `http://127.0.0.1:${server.port}${p}`;

describe('operational endpoints', () => {
  it('/healthz pings the database', async () => {
    const res = await fetch(url('/healthz'));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('/healthz answers 503 within its timeout when the database does not answer', async () => {
    const hung = await startHttpServer({
      port: 0,
      host: '127.0.0.1',
      logger,
      routes: opsRoutes({ ping: () => new Promise(() => {}), metrics }),
    });
    const res = await fetch(`http://127.0.0.1:${hung.port}/healthz`);
    expect(res.status).toBe(503);
    expect((await res.json()).status).toBe('unavailable');
    await hung.close();
  });

  it('/metrics: per-instance counters and histograms, database gauges from the background refresh', async () => {
    const i = await core.answer('What is heed?', asker());
    await core.recordFeedback({
      interactionId: i.id,
      platform: 'slack',
      userId: 'U1',
      kind: 'vote',
      value: 'down',
    });
    await core.recordFeedback({
      interactionId: i.id,
      platform: 'slack',
      userId: 'U1',
      kind: 'correction',
      value: 'A loop.',
    });
    await metrics.refresh();
    const res = await fetch(url('/metrics'));
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    expect(text).toContain('heed_interactions_last_7d 1\n');
    expect(text).toContain('heed_feedback_last_7d{kind="down"} 1\n');
    expect(text).toContain('heed_feedback_last_7d{kind="correction"} 1\n');
    expect(text).toContain('heed_reviews_open 1\n');
    expect(text).toContain('heed_feedback_recorded_total{platform="slack",kind="vote"} 1\n');
    expect(text).toMatch(/heed_negative_feedback_seconds_count 2\n/);
    expect(text).toMatch(/heed_answer_seconds_count\{answerer="fixed"\} 1\n/);
    expect(text).toContain('heed_process_resident_memory_bytes');
  });

  it('unknown paths get 404 and a failing handler 500, and the server keeps serving', async () => {
    expect((await fetch(url('/nope'))).status).toBe(404);
    expect((await fetch(url('/healthz'), { method: 'POST' })).status).toBe(404);
    const boom = await fetch(url('/boom'));
    expect(boom.status).toBe(500);
    expect(await boom.text()).not.toContain('kaput');
    expect(logger.lines.some((l) => l.level === 'error' && JSON.stringify(l.obj).includes('kaput'))).toBe(
      true,
    );
    expect((await fetch(url('/healthz'))).status).toBe(200);
    await server.close();
  });
});
