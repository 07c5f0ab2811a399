import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

interface ChatRequest {
  path: string;
  headers: IncomingHttpHeaders;
  body: {
    model?: string;
    messages?: { role: string; content: string }[];
    [key: string]: unknown;
  };
}

/** One scripted answer: a status and body, raw text, or no answer at all (to provoke a timeout). */
export type FakeReply =
  | { status?: number; json: unknown; headers?: Record<string, string> }
  | { status?: number; raw: string; headers?: Record<string, string> }
  | { hang: true };

export const completion = (content: string, model = 'fake-model') => ({
  json: {
    id: 'chatcmpl-fake',
    object: 'chat.completion',
    created: 1_700_000_000,
    model,
    choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content } }],
    usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
  },
});

export const apiError = (status: number, message = 'fake error') => ({
  status,
  json: { error: { message, type: 'fake', code: null } },
});

/**
 * An OpenAI-compatible Chat Completions server on 127.0.0.1: replies from a script (then the default),
 * and records every request for assertions.
 */
export async function startFakeOpenAI(defaultReply: FakeReply = completion('Fake answer.')) {
  const requests: ChatRequest[] = [];
  const script: FakeReply[] = [];
  const send = (res: ServerResponse, reply: FakeReply) => {
    if ('hang' in reply) return; // never answered: the client's timeout has to fire
    const body = 'json' in reply ? JSON.stringify(reply.json) : reply.raw;
    res.writeHead(reply.status ?? 200, { 'content-type': 'application/json', ...reply.headers });
    res.end(body);
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== '/v1/chat/completions') {
        send(res, apiError(404, `no route ${req.method} ${req.url}`));
        return;
      }
      requests.push({
        path: req.url,
        headers: req.headers,
        body: JSON.parse(Buffer.concat(chunks).toString('utf8')),
      });
      send(res, script.shift() ?? defaultReply);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    /** Queues replies for the next requests, in order. */
    reply(...replies: FakeReply[]) {
      script.push(...replies);
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
