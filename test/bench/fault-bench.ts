import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config.ts';
import { openDatabase } from '../../src/store/open-database.ts';
import { openLoop, sendClick } from '../faults/click-load.ts';
import { settleClicks } from '../faults/click-outcomes.ts';
import { spawnHeed } from '../faults/heed-child.ts';
import { checkIntegrity, type Integrity } from '../faults/integrity.ts';
import { answerQuestions, manyQuestions, plansFor, runOutage } from '../faults/outage-scenario.ts';
import { askThroughSlack } from '../faults/slack-ask.ts';
import { slackEnv, startSlackHeed } from '../faults/slack-heed.ts';
import { FakeSlack } from '../helpers/fake-slack.ts';
import { memoryLogger } from '../helpers/fakes.ts';
import { SlackHttpClient } from '../helpers/slack-signer.ts';

export interface FaultRow {
  scenario: string;
  sent: number;
  sentDuringOutage: number;
  recorded: number;
  refusedAndTold: number;
  lost: number;
  duplicates: number;
  /** Seconds from the database's return until every click was recorded or told. */
  recoverSeconds: number;
  healthDuring: number[];
  healthAfter: number;
  integrity: Integrity;
}

/** Issue 13's outage at bench size: the embedded database paused (SIGSTOP) while clicks keep coming. */
export async function runFaultBench(opts: { outageSeconds: number; rate: number }): Promise<FaultRow[]> {
  return [await outageRow(opts), await killRow({ rate: opts.rate, seconds: opts.outageSeconds + 15 })];
}

async function outageRow(opts: { outageSeconds: number; rate: number }): Promise<FaultRow> {
  const sh = await startSlackHeed({ quiet: true });
  try {
    const interactions = await answerQuestions(sh, 2, 'F', manyQuestions(40));
    const before = 5;
    const after = 10;
    const n = opts.rate * (before + opts.outageSeconds + after);
    const plans = plansFor(interactions, n, 'F');
    const run = await runOutage(sh, {
      plans,
      rate: opts.rate,
      outageMs: opts.outageSeconds * 1000,
      startAfterMs: before * 1000,
      settleMs: 180_000,
    });
    return {
      scenario: `database paused ${opts.outageSeconds} s, ${opts.rate} clicks/s`,
      sent: n,
      sentDuringOutage: run.clicksDuringOutage,
      recorded: run.outcomes.recorded,
      refusedAndTold: run.outcomes.refusedAndTold,
      lost: run.outcomes.lost,
      duplicates: run.outcomes.duplicates,
      recoverSeconds: run.recoverSeconds,
      healthDuring: run.healthDuring,
      healthAfter: run.healthAfter,
      integrity: await checkIntegrity(sh.db),
    };
  } finally {
    await sh.stop();
  }
}

/**
 * npm start SIGKILLed a third into a click stream and started again at once (as a process manager
 * would); clicks keep coming. While it is down the clicks are refused (Slack shows the user an error);
 * clicks acknowledged just before the kill but not yet written are the ones at risk.
 */
async function killRow(opts: { rate: number; seconds: number }): Promise<FaultRow> {
  const fake = await new FakeSlack().start();
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'heed-kill-bench-'));
  const env = slackEnv(fake, { HEED_DATA_DIR: dataDir });
  const database = await openDatabase(loadConfig(env).mongo, memoryLogger(), env);
  const db = database.store.db;
  let heed = await spawnHeed(env);
  let slack = new SlackHttpClient(`${heed.url}/slack/events`);
  try {
    const interactions = await askThroughSlack(slack, fake, manyQuestions(40));
    const plans = plansFor(interactions, opts.rate * opts.seconds, 'K');
    const killAt = Math.floor(plans.length / 3);
    let killedAt = 0;
    let downFrom = 0;
    let downTo = 0;
    let back = 0;
    let restarting: Promise<void> | undefined;
    const loopStart = performance.now();
    const { results } = await openLoop({
      plans,
      rate: opts.rate,
      maxInFlight: 20,
      send: async (c) => {
        const r = await sendClick(slack, c).catch(() => ({ status: 0 }));
        if (r.status === 200 && killedAt && !back) back = performance.now();
        return r;
      },
      onTick: (i) => {
        if (i !== killAt) return;
        heed.child.kill('SIGKILL');
        killedAt = performance.now();
        downFrom = i;
        restarting = heed.exited.then(async () => {
          heed = await spawnHeed(env);
          slack = new SlackHttpClient(`${heed.url}/slack/events`);
          downTo = Math.floor(((performance.now() - loopStart) / 1000) * opts.rate);
        });
      },
    });
    await restarting;
    const status = new Map(results.map((r) => [r.userId, r.status]));
    const clicks = plans.map((p) => ({ ...p, status: status.get(p.userId) ?? 0 }));
    const { outcomes } = await settleClicks(db, fake, clicks, 60_000);
    return {
      scenario: `npm start SIGKILLed and restarted, ${opts.rate} clicks/s`,
      sent: plans.length,
      sentDuringOutage: Math.max(0, Math.min(downTo, plans.length) - downFrom),
      recorded: outcomes.recorded,
      refusedAndTold: outcomes.refusedAndTold,
      lost: outcomes.lost,
      duplicates: outcomes.duplicates,
      recoverSeconds: back ? (back - killedAt) / 1000 : Number.NaN,
      healthDuring: [],
      healthAfter: (await fetch(`${heed.url}/healthz`).catch(() => ({ status: 0 }))).status,
      integrity: await checkIntegrity(db),
    };
  } finally {
    heed.child.kill('SIGTERM');
    await heed.exited;
    await database.close();
    await fake.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

export function formatFaultBench(rows: FaultRow[]): string {
  const out = [
    '  scenario                                   sent  during  recorded  refused+told  lost  dup  recover s  /healthz during → after',
  ];
  for (const r of rows) {
    out.push(
      `  ${r.scenario.padEnd(42)} ${String(r.sent).padStart(5)} ${String(r.sentDuringOutage).padStart(7)} ${String(r.recorded).padStart(9)} ${String(r.refusedAndTold).padStart(13)} ${String(r.lost).padStart(5)} ${String(r.duplicates).padStart(4)} ${r.recoverSeconds.toFixed(1).padStart(10)}  ${r.healthDuring.map((s) => s || 'no answer').join(',') || '—'} → ${r.healthAfter}`,
    );
    const i = r.integrity;
    out.push(
      `    reviews ${i.reviews} (open ${i.openReviews}); two open on one pattern: ${i.patternsWithTwoOpen.length}; without feedback: ${i.reviewsWithoutFeedback.length}; dangling feedback: ${i.danglingFeedback.length}; not posted: ${i.unposted.length}`,
    );
  }
  return out.join('\n');
}
