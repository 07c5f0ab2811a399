import { afterAll } from 'vitest';
import { createWebAdapter, type WebAdapterOptions } from '../../../adapters/web/index.ts';
import { FeedbackCore } from '../../../src/core/feedback-core.ts';
import type { Answerer, FeedbackStore } from '../../../src/core/ports.ts';
import { startHttpServer } from '../../../src/http/http-server.ts';
import { openTestStore } from '../../helpers/db.ts';
import { memoryLogger } from '../../helpers/fakes.ts';

export const NO_ANSWER = "I don't know that yet.";
/** The page's Moderator switch on (honoured from loopback when no HEED_PLAYGROUND_TOKEN is set). */
export const MODERATING = { 'x-heed-moderator': '1' };

/** Stand-in for the offline answerer: the latest approved knowledge for the pattern, else a fixed reply. */
function latestKnowledgeAnswerer(store: FeedbackStore): Answerer {
  return {
    async answer({ patternKey }) {
      const entry = await store.knowledge.latestForPattern(patternKey);
      return entry
        ? {
            text: entry.answer,
            sources: [{ knowledgeId: entry.id, version: entry.version }],
            answerer: 'kb-test',
          }
        : { text: NO_ANSWER, sources: [], answerer: 'kb-test' };
    },
  };
}

/** A real core over a fresh test database, the web adapter attached, served on a random loopback port. */
export async function startPlayground(
  prefix: string,
  extra: Pick<WebAdapterOptions, 'insights' | 'digestPreview' | 'access'> = {},
) {
  const store = await openTestStore(prefix);
  const logger = memoryLogger();
  const core = new FeedbackCore({ store, answerer: latestKnowledgeAnswerer(store), logger });
  const adapter = createWebAdapter({ core, logger, ...extra });
  core.attachPlatform(adapter);
  await adapter.start();
  const server = await startHttpServer({ port: 0, host: '127.0.0.1', routes: adapter.routes(), logger });
  afterAll(async () => {
    await adapter.stop();
    await server.close();
  });
  return { store, core, adapter, logger, url: `http://127.0.0.1:${server.port}` };
}

// biome-ignore lint/suspicious/noExplicitAny: test assertions read API bodies field by field.
export type Json = any;

/** A JSON call as the page makes it; returns the status and the parsed body. */
export async function call(
  base: string,
  path: string,
  init: {
    method?: string;
    body?: unknown;
    raw?: string;
    type?: string;
    headers?: Record<string, string>;
  } = {},
): Promise<{ status: number; body: Json }> {
  const hasBody = init.body !== undefined || init.raw !== undefined;
  const res = await fetch(base + path, {
    method: init.method ?? (hasBody ? 'POST' : 'GET'),
    headers: { ...(hasBody ? { 'content-type': init.type ?? 'application/json' } : {}), ...init.headers },
    body: init.raw ?? (init.body !== undefined ? JSON.stringify(init.body) : undefined),
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // Non-JSON answers (the page, assets) stay text.
  }
  return { status: res.status, body };
}
