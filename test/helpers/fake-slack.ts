import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';

/** One Web API call as the fake received it (form or JSON body; JSON-valued fields decoded). */
export interface SlackCall {
  method: string;
  args: Record<string, unknown>;
  auth?: string;
}

/** A file's bytes as POSTed to the upload_url that files.getUploadURLExternal handed out. */
export interface SlackUpload {
  fileId: string;
  filename: string;
  bytes: Buffer;
  /** Completed by files.completeUploadExternal (and into which channel). */
  completed?: { channelId?: string; title?: string; threadTs?: string };
}

/** A response_url POST (slash commands reply there when the bot is not in the channel). */
export interface ResponseUrlCall {
  path: string;
  body: Record<string, unknown>;
}

export interface Failure {
  error: string;
  /** HTTP status; 429 with `retryAfter` is Slack's rate limit. */
  status?: number;
  retryAfter?: number;
  /** How many calls fail before the method works again (default: all). */
  times?: number;
  /** Only calls whose `channel` argument is this one fail. */
  channel?: string;
}

const JSON_FIELDS = ['blocks', 'view', 'attachments', 'metadata'];

/**
 * A fake Slack Web API on 127.0.0.1 speaking the documented wire format: method = path after /api/,
 * form-encoded or JSON bodies, `{ ok, ... }` answers. Records every call; failures can be injected.
 * With `socketMode()` it also serves apps.connections.open and a Socket Mode WebSocket.
 */
export class FakeSlack {
  readonly calls: SlackCall[] = [];
  readonly responses: ResponseUrlCall[] = [];
  /** Files uploaded through files.uploadV2's three steps, by file id. */
  readonly uploads = new Map<string, SlackUpload>();
  /** When set, POSTs to the upload URL answer this HTTP status instead of 200. */
  uploadStatus = 200;
  /** Members of any channel asked about with conversations.members (served 2 per page). */
  members: string[] = [];
  botUserId = 'UBOT';
  private readonly failures = new Map<string, Failure>();
  private readonly server: http.Server;
  private wss?: WebSocketServer;
  private socket?: WebSocket;
  private readonly acks = new Map<string, (payload: unknown) => void>();
  private seq = 100;
  private envelopeSeq = 0;

  constructor() {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const raw = Buffer.concat(chunks);
        if (req.url?.startsWith('/upload/')) void this.receiveUpload(req, raw, res);
        else this.handle(req, raw.toString('utf8'), res);
      });
    });
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return this;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }
  /** The Web API base for SLACK_API_URL / clientOptions.slackApiUrl. */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api/`;
  }
  responseUrl(id: string): string {
    return `http://127.0.0.1:${this.port}/response/${id}`;
  }

  fail(method: string, failure: Failure): void {
    this.failures.set(method, { ...failure });
  }
  clearFailures(): void {
    this.failures.clear();
  }

  callsTo(method: string): SlackCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  private reply(method: string, args: Record<string, unknown>): Record<string, unknown> {
    const ts = () => `1700000000.${String(++this.seq).padStart(6, '0')}`;
    switch (method) {
      case 'auth.test':
        return {
          ok: true,
          user_id: this.botUserId,
          bot_id: 'BBOT',
          team_id: 'T1',
          user: 'heed',
          team: 'Team',
        };
      case 'chat.postMessage':
        return { ok: true, channel: args.channel, ts: ts(), message: { text: args.text } };
      case 'chat.postEphemeral':
        return { ok: true, message_ts: ts() };
      case 'chat.update':
        return { ok: true, channel: args.channel, ts: args.ts };
      case 'views.open':
        return { ok: true, view: { id: `V${++this.seq}` } };
      case 'conversations.members': {
        const start = Number(args.cursor ?? 0) || 0;
        const page = this.members.slice(start, start + 2);
        const next = start + 2 < this.members.length ? String(start + 2) : '';
        return { ok: true, members: page, response_metadata: { next_cursor: next } };
      }
      case 'files.getUploadURLExternal': {
        const fileId = `F${++this.seq}`;
        this.uploads.set(fileId, { fileId, filename: String(args.filename), bytes: Buffer.alloc(0) });
        return { ok: true, file_id: fileId, upload_url: `http://127.0.0.1:${this.port}/upload/${fileId}` };
      }
      case 'files.completeUploadExternal': {
        const files = (typeof args.files === 'string' ? JSON.parse(args.files) : args.files) as {
          id: string;
          title?: string;
        }[];
        const known = files.every((f) => this.uploads.get(f.id)?.bytes.length);
        if (!known) return { ok: false, error: 'file_not_found' };
        for (const f of files)
          this.uploads.get(f.id)!.completed = {
            channelId: args.channel_id as string | undefined,
            title: f.title,
            threadTs: args.thread_ts as string | undefined,
          };
        return { ok: true, files: files.map((f) => ({ id: f.id, title: f.title })) };
      }
      case 'apps.connections.open':
        return this.wss
          ? { ok: true, url: `ws://127.0.0.1:${(this.wss.address() as AddressInfo).port}/link/?ticket=t` }
          : { ok: false, error: 'not_allowed_token_type' };
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }

  private handle(req: http.IncomingMessage, raw: string, res: http.ServerResponse): void {
    const url = req.url ?? '/';
    const ct = req.headers['content-type'] ?? '';
    const body: Record<string, unknown> = ct.includes('json')
      ? (JSON.parse(raw || '{}') as Record<string, unknown>)
      : Object.fromEntries(new URLSearchParams(raw));
    if (url.startsWith('/response/')) {
      this.responses.push({ path: url, body });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
      return;
    }
    const method = url.replace(/^\/api\//, '').split('?')[0]!;
    for (const f of JSON_FIELDS)
      if (typeof body[f] === 'string') {
        try {
          body[f] = JSON.parse(body[f] as string);
        } catch {
          /* keep the raw string */
        }
      }
    this.calls.push({ method, args: body, auth: req.headers.authorization });
    const failure = this.failures.get(method);
    const applies = failure && (!failure.channel || failure.channel === body.channel);
    if (failure && applies && (failure.times ?? Number.POSITIVE_INFINITY) > 0) {
      if (failure.times !== undefined) failure.times -= 1;
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (failure.retryAfter !== undefined) headers['retry-after'] = String(failure.retryAfter);
      res.writeHead(failure.status ?? 200, headers).end(JSON.stringify({ ok: false, error: failure.error }));
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(this.reply(method, body)));
  }

  /** Files whose upload was completed into `channelId`. */
  uploadsTo(channelId: string): SlackUpload[] {
    return [...this.uploads.values()].filter((u) => u.completed?.channelId === channelId);
  }

  /** The upload_url step: a multipart form whose file part carries the bytes (as the Web API client sends it). */
  private async receiveUpload(
    req: http.IncomingMessage,
    raw: Buffer,
    res: http.ServerResponse,
  ): Promise<void> {
    const fileId = (req.url ?? '').split('/')[2] ?? '';
    const upload = this.uploads.get(fileId);
    this.calls.push({
      method: 'upload',
      args: { fileId, bytes: raw.length },
      auth: req.headers.authorization,
    });
    if (!upload || this.uploadStatus !== 200) {
      res.writeHead(upload ? this.uploadStatus : 404).end('upload refused');
      return;
    }
    const form = await new Request('http://fake/upload', {
      method: 'POST',
      headers: { 'content-type': req.headers['content-type'] ?? '' },
      body: new Uint8Array(raw),
    }).formData();
    let file: File | undefined;
    form.forEach((v) => {
      if (typeof v !== 'string') file ??= v;
    });
    upload.bytes = file ? Buffer.from(await file.arrayBuffer()) : Buffer.alloc(0);
    res.writeHead(200, { 'content-type': 'text/plain' }).end(`OK - ${upload.bytes.length}`);
  }

  // ---- Socket Mode --------------------------------------------------------------------------------

  /** Starts the WebSocket side: apps.connections.open then points at it; `hello` is sent on connect. */
  async socketMode(): Promise<void> {
    const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
    this.wss = wss;
    wss.on('connection', (ws) => {
      this.socket = ws;
      ws.on('message', (m) => {
        const ack = JSON.parse(m.toString()) as { envelope_id?: string; payload?: unknown };
        if (ack.envelope_id) this.acks.get(ack.envelope_id)?.(ack.payload ?? null);
      });
      ws.send(JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A1' } }));
    });
  }

  get socketConnected(): boolean {
    return this.socket !== undefined;
  }

  /** Sends one envelope and resolves with the payload of Bolt's ack (what `ack(...)` answered). */
  sendEnvelope(
    type: 'events_api' | 'interactive' | 'slash_commands',
    payload: unknown,
    opts: { retryAttempt?: number; envelopeId?: string } = {},
  ): Promise<unknown> {
    if (!this.socket) throw new Error('no Socket Mode connection');
    const envelopeId = opts.envelopeId ?? `env-${++this.envelopeSeq}`;
    const acked = new Promise<unknown>((resolve) => this.acks.set(envelopeId, resolve));
    this.socket.send(
      JSON.stringify({
        envelope_id: envelopeId,
        type,
        accepts_response_payload: type !== 'events_api',
        retry_attempt: opts.retryAttempt ?? 0,
        retry_reason: opts.retryAttempt ? 'timeout' : '',
        payload,
      }),
    );
    return acked;
  }

  async close(): Promise<void> {
    for (const client of this.wss?.clients ?? []) client.terminate();
    await new Promise<void>((resolve) => (this.wss ? this.wss.close(() => resolve()) : resolve()));
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** Waits until `check` holds (polling); fails with `what` after a bounded time. Not a timing assertion. */
export async function waitFor(
  check: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 10_000,
): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
