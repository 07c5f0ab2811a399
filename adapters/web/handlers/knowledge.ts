import type { HttpRoute } from '../../adapter.ts';
import { markdownTree } from '../render/markdown-tree.ts';
import type { WebContext } from './context.ts';
import { jsonRoute } from './json-route.ts';

/** What the assistant knows: the current instructions and the approved knowledge entries. */
export function knowledgeRoutes(ctx: WebContext): HttpRoute[] {
  return [
    jsonRoute(ctx, 'GET', '/api/instructions', async () => ({ text: await ctx.core.currentInstructions() })),
    jsonRoute(ctx, 'GET', '/api/knowledge', async () => ({
      entries: (await ctx.core.listKnowledge())
        .slice(0, 100)
        .map((e) => ({ ...e, answerDoc: markdownTree(e.answer) })),
    })),
  ];
}
