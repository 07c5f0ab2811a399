import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { clusterCommand } from '../../src/cli/cluster-command.ts';

const dir = await mkdtemp(path.join(tmpdir(), 'heed-cluster-'));

async function file(name: string, lines: string[]): Promise<string> {
  const p = path.join(dir, name);
  await writeFile(p, `${lines.join('\n')}\n`);
  return p;
}

async function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await clusterCommand(args, {
    stdout: (s) => void out.push(s),
    stderr: (s) => void err.push(s),
    readFile: (p) => readFile(p, 'utf8'),
  });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

const ROWS = [
  { text: 'How do I reset my password?', user: 'u1' },
  { text: 'what is the refund policy', user: 'u2', comment: 'outdated' },
  { text: 'how can i reset my password', user: 'u3' },
  { text: 'how do I get a refund' },
  { text: 'I forgot my password, how do I reset it?' },
];
const good = await file(
  'good.jsonl',
  ROWS.map((r) => JSON.stringify(r)),
);

describe('heed cluster', () => {
  it('writes every line back with a cluster id, other fields kept', async () => {
    const r = await run(['--input', good]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(ROWS.length);
    expect(lines).toEqual(ROWS.map((r) => ({ ...r, cluster: expect.any(Number) })));
    const [reset, refund, reset2, refund2, reset3] = lines.map((l) => l.cluster);
    expect(reset).toBe(0); // the largest cluster comes first
    expect([reset2, reset3]).toEqual([reset, reset]);
    expect(refund2).toBe(refund);
    expect(refund).not.toBe(reset);
  });

  it('--json prints one document with clusters and items', async () => {
    const r = await run(['--input', good, '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.clusters).toHaveLength(2);
    expect(doc.clusters[0]).toMatchObject({ id: 0, size: 3 });
    expect(doc.clusters[0].members).toEqual([ROWS[0]!.text, ROWS[2]!.text, ROWS[4]!.text]);
    expect(doc.clusters[0].members).toContain(doc.clusters[0].representative);
    expect(doc.clusters[1]).toMatchObject({ id: 1, size: 2, members: [ROWS[1]!.text, ROWS[3]!.text] });
    expect(doc.items).toHaveLength(ROWS.length);
    expect(doc.items[1]).toEqual({ ...ROWS[1], cluster: 1 });
  });

  it('skips blank lines and accepts an empty file', async () => {
    const p = await file('blank.jsonl', ['', '{"text":"hello"}', '   ']);
    expect((await run(['-i', p])).stdout).toBe('{"text":"hello","cluster":0}\n');
    const empty = await file('empty.jsonl', []);
    const r = await run(['--input', empty, '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ clusters: [], items: [] });
  });

  it('fails with exit 2 when the file cannot be read', async () => {
    const missing = path.join(dir, 'nope.jsonl');
    const r = await run(['--input', missing]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`cannot read ${missing}`);
    expect(r.stdout).toBe('');
  });

  it('names the line that is not JSON', async () => {
    const p = await file('bad-json.jsonl', ['{"text":"ok"}', '{"text": oops}']);
    const r = await run(['--input', p]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('line 2: not valid JSON');
    expect(r.stdout).toBe('');
  });

  it('names the lines without a string text', async () => {
    const p = await file('no-text.jsonl', [
      '{"text":"ok"}',
      '{"question":"where is text?"}',
      '{"text": 42}',
      '["text"]',
    ]);
    const r = await run(['--input', p]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('line 2: missing a string "text" field');
    expect(r.stderr).toContain('line 3: missing a string "text" field');
    expect(r.stderr).toContain('line 4: expected a JSON object');
    expect(r.stdout).toBe('');
  });

  it('rejects bad usage with exit 2', async () => {
    expect((await run([])).code).toBe(2);
    expect((await run(['--input', good, '--nope'])).code).toBe(2);
    const r = await run(['--input', good, '--threshold', 'high']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^heed cluster: --threshold must be a number.*\nusage: heed cluster/s);
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('usage: heed cluster');
  });
});
