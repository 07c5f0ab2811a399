import { createHmac } from 'node:crypto';
import http from 'node:http';

export const TEST_SIGNING_SECRET = 'test-signing-secret-0123456789';

/** Slack's request signature: v0= HMAC-SHA256(secret, `v0:${ts}:${rawBody}`). */
export function slackSignature(
  body: string,
  secret = TEST_SIGNING_SECRET,
  ts = Math.floor(Date.now() / 1000),
) {
  const sig = `v0=${createHmac('sha256', secret).update(`v0:${ts}:${body}`).digest('hex')}`;
  return { 'x-slack-request-timestamp': String(ts), 'x-slack-signature': sig };
}

export interface SlackHttpResponse {
  status: number;
  text: string;
  json(): unknown;
}

/** Posts signed requests to a Slack endpoint the way Slack does (Events API JSON, form-encoded interactivity). */
export class SlackHttpClient {
  constructor(
    readonly url: string,
    private readonly secret = TEST_SIGNING_SECRET,
  ) {}

  async raw(body: string, headers: Record<string, string>): Promise<SlackHttpResponse> {
    const r = await fetch(this.url, { method: 'POST', body, headers });
    const text = await r.text();
    return { status: r.status, text, json: () => JSON.parse(text) };
  }

  /** A signed request; `sign: { secret, ts }` overrides make forged or stale ones. */
  signed(
    body: string,
    contentType: string,
    opts: { secret?: string; ts?: number; headers?: Record<string, string> } = {},
  ): Promise<SlackHttpResponse> {
    return this.raw(body, {
      'content-type': contentType,
      ...slackSignature(body, opts.secret ?? this.secret, opts.ts),
      ...opts.headers,
    });
  }

  /** Events API: a JSON body; `retryNum` adds Slack's retry headers. */
  event(envelope: unknown, opts: { retryNum?: number; secret?: string } = {}): Promise<SlackHttpResponse> {
    const headers: Record<string, string> = opts.retryNum
      ? { 'x-slack-retry-num': String(opts.retryNum), 'x-slack-retry-reason': 'http_timeout' }
      : {};
    return this.signed(JSON.stringify(envelope), 'application/json', { headers, secret: opts.secret });
  }

  /** Interactivity: form `payload=<json>` with exactly application/x-www-form-urlencoded. */
  interactive(payload: unknown, opts: { secret?: string } = {}): Promise<SlackHttpResponse> {
    const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
    return this.signed(body, 'application/x-www-form-urlencoded', opts);
  }

  /**
   * Streams a signed body of `bytes` bytes and resolves with the status the server answers; the server
   * may answer (413) and close before the upload ends, which `fetch` would report as a reset.
   */
  oversized(bytes: number): Promise<number> {
    const body = `{"type":"event_callback","pad":"${'x'.repeat(bytes)}"}`;
    return new Promise((resolve, reject) => {
      const req = http.request(this.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          ...slackSignature(body, this.secret),
        },
      });
      req.on('response', (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', (err) => (req.writableFinished ? undefined : reject(err)));
      req.end(body);
    });
  }

  /** Slash commands: form fields. */
  command(fields: Record<string, string>): Promise<SlackHttpResponse> {
    return this.signed(new URLSearchParams(fields).toString(), 'application/x-www-form-urlencoded');
  }
}
