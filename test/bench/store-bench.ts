import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { createAnswerer, loadSeedKnowledge } from '../../src/answerer/index.ts';
import { loadConfig } from '../../src/config.ts';
import { FeedbackCore } from '../../src/core/feedback-core.ts';
import { DIGEST_INDEXES } from '../../src/store/digests-repo.ts';
import { startEmbedded } from '../../src/store/embedded-database.ts';
import { findOrBuildFerretdb } from '../../src/store/ferretdb-binary.ts';
import { ensureIndexes } from '../../src/store/indexes.ts';
import { storeForDb } from '../../src/store/mongo-feedback-store.ts';
import { ensureGinIndexes } from '../../src/store/pg-indexes.ts';
import { memoryLogger } from '../helpers/fakes.ts';

export interface Timing {
  name: string;
  perOpMs: number;
  baselineMs: number;
  ratio: number;
}

async function timePerOp(n: number, fn: (i: number) => Promise<unknown>): Promise<number> {
  const start = performance.now();
  for (let i = 0; i < n; i++) await fn(i);
  return (performance.now() - start) / n;
}

/**
 * heed's hot paths against the same database server, each as a ratio to a baseline measured in the
 * same run (one raw driver round trip of the same kind), so the numbers travel between machines.
 */
export async function runStoreBench(n = 300): Promise<Timing[]> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'heed-bench-'));
  const embedded = process.env.MONGODB_URI
    ? undefined
    : await startEmbedded({
        ferretdbBinary: await findOrBuildFerretdb(),
        dataDir: dir,
        pgBin: process.env.PG_BIN,
      });
  const client = new MongoClient(process.env.MONGODB_URI ?? embedded!.uri);
  try {
    const db = client.db(`bench_${process.pid}`);
    await ensureIndexes(db, DIGEST_INDEXES);
    if (embedded) await ensureGinIndexes(db, embedded.pgUrl);
    const store = storeForDb(db, client);
    const logger = memoryLogger();
    const answerer = createAnswerer({ config: loadConfig({}), store, logger });
    const core = new FeedbackCore({ store, answerer, logger });
    await loadSeedKnowledge({
      dir: path.resolve(import.meta.dirname, '../../knowledge'),
      store,
      patternKey: (q) => core.patternKey(q),
      logger,
    });
    const scratch = db.collection('bench_scratch');
    const ref = { platform: 'web' as const, userId: 'bench' };

    const rawIds: unknown[] = [];
    const insertMs = await timePerOp(n, async (i) => {
      rawIds.push(
        (await scratch.insertOne({ i, question: 'How do I connect heed to Slack?', at: new Date() }))
          .insertedId,
      );
    });
    const findMs = await timePerOp(n, (i) => scratch.findOne({ _id: rawIds[i] as never }));
    const ids: string[] = [];
    const answerMs = await timePerOp(n, async (i) => {
      const q = i % 2 === 0 ? 'How do I connect heed to Slack?' : `How do I export report ${i}?`;
      ids.push((await core.answer(q, ref)).id);
    });
    const vote = (userId: string, value: 'up' | 'down') => (i: number) =>
      core.recordFeedback({ interactionId: ids[i]!, platform: 'web', userId, kind: 'vote', value });
    // Positive votes: the write path without review work; then negative votes that raise and join reviews.
    const upMs = await timePerOp(n, vote('u', 'up'));
    const downMs = await timePerOp(n, vote('d', 'down'));
    const redeliveryMs = await timePerOp(n, vote('d', 'down'));
    await db.dropDatabase();
    const row = (name: string, perOpMs: number, baselineMs: number): Timing => ({
      name,
      perOpMs,
      baselineMs,
      ratio: perOpMs / baselineMs,
    });
    return [
      row('answer (offline KB answerer + interaction insert) vs raw insertOne', answerMs, insertMs),
      row('recordFeedback 👍 (validate + upsert) vs raw insertOne', upMs, insertMs),
      row('recordFeedback 👎 (+ trigger window + review) vs raw insertOne', downMs, insertMs),
      row('recordFeedback redelivery (no write) vs raw findOne by _id', redeliveryMs, findMs),
    ];
  } finally {
    await client.close();
    await embedded?.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

export function formatStoreBench(rows: Timing[]): string {
  return [
    'hot paths on the embedded database (ms per operation, ratio to a raw driver baseline in the same run)',
    ...rows.map(
      (r) =>
        `  ${r.name.padEnd(72)} ${r.perOpMs.toFixed(2).padStart(7)} ms  baseline ${r.baselineMs.toFixed(2).padStart(6)} ms  ×${r.ratio.toFixed(1)}`,
    ),
  ].join('\n');
}
