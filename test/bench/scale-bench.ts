import { writeFile } from 'node:fs/promises';
import { insightsCommand } from '../../src/cli/insights-command.ts';
import { buildDigest } from '../../src/core/insights/build-digest.ts';
import { periodEndingAt } from '../../src/core/insights/period.ts';
import { databaseProcesses } from '../../src/store/db-processes.ts';
import { percentile } from '../faults/click-load.ts';
import { peakRss } from '../faults/db-pause.ts';
import { startSlackHeed } from '../faults/slack-heed.ts';
import { type CliRun, runHeedCli } from './cli-child.ts';
import { type SeedReport, type SeedState, seedFeedback } from './scale-seed.ts';
import { runServerChild, type ServerChildRun } from './server-child.ts';

interface Measure {
  name: string;
  p50: number;
  p99: number;
  baseline: string;
  baselineP50: number;
  /** p50 over the baseline's p50. */
  ratio: number;
  /** The issue's goal for p50 in ms, when it sets one. */
  goalMs?: number;
}

interface ReportChild extends CliRun {
  command: string;
  /** The node flags it ran with, e.g. a heap cap. */
  nodeArgs: string[];
}

/** HEED_CHILD_NODE_OPTIONS' measured candidate: the old-space cap that kept heed's click path under 300 MB. */
const HEAP_CAP = ['--max-old-space-size=192'];

async function reportChildren(env: NodeJS.ProcessEnv): Promise<ReportChild[]> {
  const out: ReportChild[] = [];
  for (const nodeArgs of [[], HEAP_CAP])
    for (const args of [
      ['insights', '--days', '7', '--json'],
      ['digest', '--dry-run'],
    ])
      out.push({ command: `heed ${args.join(' ')}`, nodeArgs, ...(await runHeedCli(args, env, nodeArgs)) });
  return out;
}

export interface ScaleRow {
  size: number;
  /** Seconds waited after seeding before measuring. */
  settleSeconds: number;
  seeding: SeedReport[];
  reviews: number;
  measures: Measure[];
  /** The reports run as the CLI would (a child process per run): time, exit code and peak RSS. */
  reportChildren: ReportChild[];
  /** `npm start` on this database as its own process: its peak RSS after clicks and scrapes. */
  server: ServerChildRun;
  /** Peak resident set (VmHWM) in MB. */
  rss: {
    /** heed's peak while requests and reports were measured (reset after seeding; Linux clear_refs). */
    heed: number;
    /** The bench process's peak while it seeded (it holds the seed state too). */
    heedWhileSeeding: number;
    dbFront: number;
    dbServer: number;
    dbBackendMax: number;
    dbAll: number;
  };
}

async function times(n: number, fn: (i: number) => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn(i);
    out.push(performance.now() - t);
  }
  return out;
}

const MB = 1024 * 1024;

/** Peak RSS of every process of the database stack, sampled while the bench runs (backends come and go). */
function rssSampler(uri: string) {
  const peak = new Map<number, { name: string; role: string; bytes: number }>();
  const sample = async () => {
    for (const p of await databaseProcesses(uri).catch(() => [])) {
      const bytes = await peakRss(p.pid);
      const prev = peak.get(p.pid);
      if (!prev || bytes > prev.bytes) peak.set(p.pid, { name: p.name, role: p.role, bytes });
    }
  };
  let running = true;
  const loop = (async () => {
    while (running) {
      await sample();
      await new Promise((r) => setTimeout(r, 2000));
    }
  })();
  return {
    async read() {
      await sample();
      const all = [...peak.values()];
      const max = (role: string) => Math.max(0, ...all.filter((p) => p.role === role).map((p) => p.bytes));
      return {
        heed: (await peakRss(process.pid)) / MB,
        dbFront: max('front') / MB,
        dbServer: max('server') / MB,
        dbBackendMax: max('backend') / MB,
        dbAll: all.reduce((s, p) => s + p.bytes, 0) / MB,
      };
    },
    async stop() {
      running = false;
      await loop;
    },
  };
}

/**
 * heed at scale: feedback seeded through heed's own write path up to each size, then the request paths
 * and reports, each beside a bare driver baseline on the same server.
 */
export async function runScaleBench(opts: {
  sizes: number[];
  quick?: boolean;
  seed?: 'api' | 'direct' | 'bulk';
  /** Seconds to wait after seeding, before measuring (default 75: one autovacuum round). */
  settleSeconds?: number;
}): Promise<ScaleRow[]> {
  const settleSeconds = opts.settleSeconds ?? 75;
  const method = opts.seed ?? 'api';
  const other = method === 'api' ? 'direct' : 'api';
  const reps = opts.quick ? 10 : 40;
  const slowReps = opts.quick ? 2 : 3;
  const sh = await startSlackHeed({ quiet: true });
  const rss = rssSampler(sh.uri);
  const state: SeedState = { questions: [], interactions: [], feedback: 0 };
  const rows: ScaleRow[] = [];
  const { store } = sh.heed;
  const io = { stdout() {}, stderr() {} };
  try {
    for (const size of opts.sizes) {
      const seeding: SeedReport[] = [];
      // The other method on a small slice, so both rates are reported from the same database.
      seeding.push(
        await seedFeedback(sh.heed, state, state.feedback + Math.min(1000, size / 10), { method: other }),
      );
      seeding.push(await seedFeedback(sh.heed, state, size, { method }));
      // Right after a bulk insert PostgreSQL has no statistics for the new rows and plans every lookup
      // for a near-empty table; a database that grew over weeks has been analysed by autovacuum many
      // times. Waiting one autovacuum round (naptime 60 s) measures that steady state.
      if (settleSeconds > 0) await new Promise((r) => setTimeout(r, settleSeconds * 1000));
      // The fake Slack's call log is the bench's memory, not heed's; heed's peak is measured from here on.
      sh.fake.calls.length = 0;
      const seedingPeak = (await peakRss(process.pid)) / MB;
      await writeFile('/proc/self/clear_refs', '5').catch(() => {});
      const db = sh.db;
      const reviews = await db.collection('reviews').countDocuments({});
      const anyFeedback = await db.collection('feedback').findOne({});
      const scratch = db.collection('bench_scratch');
      const weekAgo = new Date(Date.now() - 7 * 86_400_000);
      const pick = (i: number) => state.interactions[(i * 7919) % state.interactions.length]!;

      const insert = await times(reps, (i) => scratch.insertOne({ i, at: new Date(), text: 'baseline' }));
      const findOne = await times(reps, () => db.collection('feedback').findOne({ _id: anyFeedback!._id }));
      const weekRead = await times(slowReps, () =>
        db
          .collection('feedback')
          .find({ createdAt: { $gte: weekAgo } })
          .toArray(),
      );
      const down = await times(reps, (i) =>
        sh.heed.core.recordFeedback({
          interactionId: pick(i).id,
          platform: 'slack',
          userId: `UDOWN${size}x${i}`,
          kind: 'vote',
          value: 'down',
        }),
      );
      const answer = await times(reps, (i) =>
        sh.heed.core.answer(pick(i).question, { platform: 'slack', userId: 'UBENCH', channelId: 'CGENERAL' }),
      );
      const metrics = await times(reps, async () => {
        const r = await fetch(`${sh.base}/metrics`);
        await r.text();
      });
      const insights = await times(slowReps, () => insightsCommand(['--days', '7', '--json'], { store, io }));
      const digest = await times(slowReps, () =>
        buildDigest(store, periodEndingAt(new Date(), 'UTC'), { timezone: 'UTC' }),
      );
      // Through the data directory, as `npx heed` beside a running heed would: it shares the embedded server.
      const children = await reportChildren({
        HEED_DATA_DIR: sh.heed.config.mongo.dataDir,
        MONGODB_DB: sh.heed.config.mongo.dbName,
      });
      const server = await runServerChild({
        fake: sh.fake,
        db,
        env: { HEED_DATA_DIR: sh.heed.config.mongo.dataDir, MONGODB_DB: sh.heed.config.mongo.dbName },
        questions: state.questions.slice(0, 20),
        interactionIds: state.interactions.map((x) => x.id),
        tag: String(size),
      });
      const big = size >= 1_000_000;
      const m = (name: string, t: number[], baseline: string, b: number[], goalMs?: number): Measure => ({
        name,
        p50: percentile(t, 50),
        p99: percentile(t, 99),
        baseline,
        baselineP50: percentile(b, 50),
        ratio: percentile(t, 50) / percentile(b, 50),
        ...(goalMs ? { goalMs } : {}),
      });
      rows.push({
        size,
        settleSeconds,
        seeding,
        reviews,
        reportChildren: children,
        server,
        measures: [
          m('👎 processing (core.recordFeedback)', down, 'insertOne', insert, 50),
          m('answer (core.answer)', answer, 'insertOne', insert),
          m('GET /metrics', metrics, 'findOne by _id', findOne, 50),
          m('insights --days 7', insights, "find: the week's feedback", weekRead, big ? 5000 : 2000),
          m('digest (buildDigest)', digest, "find: the week's feedback", weekRead, big ? 5000 : 2000),
        ],
        rss: { ...(await rss.read()), heedWhileSeeding: seedingPeak },
      });
      await scratch.deleteMany({});
    }
    return rows;
  } finally {
    await rss.stop();
    await sh.stop();
  }
}

export function formatScaleBench(rows: ScaleRow[]): string {
  const f = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(1));
  const out: string[] = [];
  for (const r of rows) {
    out.push(
      `with ${r.size.toLocaleString('en')} feedback stored (${r.reviews} reviews raised by the seed), measured ${r.settleSeconds > 0 ? `${r.settleSeconds} s after seeding (one autovacuum round)` : 'right after seeding'}`,
    );
    for (const s of r.seeding)
      out.push(
        `  seeding ${s.method === 'api' ? "through heed's write path (answer, recordFeedback)" : s.method === 'bulk' ? 'by insertMany (bulk, no review logic)' : 'by the repositories (direct)'}, 20 in flight: ${s.reactions} reactions at ${s.reactionsPerSecond.toFixed(0)}/s${s.method === 'api' ? ` ${s.reactionsPerSecond >= 200 ? '✓' : '✗'} ≥ 200/s` : ''}, ${s.interactions} answers at ${s.answersPerSecond.toFixed(0)}/s`,
      );
    out.push(
      '  path                                   p50 ms   p99 ms   baseline                    p50 ms   ×      goal',
    );
    for (const x of r.measures) {
      const goal = x.goalMs ? `${x.p50 <= x.goalMs ? '✓' : '✗'} ≤ ${x.goalMs}` : '';
      out.push(
        `  ${x.name.padEnd(38)} ${f(x.p50).padStart(7)} ${f(x.p99).padStart(8)}   ${x.baseline.padEnd(26)} ${f(x.baselineP50).padStart(7)}  ${x.ratio.toFixed(1).padStart(5)}  ${goal}`,
      );
    }
    for (const c of r.reportChildren)
      out.push(
        `  child \`${[...c.nodeArgs, c.command].join(' ')}\`: ${c.code === 0 ? 'exit 0' : `✗ exit ${c.code} (${c.stderrTail.split('\n').pop()})`}, ${c.seconds.toFixed(2)} s, peak RSS ${c.peakRssMb.toFixed(0)} MB`,
      );
    const v = r.server;
    out.push(
      `  \`npm start\` on this database: up in ${v.startSeconds.toFixed(1)} s; ${v.questions} questions, ${v.clicks} 👎 clicks (${v.decided} decided), ${v.scrapes} /metrics scrapes; peak RSS ${v.peakRssMb.toFixed(0)} MB ${v.peakRssMb <= 300 ? '✓' : '✗'} ≤ 300`,
    );
    const q = r.rss;
    out.push(
      `  peak RSS MB: bench process (heed in-process) ${q.heed.toFixed(0)}, while seeding ${q.heedWhileSeeding.toFixed(0)} · FerretDB ${q.dbFront.toFixed(0)} · PostgreSQL server ${q.dbServer.toFixed(0)} · largest backend ${q.dbBackendMax.toFixed(0)} · database processes summed ${q.dbAll.toFixed(0)}`,
    );
  }
  return out.join('\n');
}
