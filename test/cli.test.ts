import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { runCli } from '../src/cli.ts';
import { testMongoUri } from './helpers/db.ts';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '..');

function capture() {
  const out = { stdout: '', stderr: '' };
  return {
    out,
    io: {
      stdout: (s: string) => {
        out.stdout += s;
      },
      stderr: (s: string) => {
        out.stderr += s;
      },
    },
  };
}

describe('the heed CLI', () => {
  it('prints help, and refuses an unknown command with exit code 2', async () => {
    const help = capture();
    expect(await runCli(['help'], help.io, {})).toBe(0);
    expect(help.out.stdout).toContain('insights [--days N] [--json]');
    const bad = capture();
    expect(await runCli(['frobnicate'], bad.io, {})).toBe(2);
    expect(bad.out.stderr).toContain('unknown command: frobnicate');
  });

  it('heed db parses its flags strictly and names the bad one', async () => {
    const bad = capture();
    expect(await runCli(['db', '--force', 'migrate'], bad.io, {})).toBe(2);
    expect(bad.out.stderr).toMatch(/^heed db: Unknown option '--force'.*\nusage: heed db migrate/s);
    const none = capture();
    expect(await runCli(['db'], none.io, {})).toBe(2);
    expect(none.out.stderr).toMatch(/^usage: heed db migrate/);
    const help = capture();
    expect(await runCli(['db', '--help'], help.io, {})).toBe(0);
    expect(help.out).toEqual({ stdout: expect.stringMatching(/^usage: heed db migrate/), stderr: '' });
  });

  it('fails fast on bad configuration, naming the variable', async () => {
    await expect(runCli(['insights'], capture().io, { REVIEW_WINDOW: 'ten' })).rejects.toThrow(
      /REVIEW_WINDOW/,
    );
  });

  it('runs insights and instructions against the configured database', async () => {
    const env = { MONGODB_URI: testMongoUri(), MONGODB_DB: `cli_${process.pid}`, LOG_LEVEL: 'silent' };
    const insights = capture();
    expect(await runCli(['insights', '--days', '7', '--json'], insights.io, env)).toBe(0);
    expect(JSON.parse(insights.out.stdout)).toMatchObject({ feedback: 0, positiveRate: 0 });
    const instructions = capture();
    expect(await runCli(['instructions', 'show'], instructions.io, env)).toBe(0);
  });

  it('works as `npx heed` (the package bin), e.g. cluster without a database', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'heed-cli-'));
    const input = path.join(dir, 'in.jsonl');
    await writeFile(
      input,
      [
        'How do I reset my password?',
        'password reset please',
        'What is the refund policy?',
        'refund policy details',
      ]
        .map((text, i) => JSON.stringify({ text, id: i }))
        .join('\n'),
    );
    const { stdout } = await run(
      process.execPath,
      [path.join(root, 'src/heed.mjs'), 'cluster', '--input', input],
      {
        cwd: root,
      },
    );
    const rows = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: number; cluster: number });
    expect(rows.map((r) => r.id)).toEqual([0, 1, 2, 3]);
    expect(rows[0]!.cluster).toBe(rows[1]!.cluster);
    expect(rows[2]!.cluster).toBe(rows[3]!.cluster);
    expect(rows[0]!.cluster).not.toBe(rows[2]!.cluster);
  });
});
