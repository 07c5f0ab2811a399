import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AckFront, startAckFront } from '../../../adapters/slack/transport/ack-front.ts';
import { memoryLogger } from '../../helpers/fakes.ts';
import { feedbackClick, user } from '../../helpers/slack-payloads.ts';
import { SlackHttpClient, TEST_SIGNING_SECRET } from '../../helpers/slack-signer.ts';

/** What reached heed's side of the front, and a way to hold its answers back. */
interface Received {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

const received: Received[] = [];
let holdClicks = true;
/** ms heed waits before it reads a request (a slow heed, while the front stops). */
let readDelay = 0;
const held: (() => void)[] = [];
// heed's own listener, as the front sees it: clicks are held (a busy heed), everything else answered.
const streams: http.ServerResponse[] = [];
const inner = http.createServer((req, res) => {
  if (req.url === '/events') {
    // A playground event stream: open until the client goes.
    res.writeHead(200, { 'content-type': 'text/event-stream' }).write('data: hello\n\n');
    streams.push(res);
    return;
  }
  const chunks: Buffer[] = [];
  setTimeout(() => {
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString();
      received.push({ method: req.method!, url: req.url!, headers: req.headers, body });
      if (req.url === '/healthz') return void res.writeHead(200, { 'x-inner': 'yes' }).end('ok');
      if (body.includes('command=')) return void res.writeHead(200).end('{"text":"from heed"}');
      if (body.includes('UFORGED')) return void res.writeHead(401).end('signature mismatch');
      if (holdClicks) return void held.push(() => res.writeHead(200).end());
      res.writeHead(200).end();
    });
  }, readDelay);
});

const metrics = {
  seconds: [] as number[],
  inc() {},
  observe(_n: string, s: number) {
    this.seconds.push(s);
  },
};
const logger = memoryLogger();
const lost: string[] = [];
let front: AckFront;
let slack: SlackHttpClient;

beforeAll(async () => {
  await new Promise<void>((resolve) => inner.listen(0, '127.0.0.1', resolve));
  front = await startAckFront({
    port: 0,
    host: '127.0.0.1',
    innerPort: (inner.address() as AddressInfo).port,
    signingSecret: TEST_SIGNING_SECRET,
    bodyLimit: 64 * 1024,
    metrics,
    logger,
    onLost: (m) => lost.push(m),
  });
  slack = new SlackHttpClient(`http://127.0.0.1:${front.port}/slack/events`);
});
afterAll(async () => {
  await front.close();
  for (const release of held) release();
  await new Promise<void>((resolve) => inner.close(() => resolve()));
});

const click = (id: string) => feedbackClick({ user: user(id) }, `up:${'a'.repeat(24)}`);
const until = async (check: () => boolean, ms = 5000) => {
  const end = Date.now() + ms;
  while (!check() && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
  expect(check()).toBe(true);
};

describe('the Slack ack front', () => {
  it('acknowledges a signed click while heed has not answered it, then hands heed the very request', async () => {
    const res = await slack.interactive(click('UFRONT1'));
    expect(res.status).toBe(200);
    expect(res.text).toBe('');
    // heed holds its answer: the 200 above came from the front alone.
    await until(() => held.length === 1);
    const got = received.find((r) => r.body.includes('UFRONT1'))!;
    expect(got.method).toBe('POST');
    expect(got.url).toBe('/slack/events');
    expect(got.headers['x-slack-signature']).toMatch(/^v0=/);
    expect(got.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(decodeURIComponent(got.body.replace(/\+/g, ' '))).toContain('"type":"block_actions"');
    await until(() => metrics.seconds.length >= 1, 3000);
    expect(metrics.seconds[0]).toBeGreaterThan(0);
    expect(metrics.seconds[0]).toBeLessThan(5);
  });

  it('passes a forged click to heed, which refuses it', async () => {
    const res = await slack.interactive(click('UFORGED'), { secret: 'not-the-secret-000000000000' });
    expect(res.status).toBe(401);
    expect(res.text).toBe('signature mismatch');
  });

  it('proxies what is no click, with heed’s own status, headers and body', async () => {
    const command = await slack.signed('command=%2Fheed&text=stats', 'application/x-www-form-urlencoded');
    expect(command.status).toBe(200);
    expect(command.text).toBe('{"text":"from heed"}');
    const health = await fetch(`http://127.0.0.1:${front.port}/healthz`);
    expect(health.status).toBe(200);
    expect(health.headers.get('x-inner')).toBe('yes');
    expect(await health.text()).toBe('ok');
  });

  it('streams a response as heed writes it, and 70 open streams leave clicks unblocked', async () => {
    const open = await Promise.all(
      Array.from({ length: 70 }, async () => {
        const controller = new AbortController();
        const res = await fetch(`http://127.0.0.1:${front.port}/events`, { signal: controller.signal });
        const reader = res.body!.getReader();
        const first = new TextDecoder().decode((await reader.read()).value);
        return { controller, first };
      }),
    );
    expect(open.every((o) => o.first === 'data: hello\n\n')).toBe(true);
    const before = held.length;
    expect((await slack.interactive(click('UBEHIND'))).status).toBe(200);
    await until(() => held.length === before + 1);
    for (const o of open) o.controller.abort();
    for (const s of streams.splice(0)) s.end();
  });

  it('refuses a body over the limit with 413 and hands nothing over', async () => {
    const before = received.length;
    expect(await slack.oversized(100 * 1024)).toBe(413);
    expect(received.length).toBe(before);
  });

  it('stops only once the clicks it acknowledged reached heed', async () => {
    holdClicks = false;
    for (const release of held.splice(0)) release();
    readDelay = 300;
    const clicks = ['UFRONT2', 'UFRONT3', 'UFRONT4'];
    const answers = await Promise.all(clicks.map((id) => slack.interactive(click(id))));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    await front.close();
    for (const id of clicks) expect(received.some((r) => r.body.includes(id))).toBe(true);
    await expect(fetch(`http://127.0.0.1:${front.port}/healthz`)).rejects.toThrow();
    expect(lost).toEqual([]);
  });
});
