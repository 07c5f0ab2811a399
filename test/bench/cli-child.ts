import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface CliRun {
  code: number;
  seconds: number;
  /** The child's peak resident set (getrusage maxRSS), MB. */
  peakRssMb: number;
  /** The end of what it wrote to stderr (why it failed, when it did). */
  stderrTail: string;
}

/**
 * Runs the installed bin (`src/heed.mjs`) as a child, as an operator would, with `nodeArgs` before it
 * (e.g. a heap cap), and reports its exit code, wall time and peak RSS.
 */
export async function runHeedCli(
  args: string[],
  env: NodeJS.ProcessEnv,
  nodeArgs: string[] = [],
): Promise<CliRun> {
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'heed-cli-rss-'));
  const rssFile = path.join(tmp, 'rss');
  try {
    let stderr = '';
    const t0 = performance.now();
    const code = await new Promise<number>((resolve, reject) => {
      const child = spawn(
        process.execPath,
        [
          ...nodeArgs,
          '--import',
          path.join(ROOT, 'test/bench/report-peak-rss.mjs'),
          path.join(ROOT, 'src/heed.mjs'),
          ...args,
        ],
        {
          cwd: ROOT,
          env: { ...process.env, LOG_LEVEL: 'silent', ...env, HEED_BENCH_RSS_FILE: rssFile },
          stdio: ['ignore', 'ignore', 'pipe'],
        },
      );
      child.stderr?.on('data', (c: Buffer) => {
        stderr = (stderr + c.toString()).slice(-500);
      });
      child.on('error', reject);
      child.on('exit', (c) => resolve(c ?? 1));
    });
    const seconds = (performance.now() - t0) / 1000;
    const kb = Number(await readFile(rssFile, 'utf8').catch(() => '0'));
    return { code, seconds, peakRssMb: kb / 1024, stderrTail: stderr.trim() };
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}
