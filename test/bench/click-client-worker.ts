import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parentPort, workerData } from 'node:worker_threads';
import { type ClickPlan, openLoop, sendClick } from '../faults/click-load.ts';
import { SlackHttpClient } from '../helpers/slack-signer.ts';

const { url, plans, rate, maxInFlight } = workerData as {
  url: string;
  plans: ClickPlan[];
  rate: number;
  maxInFlight: number;
};

/**
 * This thread's sending code, compiled and warm before the clock runs: the same clicks, against a
 * listener of its own that answers 200 (a fresh thread's first requests took 20–70 ms, to bare Bolt
 * and heed alike).
 */
async function warmUp(): Promise<void> {
  const server = createServer((req, res) => req.resume().on('end', () => res.end()));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const local = new SlackHttpClient(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
  await openLoop({ plans: plans.slice(0, 300), rate: 1000, maxInFlight, send: (c) => sendClick(local, c) });
  await new Promise((r) => server.close(r));
}

await warmUp();
const client = new SlackHttpClient(url);
const run = await openLoop({ plans, rate, maxInFlight, send: (c) => sendClick(client, c) });
// As wall-clock ms: this thread's performance.now() counts from its own start.
parentPort!.postMessage({ results: run.results, startedAtEpoch: performance.timeOrigin + run.startedAt });
