import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config.ts';
import { openDatabase } from '../../src/store/open-database.ts';
import { type ClickPlan, percentile } from '../faults/click-load.ts';
import { clickOutcomes, settleClicks } from '../faults/click-outcomes.ts';
import { peakRss } from '../faults/db-pause.ts';
import { spawnHeed } from '../faults/heed-child.ts';
import { manyQuestions } from '../faults/outage-scenario.ts';
import { askThroughSlack } from '../faults/slack-ask.ts';
import { slackEnv } from '../faults/slack-heed.ts';
import { FakeSlack } from '../helpers/fake-slack.ts';
import { memoryLogger } from '../helpers/fakes.ts';
import { SlackHttpClient } from '../helpers/slack-signer.ts';
import { openLoopApart } from './click-client.ts';

export interface ClickRow {
  rate: number;
  sent: number;
  bareP50: number;
  bareP99: number;
  heedP50: number;
  heedP99: number;
  /** heed's ack p99 over bare Bolt's (goal ≤ 1.5). */
  p99Ratio: number;
  durable: number;
  told: number;
  lost: number;
  duplicates: number;
  /** Non-200 acks from heed. */
  refused: number;
  /** Seconds from the last ack until the last vote was durable (goal ≤ 1). */
  drainSeconds: number;
  /** Peak RSS of the heed process (npm start) so far, MB (goal ≤ 300). */
  heedPeakMb: number;
}

/** The baseline in its own process: see bare-bolt.ts. */
async function startBareBolt(fake: FakeSlack): Promise<{ url: string; pid: number; stop(): void }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'bare-bolt.ts')], {
    env: slackEnv(fake),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /bare bolt on (\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', (code) => reject(new Error(`bare Bolt exited ${code}`)));
  });
  return { url: `http://127.0.0.1:${port}/slack/events`, pid: child.pid!, stop: () => child.kill('SIGTERM') };
}

/**
 * Click path: heed in Slack HTTP mode (startHeed, production settings) against a bare Bolt app, the same
 * signed feedback_buttons clicks, open loop at each rate for `seconds`, at most 20 in flight.
 */
export async function runClickBench(
  opts: { rates?: number[]; seconds?: number; maxInFlight?: number } = {},
): Promise<ClickRow[]> {
  const rates = opts.rates ?? [50, 100, 200];
  const seconds = opts.seconds ?? 10;
  const maxInFlight = opts.maxInFlight ?? 20;
  const fake = await new FakeSlack().start();
  const bare = await startBareBolt(fake);
  // heed starts its embedded database as `npm start` does (and puts it behind the ack front); the bench
  // shares it, as `npx heed` would, to count durable votes on the same server.
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'heed-click-bench-'));
  const env = slackEnv(fake, { HEED_DATA_DIR: dataDir });
  const heed = await spawnHeed(env);
  const database = await openDatabase(loadConfig(env).mongo, memoryLogger(), env);
  const slack = new SlackHttpClient(`${heed.url}/slack/events`);
  const db = database.store.db;
  const rows: ClickRow[] = [];
  try {
    const interactions = await askThroughSlack(slack, fake, [...manyQuestions(100), ...manyQuestions(100)]);
    for (const rate of rates) {
      const n = rate * seconds;
      const plans: ClickPlan[] = Array.from({ length: n }, (_, i) => ({
        userId: `UC${rate}x${i}`,
        interactionId: interactions[(i * 7) % interactions.length]!,
        value: i % 4 === 0 ? 'down' : 'up',
      }));
      const baseRun = await openLoopApart({ url: bare.url, plans, rate, maxInFlight });
      const heedRun = await openLoopApart({ url: slack.url, plans, rate, maxInFlight });
      const lastAck = heedRun.startedAt + Math.max(...heedRun.results.map((r) => r.ackAt));
      const status = new Map(heedRun.results.map((r) => [r.userId, r.status]));
      const clicks = plans.map((p) => ({ ...p, status: status.get(p.userId) ?? 0 }));
      const { outcomes, settledAt } = await settleClicks(db, fake, clicks, 120_000);
      const final = await clickOutcomes(db, fake, clicks);
      const acks = (r: typeof heedRun) => r.results.filter((x) => x.status === 200).map((x) => x.ackMs);
      const row: ClickRow = {
        rate,
        sent: n,
        bareP50: percentile(acks(baseRun), 50),
        bareP99: percentile(acks(baseRun), 99),
        heedP50: percentile(acks(heedRun), 50),
        heedP99: percentile(acks(heedRun), 99),
        p99Ratio: 0,
        durable: final.recorded,
        told: final.refusedAndTold,
        lost: outcomes.lost,
        duplicates: final.duplicates,
        refused: heedRun.results.filter((r) => r.status !== 200).length,
        drainSeconds: Math.max(0, (settledAt - lastAck) / 1000),
        heedPeakMb: (await peakRss(heed.child.pid!)) / 2 ** 20,
      };
      row.p99Ratio = row.heedP99 / row.bareP99;
      rows.push(row);
    }
    return rows;
  } finally {
    await database.close();
    heed.child.kill('SIGTERM');
    await heed.exited;
    bare.stop();
    await fake.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

export function formatClickBench(rows: ClickRow[], seconds: number): string {
  const f = (n: number, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : '—');
  return [
    `click path: heed (Slack HTTP, ack first) vs bare Bolt, open loop ${seconds} s, ≤ 20 in flight (ack ms)`,
    '  rate/s   sent  bare p50  bare p99  heed p50  heed p99  p99 ×  durable  told  lost  dup  drain s',
    ...rows.map(
      (r) =>
        `  ${String(r.rate).padStart(6)} ${String(r.sent).padStart(6)} ${f(r.bareP50).padStart(9)} ${f(r.bareP99).padStart(9)} ${f(r.heedP50).padStart(9)} ${f(r.heedP99).padStart(9)} ${f(r.p99Ratio, 2).padStart(6)} ${String(r.durable).padStart(8)} ${String(r.told).padStart(5)} ${String(r.lost).padStart(5)} ${String(r.duplicates).padStart(4)} ${f(r.drainSeconds, 2).padStart(8)}`,
    ),
    `  heed process (npm start) peak RSS: ${f(Math.max(0, ...rows.map((r) => r.heedPeakMb)), 0)} MB (goal ≤ 300)`,
  ].join('\n');
}
