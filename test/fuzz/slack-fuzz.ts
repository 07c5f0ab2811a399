import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { type Db, MongoClient } from 'mongodb';
import { type Heed, startHeed } from '../../src/main.ts';
import { FakeSlack } from '../helpers/fake-slack.ts';
import { memoryLogger } from '../helpers/fakes.ts';
import { slackSignature } from '../helpers/slack-signer.ts';
import { dangerousKeys } from '../property/hostile.ts';
import { type FuzzCase, fuzzCase } from './slack-fuzz-payloads.ts';

export interface SlackFuzzOptions {
  /** The MongoDB-compatible server to use (a fresh database is created on it and dropped after). */
  mongoUri: string;
  count?: number;
  concurrency?: number;
  seed?: number;
}

export interface SlackFuzzReport {
  sent: number;
  byKind: Record<string, number>;
  statuses: Record<string, number>;
  /** Requests answered with a 5xx, or by Bolt's 3-second "not acknowledged" handler. */
  serverErrors: number;
  unacknowledged: number;
  slowestMs: number;
  over3s: number;
  healthz: number[];
  unhandledRejections: number;
  /** Differences between what the valid requests should have written and what the database holds. */
  mismatches: string[];
}

const SECRET = 'fuzz-signing-secret-0123456789';

/** How long the comparison waits for the last acknowledged payloads to be written. */
const SETTLE_MS = 15_000;

/**
 * Correctly signed but fuzzed Slack payloads through heed's real /slack/events (startHeed: the
 * production composition, processBeforeResponse false), `concurrency` in flight. The bench runs 1,000.
 */
export async function runSlackFuzz(opts: SlackFuzzOptions): Promise<SlackFuzzReport> {
  const { count = 200, concurrency = 10, seed = 13 } = opts;
  const fake = await new FakeSlack().start();
  const dbName = `fuzz_${randomBytes(4).toString('hex')}`;
  const knowledgeDir = await mkdtemp(join(tmpdir(), 'heed-fuzz-'));
  const logger = memoryLogger();
  let rejections = 0;
  const onRejection = () => void rejections++;
  process.on('unhandledRejection', onRejection);
  let heed: Heed | undefined;
  let client: MongoClient | undefined;
  try {
    heed = await startHeed({
      logger,
      env: {
        MONGODB_URI: opts.mongoUri,
        MONGODB_DB: dbName,
        PORT: '0',
        SLACK_BOT_TOKEN: 'xoxb-fuzz-bot-token',
        SLACK_SIGNING_SECRET: SECRET,
        SLACK_API_URL: fake.apiUrl,
        SLACK_MODERATORS_CHANNEL: 'CMODS',
        HEED_PLAYGROUND: '0',
        KNOWLEDGE_DIR: knowledgeDir,
        LOG_LEVEL: 'debug',
      },
    });
    const { core } = heed;
    const seeded: string[] = [];
    for (let i = 0; i < 5; i++)
      seeded.push(
        (await core.answer(`seeded question number ${i}?`, { platform: 'slack', userId: 'USEED' })).id,
      );
    const cases = Array.from(
      { length: count },
      (_, n) => fc.sample(fuzzCase(seeded, n), { numRuns: 1, seed: seed + n })[0]!,
    );
    const report = await send(`${heed.url}/slack/events`, cases, concurrency, `${heed.url}/healthz`);
    report.unacknowledged = logger.lines.filter((l) => /not acknowledged/.test(l.msg ?? '')).length;
    report.unhandledRejections = rejections;
    // heed acknowledges before it writes (processBeforeResponse false), so the last payloads may still
    // be in processing here: compare again until it agrees or SETTLE_MS passed; a lost write stays.
    const until = Date.now() + SETTLE_MS;
    client = await MongoClient.connect(opts.mongoUri);
    const db = client.db(dbName);
    report.mismatches = await compare(db, cases, seeded.length);
    while (report.mismatches.length > 0 && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 200));
      report.mismatches = await compare(db, cases, seeded.length);
    }
    return report;
  } finally {
    process.off('unhandledRejection', onRejection);
    await heed?.stop();
    await fake.close();
    await rm(knowledgeDir, { recursive: true, force: true });
    client ??= await MongoClient.connect(opts.mongoUri);
    await client
      .db(dbName)
      .dropDatabase()
      .catch(() => {});
    await client.close();
  }
}

async function send(
  url: string,
  cases: FuzzCase[],
  concurrency: number,
  healthUrl: string,
): Promise<SlackFuzzReport> {
  const report: SlackFuzzReport = {
    sent: 0,
    byKind: {},
    statuses: {},
    serverErrors: 0,
    unacknowledged: 0,
    slowestMs: 0,
    over3s: 0,
    healthz: [],
    unhandledRejections: 0,
    mismatches: [],
  };
  const post = async (c: FuzzCase, retry = false) => {
    const started = performance.now();
    const res = await fetch(url, {
      method: 'POST',
      body: c.body,
      headers: {
        'content-type': c.type,
        ...slackSignature(c.body, SECRET),
        ...(retry ? { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } : {}),
      },
    });
    await res.text();
    const ms = performance.now() - started;
    report.sent++;
    report.slowestMs = Math.max(report.slowestMs, Math.round(ms));
    if (ms > 3000) report.over3s++;
    report.statuses[res.status] = (report.statuses[res.status] ?? 0) + 1;
    if (res.status >= 500 || res.status === 404) report.serverErrors++;
  };
  let next = 0;
  const worker = async () => {
    while (next < cases.length) {
      const c = cases[next++]!;
      report.byKind[c.kind] = (report.byKind[c.kind] ?? 0) + 1;
      await post(c);
      if (c.kind === 'question' && c.retry) await post(c, true);
      if (report.sent % 100 === 0) report.healthz.push((await fetch(healthUrl)).status);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  report.healthz.push((await fetch(healthUrl)).status);
  return report;
}

/** What the valid cases must have written — exactly, nothing more — against what is stored. */
async function compare(db: Db, cases: FuzzCase[], seededCount: number): Promise<string[]> {
  const out: string[] = [];
  const feedback = await db.collection('feedback').find({}).toArray();
  const want = new Map<string, unknown>();
  for (const c of cases)
    if (c.kind === 'vote' || c.kind === 'rating')
      want.set(`${c.expect.interactionId}|${c.expect.userId}|${c.kind}`, c.expect.value);
  const got = new Map(feedback.map((f) => [`${f.interactionId}|${f.userId}|${f.kind}`, f.value]));
  for (const [k, v] of want)
    if (got.get(k) !== v) out.push(`feedback ${k}: want ${String(v)}, got ${String(got.get(k))}`);
  const why = new Map(cases.map((c, n) => [`UF${n}`, c.kind === 'invalid' ? c.what : c.kind]));
  for (const [k, v] of got)
    if (!want.has(k)) out.push(`unexpected feedback ${k} = ${String(v)} (${why.get(k.split('|')[1]!)})`);
  const questions = cases.filter((c) => c.kind === 'question').length;
  const interactions = await db.collection('interactions').countDocuments({});
  if (interactions !== seededCount + questions)
    out.push(`interactions: want ${seededCount + questions}, got ${interactions}`);
  for (const name of ['feedback', 'interactions', 'reviews', 'knowledge', 'instructions']) {
    const docs = await db.collection(name).find({}).toArray();
    const bad = docs.flatMap((d) => dangerousKeys(d));
    if (bad.length > 0) out.push(`${name} holds hostile keys: ${bad.slice(0, 5).join(', ')}`);
  }
  return out;
}
