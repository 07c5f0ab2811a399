import type { IncomingMessage, ServerResponse } from 'node:http';
import { errorMessage } from '../../src/core/errors.ts';
import type { FeedbackCore } from '../../src/core/feedback-core.ts';
import type { Insights } from '../../src/core/insights/types.ts';
import type { Logger } from '../../src/core/ports.ts';
import { parseOrThrow } from '../../src/core/schemas.ts';
import type { Digest } from '../../src/core/views.ts';
import { renderTrendChartSvg } from '../../src/insights-chart/index.ts';
import type { HttpRoute } from '../adapter.ts';
import { DaysSchema } from './api-input.ts';
import { sendJson, statusFor } from './http-io.ts';
import { CHART_URL, dashboardView } from './insights-view.ts';

export interface DashboardDeps {
  core: FeedbackCore;
  logger: Logger;
  /** Insights for the `days` before `to` (default now). */
  insights?: (days: number, to?: Date) => Promise<Insights>;
  digestPreview?: () => Promise<Digest>;
}

/**
 * GET /api/dashboard?days=N — the Insights pane's view model (typed, labelled for people);
 * GET /api/insights/chart.svg — the digest's trend chart, the same one Slack and Discord get as PNG.
 */
export function dashboardRoutes(deps: DashboardDeps): HttpRoute[] {
  const guard =
    (what: string, fn: (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void>) =>
    async (req: IncomingMessage, res: ServerResponse) => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      try {
        await fn(req, res, url);
      } catch (err) {
        const { status, message } = statusFor(err);
        if (status >= 500)
          deps.logger.error({ err: errorMessage(err), path: url.pathname }, `${what} failed`);
        if (!res.headersSent) sendJson(res, status, { error: message });
        else res.end();
      }
    };
  return [
    {
      method: 'GET',
      path: CHART_URL,
      handler: guard('trend chart', async (_req, res) => {
        if (!deps.digestPreview) return sendJson(res, 404, { error: 'No digest in this setup.' });
        const svg = await renderTrendChartSvg(await deps.digestPreview());
        res.writeHead(200, {
          'content-type': 'image/svg+xml; charset=utf-8',
          'cache-control': 'no-store',
          'x-content-type-options': 'nosniff',
          // Shown through <img>; if opened directly it still runs nothing.
          'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
        });
        res.end(svg);
      }),
    },
    {
      method: 'GET',
      path: '/api/dashboard',
      handler: guard('dashboard', async (_req, res, url) => {
        if (!deps.insights) return sendJson(res, 200, { available: false });
        const days = parseOrThrow(DaysSchema, url.searchParams.get('days') ?? '7', 'days');
        const to = deps.core.clock.now();
        const [now, before, digest] = await Promise.all([
          deps.insights(days, to),
          deps.insights(days, new Date(to.getTime() - days * 86_400_000)),
          deps.digestPreview ? deps.digestPreview() : Promise.resolve(null),
        ]);
        const keys = now.opportunities.patterns.slice(0, 5).map((p) => p.patternKey);
        const open = await Promise.all(keys.map((k) => deps.core.openReview(k)));
        const openReviews = new Map(keys.flatMap((k, i) => (open[i] ? [[k, open[i]!.id] as const] : [])));
        sendJson(res, 200, {
          available: true,
          data: dashboardView({ days, now, before, openReviews, digest }),
        });
      }),
    },
  ];
}
