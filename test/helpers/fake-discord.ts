import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';
import { DISCORD_IDS, FakeDiscordRest, type RestCall } from './fake-discord-rest.ts';

export { DISCORD_IDS, type RestCall } from './fake-discord-rest.ts';

interface Override {
  match: (c: RestCall) => boolean;
  status: number;
  body: unknown;
}

/**
 * Discord outside this machine, faked: a REST API that records every call and a gateway (text
 * frames) that says HELLO, answers IDENTIFY with READY, RESUME with RESUMED and heartbeats with ACKs.
 */
export class FakeDiscord {
  readonly calls: RestCall[] = [];
  readonly gatewayOps: { op: number; d: unknown }[] = [];
  private readonly waiters = new Set<() => void>();
  private readonly overrides: Override[] = [];
  private socket: WebSocket | undefined;
  private seq = 0;
  private readonly rest = new FakeDiscordRest(() => this.gatewayUrl);

  private constructor(
    private readonly api: http.Server,
    private readonly gateway: WebSocketServer,
  ) {}

  static async start(): Promise<FakeDiscord> {
    const gateway = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    await new Promise<void>((r) => gateway.once('listening', () => r()));
    const api = http.createServer();
    const fake = new FakeDiscord(api, gateway);
    api.on('request', (req, res) => fake.onRequest(req, res));
    gateway.on('connection', (ws) => fake.onConnection(ws));
    await new Promise<void>((r) => api.listen(0, '127.0.0.1', () => r()));
    return fake;
  }

  /** For DiscordConfig.apiUrl / `rest.api` (REST appends `/v10`). */
  get apiUrl(): string {
    return `http://127.0.0.1:${(this.api.address() as AddressInfo).port}/api`;
  }

  get gatewayUrl(): string {
    return `ws://127.0.0.1:${(this.gateway.address() as AddressInfo).port}`;
  }

  /** Makes the next `times` matching calls fail with the given status and Discord error body. */
  failWhen(match: (c: RestCall) => boolean, status: number, body: unknown, times = 1): void {
    for (let n = 0; n < times; n++) this.overrides.push({ match, status, body });
  }

  /** Calls recorded since `since` (an index from `mark()`) that match. */
  find(match: (c: RestCall) => boolean, since = 0): RestCall[] {
    return this.calls.slice(since).filter(match);
  }

  mark(): number {
    return this.calls.length;
  }

  /** Resolves with the first matching call at or after `since`, waiting for it if needed. */
  waitForCall(match: (c: RestCall) => boolean, since = 0, what = 'REST call'): Promise<RestCall> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const hit = this.find(match, since)[0];
        if (!hit) return false;
        this.waiters.delete(check as () => void);
        clearTimeout(timer);
        resolve(hit);
        return true;
      };
      // A guard against a hanging test, not a timing assertion.
      const timer = setTimeout(() => {
        this.waiters.delete(check as () => void);
        const seen = this.calls.map((c) => `${c.method} ${c.path}`).join('\n  ');
        reject(new Error(`fake Discord: no ${what} arrived; calls so far:\n  ${seen}`));
      }, 15_000);
      if (!check()) this.waiters.add(check as () => void);
    });
  }

  /** The callback (`POST /interactions/<id>/<token>/callback`) for one interaction. */
  callbackFor(payload: { id: string; token: string }, since = 0): Promise<RestCall> {
    return this.waitForCall(
      (c) => c.method === 'POST' && c.path === `/interactions/${payload.id}/${payload.token}/callback`,
      since,
      `callback for interaction ${payload.id}`,
    );
  }

  /** The edit of the deferred reply (`PATCH /webhooks/<app>/<token>/messages/@original`). */
  originalEditFor(payload: { token: string }, since = 0): Promise<RestCall> {
    return this.waitForCall(
      (c) =>
        c.method === 'PATCH' && c.path === `/webhooks/${DISCORD_IDS.app}/${payload.token}/messages/@original`,
      since,
      'edit of the original response',
    );
  }

  /** Sends INTERACTION_CREATE and resolves when heed's callback for it arrived. */
  async dispatchInteraction(payload: { id: string; token: string }): Promise<RestCall> {
    const since = this.mark();
    this.dispatch('INTERACTION_CREATE', payload);
    return this.callbackFor(payload, since);
  }

  dispatch(t: string, d: unknown): void {
    if (!this.socket) throw new Error('fake Discord: no gateway connection');
    const i = d as { token?: string; channel_id?: string };
    if (t === 'INTERACTION_CREATE' && i.token && i.channel_id)
      this.rest.interactionChannel(i.token, i.channel_id);
    this.socket.send(JSON.stringify({ op: 0, t, s: ++this.seq, d }));
  }

  /** Drops the gateway connection the way a network blip would (resumable close code). */
  dropGateway(code = 4000): void {
    this.socket?.close(code, 'fake disconnect');
  }

  /** Resolves once the gateway saw `op` (2 IDENTIFY, 6 RESUME) at least `count` times. */
  async waitForGatewayOp(op: number, count = 1): Promise<void> {
    const seen = () => this.gatewayOps.filter((o) => o.op === op).length >= count;
    if (seen()) return;
    await new Promise<void>((resolve) => {
      const check = () => {
        if (!seen()) return;
        this.waiters.delete(check);
        resolve();
      };
      this.waiters.add(check);
    });
  }

  async close(): Promise<void> {
    for (const ws of this.gateway.clients) ws.terminate();
    await new Promise<void>((r) => this.gateway.close(() => r()));
    this.api.closeAllConnections();
    await new Promise<void>((r) => this.api.close(() => r()));
  }

  private notify(): void {
    for (const check of [...this.waiters]) check();
  }

  private onConnection(ws: WebSocket): void {
    this.socket = ws;
    const send = (o: object) => ws.send(JSON.stringify(o));
    send({ op: 10, d: { heartbeat_interval: 45_000 }, s: null, t: null });
    ws.on('message', (raw) => {
      const msg = JSON.parse(String(raw)) as { op: number; d: unknown };
      this.gatewayOps.push(msg);
      if (msg.op === 1) send({ op: 11, d: null, s: null, t: null });
      if (msg.op === 2)
        this.dispatch('READY', {
          v: 10,
          user: { id: DISCORD_IDS.app, username: 'heed', discriminator: '0', bot: true, avatar: null },
          guilds: [],
          session_id: 'fake-session',
          resume_gateway_url: this.gatewayUrl,
          application: { id: DISCORD_IDS.app, flags: 0 },
        });
      if (msg.op === 6) this.dispatch('RESUMED', {});
      this.notify();
    });
  }

  private onRequest(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => void this.onBody(req, res, Buffer.concat(chunks)));
  }

  private async onBody(req: http.IncomingMessage, res: http.ServerResponse, raw: Buffer): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const type = req.headers['content-type'] ?? '';
    const multipart = type.startsWith('multipart/form-data') ? await parseMultipart(type, raw) : null;
    const call: RestCall = {
      method: req.method ?? 'GET',
      path: decodeURIComponent(url.pathname.replace(/^\/api\/v10/, '')),
      query: url.searchParams,
      auth: req.headers.authorization,
      body: multipart ? multipart.body : raw.length ? JSON.parse(raw.toString('utf8')) : null,
      ...(multipart ? { files: multipart.files } : {}),
    };
    this.calls.push(call);
    const override = this.overrides.findIndex((o) => o.match(call));
    const [status, body] = override >= 0 ? this.takeOverride(override) : this.rest.respond(call);
    call.response = body;
    if (body === undefined) res.writeHead(status).end();
    else res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    this.notify();
  }

  private takeOverride(index: number): [number, unknown] {
    const [o] = this.overrides.splice(index, 1);
    return [o!.status, o!.body];
  }
}

/** A multipart body as discord.js sends it: `payload_json` plus one part per file. */
async function parseMultipart(type: string, raw: Buffer) {
  const form = await new Request('http://fake/', {
    method: 'POST',
    headers: { 'content-type': type },
    body: new Uint8Array(raw),
  }).formData();
  let body: unknown = null;
  const parts: [string, File][] = [];
  form.forEach((value, field) => {
    if (typeof value === 'string') {
      if (field === 'payload_json') body = JSON.parse(value);
    } else parts.push([field, value]);
  });
  const files = await Promise.all(
    parts.map(async ([field, f]) => ({
      field,
      name: f.name,
      contentType: f.type,
      bytes: Buffer.from(await f.arrayBuffer()),
    })),
  );
  return { body, files };
}
