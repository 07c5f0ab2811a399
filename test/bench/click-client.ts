import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ClickPlan, ClickResult } from '../faults/click-load.ts';

/**
 * `openLoop` of signed clicks to `url`, run in a worker thread of its own: the clock that times each
 * ack then shares its event loop with nothing else in the bench — not with the fake Slack that heed
 * replies to (and bare Bolt never calls), which runs on the bench's main thread. `startedAt` is on
 * this thread's `performance.now()` clock, as `openLoop`'s is.
 */
export async function openLoopApart(opts: {
  url: string;
  plans: ClickPlan[];
  rate: number;
  maxInFlight: number;
}): Promise<{ results: ClickResult[]; startedAt: number }> {
  const worker = new Worker(path.join(import.meta.dirname, 'ts-worker.mjs'), {
    workerData: { entry: path.join(import.meta.dirname, 'click-client-worker.ts'), ...opts },
  });
  try {
    const done = await new Promise<{ results: ClickResult[]; startedAtEpoch: number }>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`click client exited ${code}`)));
    });
    return { results: done.results, startedAt: done.startedAtEpoch - performance.timeOrigin };
  } finally {
    await worker.terminate();
  }
}
