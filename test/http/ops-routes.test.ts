import { describe, expect, it } from 'vitest';
import { startHttpServer } from '../../src/http/http-server.ts';
import { opsRoutes } from '../../src/http/ops-routes.ts';
import { asker, makeCore } from '../helpers/core.ts';
import { openTestStore } from '../helpers/db.ts';
import { memoryLogger } from '../helpers/fakes.ts';

const store = await openTestStore('ops');
const { core } = makeCore(store);
const logger = memoryLogger();
const server = await startHttpServer({
  port: 0,
  host: '127.0.0.1',
  logger,
  routes: [
    ...opsRoutes(store.db),
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

  it('/metrics counts what is in the database, in Prometheus text format', async () => {
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
    const res = await fetch(url('/metrics'));
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    expect(text).toContain('heed_interactions_total 1\n');
    expect(text).toContain('heed_feedback_total{kind="down"} 1\n');
    expect(text).toContain('heed_feedback_total{kind="correction"} 1\n');
    expect(text).toContain('heed_reviews{status="open"} 1\n');
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
