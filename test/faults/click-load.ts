import { voteValue } from '../../adapters/slack/ids.ts';
import { feedbackClick, user } from '../helpers/slack-payloads.ts';
import type { SlackHttpClient } from '../helpers/slack-signer.ts';

export interface ClickPlan {
  userId: string;
  interactionId: string;
  value: 'up' | 'down';
}

export interface ClickResult extends ClickPlan {
  /** ms since the run started when the request went out / was answered. */
  sentAt: number;
  ackAt: number;
  ackMs: number;
  /** HTTP status of the ack (0: the request itself failed). */
  status: number;
}

/** One signed `block_actions` feedback_buttons click, as Slack sends it. */
export function sendClick(slack: SlackHttpClient, c: ClickPlan, channel = 'CGENERAL') {
  return slack.interactive(
    feedbackClick(
      { user: user(c.userId), channel, messageTs: '1700000000.000101' },
      voteValue(c.value, c.interactionId),
    ),
  );
}

/**
 * Open loop: click i is due at i / rate seconds, whatever happened to the earlier ones; at most
 * `maxInFlight` are outstanding (a due click waits for a free slot, as Slack's senders would queue).
 */
export async function openLoop(opts: {
  plans: ClickPlan[];
  rate: number;
  maxInFlight: number;
  send: (c: ClickPlan) => Promise<{ status: number }>;
  /** Called just before click i goes out (e.g. to start an outage at the right moment). */
  onTick?: (i: number) => void | Promise<void>;
}): Promise<{ results: ClickResult[]; startedAt: number }> {
  const startedAt = performance.now();
  const results: ClickResult[] = [];
  let inFlight = 0;
  const waiting: (() => void)[] = [];
  const slot = () =>
    inFlight < opts.maxInFlight ? Promise.resolve() : new Promise<void>((r) => waiting.push(r));
  const running: Promise<void>[] = [];
  for (let i = 0; i < opts.plans.length; i++) {
    const due = startedAt + (i * 1000) / opts.rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    await opts.onTick?.(i);
    await slot();
    inFlight++;
    const plan = opts.plans[i]!;
    const sent = performance.now();
    running.push(
      opts
        .send(plan)
        .then(
          (r) => r.status,
          () => 0,
        )
        .then((status) => {
          const now = performance.now();
          results.push({
            ...plan,
            sentAt: sent - startedAt,
            ackAt: now - startedAt,
            ackMs: now - sent,
            status,
          });
          inFlight--;
          waiting.shift()?.();
        }),
    );
  }
  await Promise.all(running);
  return { results, startedAt };
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
