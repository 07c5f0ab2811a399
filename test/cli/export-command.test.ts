import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { exportCommand } from '../../src/cli/export-command.ts';
import { runCli } from '../../src/cli.ts';
import { CSV_COLUMNS, DATASET_SCHEMAS, DATASETS, type DatasetName } from '../../src/core/datasets/schemas.ts';
import { openTestStore, testMongoUri } from '../helpers/db.ts';
import { ALICE, ANSWERS, seedPrivacyData, TEXT } from './privacy-seed.ts';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: { stdout: (s: string) => void out.push(s), stderr: (s: string) => void err.push(s) },
    out: () => out.join(''),
    err: () => err.join(''),
  };
}

const store = await openTestStore('cli_export');
const seeded = await seedPrivacyData(store);
const dir = await mkdtemp(path.join(os.tmpdir(), 'heed-export-'));

async function run(args: string[]) {
  const cap = capture();
  const code = await exportCommand(args, { store, io: cap.io });
  return { code, out: cap.out(), err: cap.err() };
}
async function rows(args: string[]): Promise<Record<string, unknown>[]> {
  const r = await run(args);
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
  return r.out
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));
}
const contentOf = (messages: { role: string; content: string }[], role: string) =>
  messages.filter((m) => m.role === role).map((m) => m.content);

describe('heed export', () => {
  it.each(DATASETS)('every %s row validates against the schema of its format', async (name) => {
    const all = await rows([name, '--include-upvoted'].filter((a) => name === 'openai-sft' || a === name));
    expect(all.length).toBeGreaterThan(0);
    for (const row of all) DATASET_SCHEMAS[name as DatasetName].parse(row);
  });

  it('a 👎 answer whose review got an approved correction is exactly one DPO pair, the answer rejected', async () => {
    const [pair, ...more] = await rows(['openai-dpo']);
    expect(more).toEqual([]);
    expect(pair).toEqual({
      input: {
        messages: [
          { role: 'system', content: TEXT.instructionsV1 },
          { role: 'user', content: 'How do I rotate the signing key?' },
        ],
      },
      preferred_output: [{ role: 'assistant', content: TEXT.approved }],
      non_preferred_output: [{ role: 'assistant', content: ANSWERS['How do I rotate the signing key?'] }],
    });
    expect(await rows(['trl-dpo'])).toEqual([
      {
        prompt: (pair!.input as { messages: unknown }).messages,
        chosen: pair!.preferred_output,
        rejected: pair!.non_preferred_output,
      },
    ]);
  });

  it('suggested corrections nobody approved are never chosen, preferred or an assistant turn', async () => {
    const chosen: string[] = [];
    for (const r of await rows(['openai-sft', '--include-upvoted']))
      chosen.push(...contentOf(r.messages as never, 'assistant'));
    for (const r of await rows(['openai-dpo']))
      chosen.push(...contentOf(r.preferred_output as never, 'assistant'));
    for (const r of await rows(['trl-dpo'])) chosen.push(...contentOf(r.chosen as never, 'assistant'));
    for (const r of await rows(['trl-kto']))
      if (r.label) chosen.push(...contentOf(r.completion as never, 'assistant'));
    expect(chosen).toContain(TEXT.approved);
    expect(chosen).not.toContain(TEXT.aliceCorrection);
    expect(chosen).not.toContain(TEXT.daveCorrection);
  });

  it('openai-sft: the approved correction with the instructions of its time; --include-upvoted adds 👍 answers', async () => {
    const sft = await rows(['openai-sft']);
    expect(sft).toEqual([
      {
        messages: [
          { role: 'system', content: TEXT.instructionsV1 },
          { role: 'user', content: 'How do I rotate the signing key?' },
          { role: 'assistant', content: TEXT.approved },
        ],
      },
    ]);
    const withUp = await rows(['openai-sft', '--include-upvoted']);
    expect(withUp).toHaveLength(2);
    expect(withUp[1]).toEqual({
      messages: [
        { role: 'system', content: TEXT.instructionsV2 },
        { role: 'user', content: 'Where are the audit logs stored?' },
        { role: 'assistant', content: ANSWERS['Where are the audit logs stored?'] },
      ],
    });
  });

  it('trl-kto: one row per answer with a clear majority; the 👍/👎 tie is left out', async () => {
    const kto = await rows(['trl-kto']);
    const byQuestion = Object.fromEntries(kto.map((r) => [contentOf(r.prompt as never, 'user')[0], r.label]));
    expect(byQuestion).toEqual({
      'How do I rotate the signing key?': false,
      'Where are the audit logs stored?': true,
      'How do I enable single sign-on?': false,
    });
  });

  it('feedback, interactions and reviews: one row per document, filters by platform and day', async () => {
    expect(await rows(['feedback'])).toHaveLength(await store.db.collection('feedback').countDocuments());
    expect(await rows(['interactions'])).toHaveLength(4);
    const reviews = await rows(['reviews']);
    expect(reviews.map((r) => r.status).sort()).toEqual(['open', 'open', 'resolved']);
    expect(reviews.find((r) => r.status === 'resolved')).toMatchObject({
      action: 'apply_correction',
      resolutionText: TEXT.approved,
      resolvedById: 'U0MODERATOR',
    });
    const discord = await rows(['feedback', '--platform', 'discord']);
    expect(discord.map((r) => r.interactionId)).toEqual([seeded.q2.id, seeded.q2.id, seeded.q2.id]);
    expect(await rows(['interactions', '--platform', 'web'])).toHaveLength(1);
    expect(await rows(['reviews', '--platform', 'discord'])).toEqual([]);
    expect(await rows(['feedback', '--since', '2026-11-03'])).toEqual([]);
    expect(await rows(['feedback', '--until', '2026-11-01'])).toEqual([]);
    expect(await rows(['feedback', '--since', '2026-11-02', '--until', '2026-11-02'])).toHaveLength(10);
  });

  it.each(['feedback', 'interactions', 'reviews'])(
    '%s CSV round-trips through csv-parse to the JSONL rows',
    async (name) => {
      const out = path.join(dir, `${name}.csv`);
      expect((await run([name, '--format', 'csv', '--out', out])).code).toBe(0);
      const text = await readFile(out, 'utf8');
      expect(text).toMatch(/\r\n$/);
      const records: Record<string, string>[] = parse(text, { columns: true });
      const columns = CSV_COLUMNS[name as DatasetName]!;
      expect(Object.keys(records[0]!)).toEqual([...columns]);
      const expected = (await rows([name])).map((r) =>
        Object.fromEntries(
          columns.map((c) => {
            const v = r[c];
            return [c, v === null ? '' : Array.isArray(v) ? v.join(';') : String(v)];
          }),
        ),
      );
      expect(records).toEqual(expected);
      // Commas, quotes and a newline survive: Bob's comment comes back verbatim.
      if (name === 'feedback') expect(records.map((r) => r.comment)).toContain(TEXT.bobComment);
    },
  );

  it('export user: everything about one person as one JSON document', async () => {
    const r = await run(['user', '--user', `slack:${ALICE.id}`]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out);
    expect(doc.user).toBe(`slack:${ALICE.id}`);
    expect(doc.interactions.map((i: { question: string }) => i.question)).toEqual([
      'How do I rotate the signing key?',
      'How do I enable single sign-on?',
    ]);
    expect(doc.interactions[0].answer).toBe(ANSWERS['How do I rotate the signing key?']);
    expect(doc.feedback).toMatchObject([
      { kind: 'correction', value: TEXT.aliceCorrection, userName: ALICE.name },
    ]);
    expect(doc.knowledgeFromTheirFeedback).toMatchObject([{ answer: TEXT.approved }]);
    const mod = JSON.parse((await run(['user', '--user', 'slack:U0MODERATOR'])).out);
    expect(mod.moderatorActions.reviews).toMatchObject([{ event: 'resolved', action: 'apply_correction' }]);
    expect(mod.moderatorActions.knowledgeApproved).toMatchObject([{ answer: TEXT.approved }]);
    expect(mod.moderatorActions.instructionsAuthored.map((v: { version: number }) => v.version)).toEqual([
      1, 2,
    ]);
  });

  it('bad usage exits 2 with the usage; an unwritable --out exits 1', async () => {
    for (const args of [
      [],
      ['nope'],
      ['feedback', '--format', 'xml'],
      ['openai-sft', '--format', 'csv'],
      ['feedback', '--since', '2026-13-01'],
      ['feedback', '--since', '2026-11-05', '--until', '2026-11-01'],
      ['feedback', '--platform', 'teams'],
      ['feedback', '--bogus'],
      ['user'],
      ['user', '--user', 'matrix:@a:b'],
    ]) {
      const r = await run(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err).toContain('usage: heed export');
    }
    const r = await run(['feedback', '--out', path.join(dir, 'missing-dir', 'x.jsonl')]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/ENOENT/);
  });

  it('runs through `heed export` (the CLI dispatch) on the configured database', async () => {
    const cap = capture();
    const env = { MONGODB_URI: testMongoUri(), MONGODB_DB: store.db.databaseName, LOG_LEVEL: 'silent' };
    expect(await runCli(['export', 'trl-dpo'], cap.io, env)).toBe(0);
    expect(cap.out().trim().split('\n')).toHaveLength(1);
  });
});
