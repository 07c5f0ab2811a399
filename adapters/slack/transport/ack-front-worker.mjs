// @ts-check
/**
 * Slack HTTP mode's ack front: a worker thread that owns heed's public port, so that a click is
 * acknowledged by an event loop that does nothing else. A signed `block_actions` payload (what every
 * 👍 / 👎 / ✏️ / rating / review click is) is answered 200 here at once and then handed to heed on
 * the main thread, which runs Bolt and the core as before (Bolt's ack of the handed-over request goes
 * nowhere). Everything else — slash commands, events, modal submissions, forged or stale signatures,
 * /healthz, /metrics, the playground — is proxied unchanged (http-proxy-3) and answered by heed.
 *
 * Plain JavaScript: a worker gets no TypeScript loader, and registering one would cost ~25 MB.
 * Workers take no secret from the environment: the signing secret comes in `workerData`.
 */
import { readlinkSync } from 'node:fs';
import http from 'node:http';
import { Readable } from 'node:stream';
import { parentPort, workerData } from 'node:worker_threads';
import { verifySlackRequest } from '@slack/bolt/dist/receivers/verify-request.js';
import { createProxyServer } from 'http-proxy-3';

const { port, host, innerPort, signingSecret, bodyLimit, maxHandedOver, eventsPath } = workerData;
const port0 = /** @type {import('node:worker_threads').MessagePort} */ (parentPort);
const FORM = 'application/x-www-form-urlencoded';
// Two pools: the proxy's connections may stay open for as long as a playground event stream does, so
// clicks on their way to heed never wait behind them.
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
const proxy = createProxyServer({
  target: `http://127.0.0.1:${innerPort}`,
  agent: new http.Agent({ keepAlive: true }),
});

/** @param {'warn' | 'error' | 'debug'} level @param {string} msg @param {Record<string, unknown>} [fields] */
const log = (level, msg, fields = {}) => port0.postMessage({ type: 'log', level, msg, fields });

proxy.on('error', (err, _req, res) => {
  log('warn', 'the ack front could not reach heed', { err: err.message });
  if (!(res instanceof http.ServerResponse)) return void res.destroy();
  if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
  res.end('heed is unavailable');
});

/** Ack durations (seconds) not yet sent to the main thread's click_ack_seconds histogram. */
let acks = [];
const flushAcks = () => {
  if (acks.length === 0) return;
  port0.postMessage({ type: 'acks', seconds: acks });
  acks = [];
};
const ticker = setInterval(flushAcks, 1000);
/** Acknowledged clicks on their way to heed: above maxHandedOver, a click waits for heed's own ack. */
let handedOver = 0;

/**
 * A click this front may acknowledge itself: a form-encoded body Slack signed (Bolt's own
 * `verifySlackRequest`, within its five minutes) whose payload is a `block_actions` object.
 * @param {http.IncomingMessage} req @param {string} raw
 */
function isSignedClick(req, raw) {
  const signature = req.headers['x-slack-signature'];
  const timestamp = req.headers['x-slack-request-timestamp'];
  if (req.headers['content-type'] !== FORM || typeof signature !== 'string') return false;
  if (typeof timestamp !== 'string' || !/^\d{1,12}$/.test(timestamp)) return false;
  try {
    const headers = { 'x-slack-signature': signature, 'x-slack-request-timestamp': Number(timestamp) };
    verifySlackRequest({ signingSecret, body: raw, headers });
    const payload = JSON.parse(new URLSearchParams(raw).get('payload') ?? 'null');
    return payload !== null && typeof payload === 'object' && payload.type === 'block_actions';
  } catch {
    return false;
  }
}

/** The body, or null once it passed the limit (the request is then answered 413, as heed would). */
function readBody(/** @type {http.IncomingMessage} */ req) {
  return new Promise((resolve, reject) => {
    /** @type {Buffer[]} */
    const chunks = [];
    let size = 0;
    req.on('data', (/** @type {Buffer} */ c) => {
      size += c.length;
      if (size > bodyLimit) return void resolve(null);
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Hands an acknowledged click to heed; a reused keep-alive socket may reset, so it tries twice. */
function handOver(/** @type {http.IncomingMessage} */ req, /** @type {Buffer} */ body, attempt = 1) {
  const headers = { ...req.headers, 'content-length': String(body.length) };
  for (const h of ['connection', 'keep-alive', 'transfer-encoding']) delete headers[h];
  return new Promise((resolve) => {
    const out = http.request(
      { host: '127.0.0.1', port: innerPort, method: 'POST', path: req.url, headers, agent },
      (res) => {
        res.resume();
        res.once('end', resolve).once('error', resolve);
        if (res.statusCode !== 200)
          log('warn', 'heed refused a click the ack front acknowledged', { status: res.statusCode });
      },
    );
    out.once('error', (err) => {
      if (attempt < 2) return void handOver(req, body, attempt + 1).then(resolve);
      log('error', 'a click the ack front acknowledged could not reach heed', { err: err.message });
      resolve(undefined);
    });
    out.end(body);
  });
}

/** @param {http.IncomingMessage} req @param {http.ServerResponse} res */
async function onSlackEvents(req, res, started) {
  const body = await readBody(req).catch(() => null);
  if (body === null) return void res.writeHead(413, { 'content-type': 'text/plain' }).end('too large');
  if (handedOver < maxHandedOver && isSignedClick(req, body.toString())) {
    res.writeHead(200).end();
    acks.push((performance.now() - started) / 1000);
    handedOver++;
    await handOver(req, body);
    handedOver--;
    return;
  }
  proxy.web(req, res, { buffer: Readable.from([body]) });
}

const server = http.createServer((req, res) => {
  const started = performance.now();
  const path = (req.url ?? '/').split('?')[0];
  if (req.method === 'POST' && path === eventsPath) void onSlackEvents(req, res, started);
  else proxy.web(req, res);
});

port0.on('message', async (m) => {
  if (m?.type !== 'close') return;
  server.close();
  server.closeIdleConnections();
  const until = Date.now() + 5000;
  while (handedOver > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
  server.closeAllConnections();
  clearInterval(ticker);
  flushAcks();
  agent.destroy();
  port0.postMessage({ type: 'closed', abandoned: handedOver });
  port0.close();
});

server.once('error', (err) => port0.postMessage({ type: 'failed', message: err.message }));
server.listen(port, host, () => {
  const address = server.address();
  port0.postMessage({
    type: 'listening',
    port: typeof address === 'object' && address ? address.port : port,
    tid: threadId(),
  });
});

/** This thread's Linux id (so heed can keep its priority), or 0 where /proc cannot tell. */
function threadId() {
  try {
    return Number(readlinkSync('/proc/thread-self').split('/').pop()) || 0;
  } catch {
    return 0;
  }
}
