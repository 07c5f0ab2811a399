import { randomBytes } from 'node:crypto';
import { MongoClient, ObjectId } from 'mongodb';
import { ensureIndexes } from '../../src/store/indexes.ts';
import { runHeedCli } from './cli-child.ts';

const BATCH = 1000;
/** The goal for the export child's peak RSS. */
export const EXPORT_RSS_GOAL_MB = 150;

export interface ExportBenchResult {
  rows: number;
  seconds: number;
  rowsPerSecond: number;
  peakRssMb: number;
  withinGoal: boolean;
}

/** Feedback shaped as the store writes it: a vote, a rating or a correction, some with comments. */
function feedbackDoc(i: number, interactionId: string, at: Date) {
  const kind = i % 10 === 0 ? 'correction' : i % 7 === 0 ? 'rating' : 'vote';
  const value =
    kind === 'correction'
      ? `Use the settings page, step ${i}, "then" save.`
      : kind === 'rating'
        ? 1 + (i % 5)
        : i % 3 === 0
          ? 'down'
          : 'up';
  return {
    _id: `${interactionId}:${kind}:${randomBytes(12).toString('hex')}`,
    interactionId,
    kind,
    value,
    patternKey: `pattern ${i % 500}`,
    platform: (['slack', 'discord', 'web'] as const)[i % 3],
    userId: `U${String(i).padStart(9, '0')}`,
    reasons: value === 'down' ? ['outdated'] : [],
    ...(value === 'down' ? { comment: `the answer to question ${i} was out of date, see ticket #${i}` } : {}),
    createdAt: at,
    updatedAt: at,
    day: at.toISOString().slice(0, 10),
  };
}

/**
 * Seeds `n` feedback documents (direct inserts) into a fresh database on `uri`, runs
 * `heed export feedback --out /dev/null` in a child process, and reports rows/s and the child's peak RSS.
 */
export async function benchExport(opts: {
  uri: string;
  n?: number;
  keep?: boolean;
}): Promise<ExportBenchResult> {
  const n = opts.n ?? 100_000;
  const dbName = `bench_export_${randomBytes(4).toString('hex')}`;
  const client = new MongoClient(opts.uri);
  await client.connect();
  const db = client.db(dbName);
  try {
    await ensureIndexes(db);
    const start = Date.parse('2026-10-01T00:00:00Z');
    for (let done = 0; done < n; done += BATCH) {
      const docs = [];
      for (let i = done; i < Math.min(n, done + BATCH); i++) {
        const interactionId = new ObjectId().toHexString();
        docs.push(feedbackDoc(i, interactionId, new Date(start + i * 1000)));
      }
      await db.collection('feedback').insertMany(docs as never[], { ordered: false });
    }
    const run = await runHeedCli(['export', 'feedback', '--out', '/dev/null'], {
      MONGODB_URI: opts.uri,
      MONGODB_DB: dbName,
    });
    if (run.code !== 0) throw new Error(`heed export exited ${run.code}`);
    const { seconds, peakRssMb } = run;
    return {
      rows: n,
      seconds: Math.round(seconds * 100) / 100,
      rowsPerSecond: Math.round(n / seconds),
      peakRssMb: Math.round(peakRssMb * 10) / 10,
      withinGoal: peakRssMb <= EXPORT_RSS_GOAL_MB,
    };
  } finally {
    if (!opts.keep) await db.dropDatabase().catch(() => {});
    await client.close();
  }
}

export function formatExportBench(r: ExportBenchResult): string {
  return [
    `heed export feedback: ${r.rows} rows in ${r.seconds} s = ${r.rowsPerSecond} rows/s (whole process: start, connect, export)`,
    `peak RSS of the export process: ${r.peakRssMb} MB (goal ≤ ${EXPORT_RSS_GOAL_MB} MB: ${r.withinGoal ? 'met' : 'NOT met'})`,
  ].join('\n');
}
