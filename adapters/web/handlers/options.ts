import type { HttpRoute } from '../../adapter.ts';
import { formOptions } from '../render/form-options.ts';
import type { WebContext } from './context.ts';
import { jsonRoute } from './json-route.ts';

/** GET /api/options: the reasons, their labels and the length limits the page's forms use. */
export function optionRoutes(ctx: WebContext): HttpRoute[] {
  return [jsonRoute(ctx, 'GET', '/api/options', async () => formOptions())];
}
