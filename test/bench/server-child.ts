import type { Db } from 'mongodb';
import { type ClickPlan, openLoop, sendClick } from '../faults/click-load.ts';
import { settleClicks } from '../faults/click-outcomes.ts';
import { peakRss } from '../faults/db-pause.ts';
import { spawnHeed } from '../faults/heed-child.ts';
import { askThroughSlack } from '../faults/slack-ask.ts';
import { slackEnv } from '../faults/slack-heed.ts';
import type { FakeSlack } from '../helpers/fake-slack.ts';
import { SlackHttpClient } from '../helpers/slack-signer.ts';

export interface ServerChildRun {
  /** Seconds from spawn until it printed its address (start-up on the stored history included). */
  startSeconds: number;
  questions: number;
  clicks: number;
  /** Clicks whose vote was recorded (or whose user was told why not). */
  decided: number;
  scrapes: number;
  /** The process's peak resident set (VmHWM), MB. */
  peakRssMb: number;
}

/**
 * `npm start` (Slack HTTP mode, the start script's heap cap) on the bench's database at its current
 * size, as its own process: questions, 👎 clicks (each joins or raises a review) and /metrics scrapes
 * through its public port, then its peak RSS — the server's memory at this size, which the bench process
 * (heed in-process plus the seed state) cannot show.
 */
export async function runServerChild(opts: {
  fake: FakeSlack;
  db: Db;
  env: Record<string, string>;
  questions: string[];
  interactionIds: string[];
  tag: string;
}): Promise<ServerChildRun> {
  const t0 = performance.now();
  const heed = await spawnHeed(slackEnv(opts.fake, opts.env));
  const startSeconds = (performance.now() - t0) / 1000;
  try {
    const slack = new SlackHttpClient(`${heed.url}/slack/events`);
    await askThroughSlack(slack, opts.fake, opts.questions);
    const plans: ClickPlan[] = Array.from({ length: 200 }, (_, i) => ({
      userId: `USRV${opts.tag}x${i}`,
      interactionId: opts.interactionIds[(i * 7919) % opts.interactionIds.length]!,
      value: 'down',
    }));
    await openLoop({ plans, rate: 50, maxInFlight: 20, send: (c) => sendClick(slack, c) });
    const { outcomes } = await settleClicks(opts.db, opts.fake, plans, 60_000);
    const scrapes = 30;
    for (let i = 0; i < scrapes; i++) await (await fetch(`${heed.url}/metrics`)).text();
    return {
      startSeconds,
      questions: opts.questions.length,
      clicks: plans.length,
      decided: outcomes.recorded + outcomes.refusedAndTold,
      scrapes,
      peakRssMb: (await peakRss(heed.child.pid!)) / 2 ** 20,
    };
  } finally {
    heed.child.kill('SIGTERM');
    await heed.exited;
  }
}
