import { parseOrThrow } from '../../../src/core/schemas.ts';
import { renderTrendChartSvg } from '../../../src/insights-chart/index.ts';
import type { HttpRoute } from '../../adapter.ts';
import { atBoundary } from '../boundary.ts';
import { CHART_URL, dashboardView } from '../render/insights-view.ts';
import { sendJson } from '../transport/http-io.ts';
import type { WebContext } from './context.ts';
import { DaysSchema } from './insights.ts';
import { jsonRoute } from './json-route.ts';

/**
 * GET /api/dashboard?days=N — the Insights pane's view model (typed, labelled for people);
 * GET /api/insights/chart.svg — the digest's trend chart, the same one Slack and Discord get as PNG.
 */
export function dashboardRoutes(ctx: WebContext): HttpRoute[] {
  const { core } = ctx;
  const { insights, digestPreview } = ctx.platform;
  return [
    {
      method: 'GET',
      path: CHART_URL,
      handler: atBoundary(ctx.logger, async (_req, res) => {
        if (!digestPreview) return sendJson(res, 404, { error: 'No digest in this setup.' });
        const svg = await renderTrendChartSvg(await digestPreview());
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
    jsonRoute(ctx, 'GET', '/api/dashboard', async ({ url }) => {
      if (!insights) return { available: false };
      const days = parseOrThrow(DaysSchema, url.searchParams.get('days') ?? '7', 'days');
      const to = core.clock.now();
      const [now, before, digest] = await Promise.all([
        insights(days, to),
        insights(days, new Date(to.getTime() - days * 86_400_000)),
        digestPreview ? digestPreview() : Promise.resolve(null),
      ]);
      const keys = now.opportunities.patterns.slice(0, 5).map((p) => p.patternKey);
      const open = await Promise.all(keys.map((k) => core.openReview(k)));
      const openReviews = new Map(keys.flatMap((k, i) => (open[i] ? [[k, open[i]!.id] as const] : [])));
      return { available: true, data: dashboardView({ days, now, before, openReviews, digest }) };
    }),
  ];
}
