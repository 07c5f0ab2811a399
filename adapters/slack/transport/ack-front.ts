import { Worker } from 'node:worker_threads';
import { errorMessage } from '../../../src/core/errors.ts';
import type { Logger, Metrics } from '../../../src/core/ports.ts';
import { DEFAULT_BODY_LIMIT, SLACK_EVENTS_PATH } from './bolt-app.ts';

export interface AckFront {
  port: number;
  /** The front thread's Linux thread id, 0 when unknown. */
  tid: number;
  url: string;
  /** Stops listening, lets the clicks already acknowledged reach heed (≤ 5 s), ends the thread. */
  close(): Promise<void>;
}

export interface AckFrontOptions {
  /** The public listener (heed's PORT and host). */
  port: number;
  host: string;
  /** heed's own listener on loopback, which the front hands clicks to and proxies everything else to. */
  innerPort: number;
  signingSecret: string;
  bodyLimit?: number;
  /** Acknowledged clicks on their way to heed at most; above it a click waits for heed's ack. */
  maxHandedOver?: number;
  metrics: Metrics;
  logger: Logger;
  /** The thread died: heed no longer listens (npm start exits non-zero). */
  onLost: (message: string) => void;
}

type FrontMessage =
  | { type: 'listening'; port: number; tid: number }
  | { type: 'failed'; message: string }
  | { type: 'acks'; seconds: number[] }
  | { type: 'log'; level: 'warn' | 'error' | 'debug'; msg: string; fields: Record<string, unknown> }
  | { type: 'closed'; abandoned: number };

/**
 * Starts Slack HTTP mode's ack front (ack-front-worker.mjs) in a worker thread on the public port.
 * Its ack times feed `click_ack_seconds`; its rare log lines go to heed's logger.
 */
export async function startAckFront(opts: AckFrontOptions): Promise<AckFront> {
  const worker = new Worker(new URL('./ack-front-worker.mjs', import.meta.url), {
    workerData: {
      port: opts.port,
      host: opts.host,
      innerPort: opts.innerPort,
      signingSecret: opts.signingSecret,
      bodyLimit: opts.bodyLimit ?? DEFAULT_BODY_LIMIT,
      maxHandedOver: opts.maxHandedOver ?? 256,
      eventsPath: SLACK_EVENTS_PATH,
    },
    // No loader and no inherited flags: the front is plain JavaScript with a small heap of its own.
    execArgv: [],
    env: {},
    resourceLimits: { maxOldGenerationSizeMb: 48 },
  });
  let closing = false;
  let closed: (() => void) | undefined;
  const listening = new Promise<{ port: number; tid: number }>((resolve, reject) => {
    worker.on('message', (m: FrontMessage) => {
      if (m.type === 'listening') resolve({ port: m.port, tid: m.tid });
      else if (m.type === 'failed') reject(new Error(`the Slack ack front could not listen: ${m.message}`));
      else if (m.type === 'acks')
        for (const s of m.seconds) opts.metrics.observe('click_ack_seconds', s, { platform: 'slack' });
      else if (m.type === 'log') opts.logger[m.level](m.fields, m.msg);
      else if (m.type === 'closed') {
        if (m.abandoned > 0)
          opts.logger.error({ clicks: m.abandoned }, 'stopped before acknowledged clicks reached heed');
        closed?.();
      }
    });
    worker.once('error', (err) => {
      opts.logger.error({ err: errorMessage(err) }, 'the Slack ack front failed');
      reject(err);
    });
    worker.once('exit', (code) => {
      closed?.();
      reject(new Error(`the Slack ack front exited (${code}) before it listened`));
      if (!closing) opts.onLost(`the Slack ack front stopped (exit ${code}): heed no longer listens`);
    });
  });
  const { port, tid } = await listening.catch(async (err) => {
    closing = true;
    await worker.terminate();
    throw err;
  });
  return {
    port,
    tid,
    url: `http://localhost:${port}`,
    async close() {
      if (closing) return;
      closing = true;
      const done = new Promise<void>((resolve) => {
        closed = resolve;
      });
      worker.postMessage({ type: 'close' });
      await done;
      await worker.terminate();
    },
  };
}
