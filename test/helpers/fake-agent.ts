import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export const AGENT_SECRET = 'test-agent-secret-0123456789abcdef';

/** What the agent received, and whether it verified the signature (as a team's agent would). */
interface AgentCall {
  headers: IncomingHttpHeaders;
  raw: string;
  // biome-ignore lint/suspicious/noExplicitAny: recorded JSON; tests read the fields they assert on
  body: any;
  verified: boolean;
  why?: string;
}

/** One scripted reply: a status and JSON body, raw text, no answer (a timeout), or a dropped socket. */
export type AgentReply =
  | { status?: number; json: unknown; headers?: Record<string, string> }
  | { status?: number; raw: string; headers?: Record<string, string> }
  | { hang: true }
  | { drop: true };

/**
 * The agent side of heed's signing scheme, written from the contract (not heed's code): `v0=` + hex
 * HMAC-SHA256(secret, `v0:` + timestamp + `:` + raw body), timestamp at most 5 minutes old.
 */
function verifyAgentSignature(
  secret: string,
  headers: IncomingHttpHeaders,
  raw: string,
  nowSeconds = Math.floor(Date.now() / 1000),
): { ok: true } | { ok: false; why: string } {
  const ts = headers['x-heed-request-timestamp'];
  const sig = headers['x-heed-signature'];
  if (typeof ts !== 'string' || typeof sig !== 'string') return { ok: false, why: 'missing headers' };
  if (!/^\d+$/.test(ts) || Math.abs(nowSeconds - Number(ts)) > 300)
    return { ok: false, why: 'stale timestamp' };
  const expected = Buffer.from(`v0=${createHmac('sha256', secret).update(`v0:${ts}:${raw}`).digest('hex')}`);
  const got = Buffer.from(sig);
  if (got.length !== expected.length || !timingSafeEqual(got, expected))
    return { ok: false, why: 'bad signature' };
  return { ok: true };
}

export const agentAnswer = (text: string, sources?: { title?: string; url?: string }[]) => ({
  json: sources ? { text, sources } : { text },
});

/** A team's agent on 127.0.0.1: refuses unsigned requests with 401, else replies from a script. */
export async function startFakeAgent(
  secret = AGENT_SECRET,
  defaultReply: AgentReply = agentAnswer('Agent answer.'),
) {
  const calls: AgentCall[] = [];
  const script: AgentReply[] = [];
  const send = (res: ServerResponse, reply: AgentReply) => {
    if ('hang' in reply) return;
    if ('drop' in reply) {
      res.socket?.destroy();
      return;
    }
    const body = 'json' in reply ? JSON.stringify(reply.json) : reply.raw;
    res.writeHead(reply.status ?? 200, { 'content-type': 'application/json', ...reply.headers });
    res.end(body);
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const check = verifyAgentSignature(secret, req.headers, raw);
      calls.push({
        headers: req.headers,
        raw,
        body: JSON.parse(raw),
        verified: check.ok,
        ...(check.ok ? {} : { why: check.why }),
      });
      if (!check.ok) {
        send(res, { status: 401, json: { error: check.why } });
        return;
      }
      send(res, script.shift() ?? defaultReply);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/answer`,
    calls,
    /** Queues replies for the next (verified) requests, in order. */
    reply(...replies: AgentReply[]) {
      script.push(...replies);
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
