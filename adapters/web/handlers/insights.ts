import { z } from 'zod';
import { parseOrThrow } from '../../../src/core/schemas.ts';
import type { HttpRoute } from '../../adapter.ts';
import type { WebContext } from './context.ts';
import { jsonRoute } from './json-route.ts';

export const DaysSchema = z.coerce.number().int().min(1).max(365);

/** The raw insights and digest preview, when the composition root gave the callbacks for them. */
export function insightsRoutes(ctx: WebContext): HttpRoute[] {
  const { insights, digestPreview } = ctx.platform;
  return [
    jsonRoute(ctx, 'GET', '/api/insights', async ({ url }) => {
      if (!insights) return { available: false };
      const days = parseOrThrow(DaysSchema, url.searchParams.get('days') ?? '7', 'days');
      return { available: true, days, data: await insights(days) };
    }),
    jsonRoute(ctx, 'GET', '/api/digest-preview', async () =>
      digestPreview ? { available: true, data: await digestPreview() } : { available: false },
    ),
  ];
}
