import type { HttpRoute } from '../../adapter.ts';
import { atBoundary } from '../boundary.ts';
import type { WebContext } from './context.ts';

/** GET /api/events: the open page's live stream (review notifications, new answers and feedback). */
export function eventRoutes(ctx: WebContext): HttpRoute[] {
  return [
    {
      method: 'GET',
      path: '/api/events',
      handler: atBoundary(ctx.logger, (req, res) => ctx.platform.events.subscribe(req, res)),
    },
  ];
}
