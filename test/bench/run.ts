import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../../src/config.ts';
import { openDatabase } from '../../src/store/open-database.ts';
import { memoryLogger } from '../helpers/fakes.ts';
import { formatClickBench, runClickBench } from './click-bench.ts';
import { formatClusteringBench, runClusteringBench } from './clustering-bench.ts';
import { formatFaultBench, runFaultBench } from './fault-bench.ts';
import { formatScaleBench, runScaleBench } from './scale-bench.ts';
import { formatStoreBench, runStoreBench } from './store-bench.ts';

// `npm run bench [-- --quick | --big] [--only clustering,store,export,click,scale,faults,fuzz] [--seed api|direct|bulk] [--settle S]`:
// measurements, not tests — every figure beside a baseline measured in the same run.
const { values } = parseArgs({
  args: process.argv.slice(2),
  options: {
    quick: { type: 'boolean' },
    big: { type: 'boolean' },
    only: { type: 'string' },
    seed: { type: 'string' },
    settle: { type: 'string' },
    json: { type: 'string' },
  },
  strict: true,
});
const quick = values.quick ?? false;
if (values.settle !== undefined && !(Number(values.settle) >= 0))
  throw new Error(`--settle takes seconds (0 or more), not "${values.settle}"`);
const sections = new Set(
  (values.only ?? 'clustering,store,export,click,scale,faults,fuzz').split(',').map((s) => s.trim()),
);
const results: Record<string, unknown> = { quick, big: values.big ?? false, startedAt: new Date() };
const section = async <T>(name: string, title: string, run: () => Promise<T>, format: (r: T) => string) => {
  if (!sections.has(name)) return;
  console.log(`\n== ${title} ==`);
  const started = performance.now();
  try {
    const r = await run();
    results[name] = r;
    console.log(format(r));
  } catch (err) {
    results[name] = { error: String(err) };
    console.log(`  failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    process.exitCode = 1;
  }
  console.log(`  (${((performance.now() - started) / 1000).toFixed(1)} s)`);
};

await section(
  'clustering',
  'grouping quality (B-cubed against CLINC150 intent labels)',
  () => runClusteringBench(),
  formatClusteringBench,
);
await section('store', 'hot paths', () => runStoreBench(quick ? 50 : 300), formatStoreBench);
// One database server for the benches that take a URI: MONGODB_URI, or an embedded one opened here.
let server: { uri: string; close(): Promise<void> } | undefined;
async function benchServer(): Promise<string> {
  if (server) return server.uri;
  if (process.env.MONGODB_URI) {
    server = { uri: process.env.MONGODB_URI, close: async () => {} };
    return server.uri;
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), 'heed-bench-db-'));
  const database = await openDatabase(loadConfig({ HEED_DATA_DIR: dir }).mongo, memoryLogger(), process.env);
  server = {
    uri: database.embedded?.uri ?? '',
    close: async () => {
      await database.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
  return server.uri;
}

const exportBench = path.join(import.meta.dirname, 'export-bench.ts');
if (existsSync(exportBench)) {
  const mod = (await import(exportBench)) as {
    benchExport?: (o: { uri: string; n?: number }) => Promise<unknown>;
    formatExportBench?: (r: unknown) => string;
  };
  if (typeof mod.benchExport === 'function')
    await section(
      'export',
      'exports',
      async () => mod.benchExport!({ uri: await benchServer(), n: quick ? 5000 : 100_000 }),
      (r) => mod.formatExportBench?.(r) ?? JSON.stringify(r, null, 2),
    );
}
const clickSeconds = quick ? 2 : 10;
await section(
  'click',
  'click path',
  () => runClickBench({ seconds: clickSeconds }),
  (r) => formatClickBench(r, clickSeconds),
);
const sizes = quick ? [1000, 5000] : values.big ? [10_000, 100_000, 1_000_000] : [10_000, 100_000];
await section(
  'scale',
  'scale',
  () =>
    runScaleBench({
      sizes,
      quick,
      seed: values.seed === 'direct' || values.seed === 'bulk' ? values.seed : 'api',
      settleSeconds: values.settle !== undefined ? Number(values.settle) : quick ? 0 : 75,
    }),
  formatScaleBench,
);
await section(
  'faults',
  'faults (issue 13)',
  () => runFaultBench(quick ? { outageSeconds: 6, rate: 10 } : { outageSeconds: 30, rate: 20 }),
  formatFaultBench,
);

const fuzz = path.join(import.meta.dirname, '../fuzz/slack-fuzz.ts');
if (existsSync(fuzz)) {
  const mod = (await import(fuzz)) as {
    runSlackFuzz?: (o: { mongoUri: string; count?: number; concurrency?: number }) => Promise<unknown>;
  };
  if (typeof mod.runSlackFuzz === 'function')
    await section(
      'fuzz',
      'fuzzed, correctly signed Slack payloads through /slack/events (issue 13)',
      async () =>
        mod.runSlackFuzz!({ mongoUri: await benchServer(), count: quick ? 200 : 1000, concurrency: 10 }),
      (r) => JSON.stringify(r, null, 2),
    );
}
await server?.close();

const out = values.json ?? path.join(import.meta.dirname, '../../test-output/bench.json');
await mkdir(path.dirname(out), { recursive: true });
await writeFile(out, `${JSON.stringify({ ...results, finishedAt: new Date() }, null, 2)}\n`);
console.log(`\nJSON: ${path.relative(process.cwd(), out)}`);
// Bolt's and the drivers' keep-alive timers must not hold the process.
process.exit(process.exitCode ?? 0);
