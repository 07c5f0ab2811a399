import type { HttpRoute } from '../../adapter.ts';
import { markdownTree } from '../render/markdown-tree.ts';
import { readJsonObject } from '../transport/http-io.ts';
import type { WebContext } from './context.ts';
import { jsonRoute } from './json-route.ts';
import { parseUser } from './request-body.ts';

/** POST /api/ask: a question from the page, answered by the core; the answer also as a Markdown tree. */
export function questionRoutes(ctx: WebContext): HttpRoute[] {
  return [
    jsonRoute(ctx, 'POST', '/api/ask', async ({ req }) => {
      const body = await readJsonObject(req);
      const user = parseUser(body);
      const interaction = await ctx.core.answer(body.question as string, {
        platform: 'web',
        channelId: 'playground',
        ...user,
      });
      ctx.platform.events.publish({ type: 'interaction', interactionId: interaction.id });
      return { interaction, answer: markdownTree(interaction.answer) };
    }),
  ];
}
