import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSeedKnowledge } from '../../src/answerer/index.ts';
import { fingerprint } from '../../src/core/pattern-key.ts';
import { openTestStore } from '../helpers/db.ts';
import { memoryLogger } from '../helpers/fakes.ts';

const store = await openTestStore('seed');
const fresh = await openTestStore('seedship');
const logger = memoryLogger();
const dir = await mkdtemp(path.join(os.tmpdir(), 'heed-seed-'));
afterAll(() => rm(dir, { recursive: true, force: true }));
const load = (d = dir) =>
  loadSeedKnowledge({ dir: d, store, patternKey: async (q) => fingerprint(q), logger });

await writeFile(
  path.join(dir, 'faq.md'),
  [
    '# Office FAQ',
    'Intro text that is not an entry.',
    '## How do I book a meeting room?',
    'Use the Rooms tab.',
    '',
    '### Details',
    'Rooms hold up to 8 people.',
    '## Where is the coffee?',
    '```',
    '## not a heading inside a fence',
    '```',
    'Second floor kitchen.',
    '## What is the wifi name?',
    '',
    '## Do we use C#? ##',
    'Yes, for the billing service.',
  ].join('\n'),
);
await writeFile(
  path.join(dir, 'more.json'),
  JSON.stringify([
    { question: 'Who runs payroll?', answer: 'The finance team.' },
    { question: 'Broken entry' },
    { question: 'When is the office closed?', answer: 'On public holidays.' },
  ]),
);
await mkdir(path.join(dir, 'nested'));
await writeFile(path.join(dir, 'nested', 'bad.json'), '{ "question": "not an array" ');
await writeFile(
  path.join(dir, 'nested', 'it.json'),
  '[{"question": "Where is the printer?", "answer": "Room 2."}]',
);
await writeFile(path.join(dir, 'README.md'), '## This file documents the format\nIt is not knowledge.');
await writeFile(path.join(dir, 'notes.txt'), '## ignored: not .md or .json\nnothing');

describe('seed knowledge loader', () => {
  it('loads Markdown and JSON entries, reporting bad files and entries by location', async () => {
    const result = await load();
    expect(result.loaded).toBe(6);
    expect(result.skipped).toBe(3);
    expect(result.errors).toEqual([
      `${path.join(dir, 'faq.md')}: line 13: the answer to "What is the wifi name?" is empty`,
      `${path.join(dir, 'more.json')}: entry 2: expected {"question": "...", "answer": "..."} with string values`,
      expect.stringMatching(/nested\/bad\.json: invalid JSON \(/),
    ]);
    expect(logger.lines.filter((l) => l.level === 'error').map((l) => l.msg)).toHaveLength(3);

    const room = await store.knowledge.latestForPattern(fingerprint('How do I book a meeting room?'));
    expect(room).toMatchObject({ version: 1, source: 'seed' });
    expect(room?.answer).toBe('Use the Rooms tab.\n\n### Details\nRooms hold up to 8 people.');
    const coffee = await store.knowledge.latestForPattern(fingerprint('Where is the coffee?'));
    expect(coffee?.answer).toBe('```\n## not a heading inside a fence\n```\nSecond floor kitchen.');
    expect(await store.knowledge.latestForPattern(fingerprint('Where is the printer?'))).not.toBeNull();
    const all = await store.knowledge.listLatest();
    expect(all.map((e) => e.question).sort()).toEqual([
      'Do we use C#?',
      'How do I book a meeting room?',
      'When is the office closed?',
      'Where is the coffee?',
      'Where is the printer?',
      'Who runs payroll?',
    ]);
  });

  it('is idempotent across restarts and keeps an approved correction on top', async () => {
    const key = fingerprint('Who runs payroll?');
    await store.knowledge.add(
      {
        patternKey: key,
        question: 'Who runs payroll?',
        answer: 'HR now.',
        source: 'correction',
        sourceFeedbackIds: [],
      },
      new Date(),
    );
    await load();
    await load();
    expect(await store.knowledge.listLatest()).toHaveLength(6);
    expect((await store.knowledge.history(fingerprint('Where is the coffee?'))).length).toBe(1);
    expect((await store.knowledge.latestForPattern(key))?.answer).toBe('HR now.');
  });

  it('adds a new version when a seed answer is edited', async () => {
    const other = await mkdtemp(path.join(os.tmpdir(), 'heed-seed2-'));
    try {
      await writeFile(
        path.join(other, 'it.json'),
        '[{"question": "Where is the printer?", "answer": "Room 5."}]',
      );
      expect(await load(other)).toMatchObject({ loaded: 1, skipped: 0 });
      const printer = await store.knowledge.history(fingerprint('Where is the printer?'));
      expect(printer.map((e) => [e.version, e.answer])).toEqual([
        [2, 'Room 5.'],
        [1, 'Room 2.'],
      ]);
    } finally {
      await rm(other, { recursive: true, force: true });
    }
  });

  it('tolerates a missing folder', async () => {
    expect(await load(path.join(dir, 'does-not-exist'))).toEqual({ loaded: 0, skipped: 0, errors: [] });
    expect(logger.lines.some((l) => l.level === 'warn' && /KNOWLEDGE_DIR/.test(l.msg ?? ''))).toBe(true);
  });

  it('ships a dozen-odd entries about heed that load without errors, once, even when instances start together', async () => {
    const start = () =>
      loadSeedKnowledge({ dir: 'knowledge', store: fresh, patternKey: async (q) => fingerprint(q), logger });
    const results = await Promise.all([start(), start(), start()]);
    for (const result of results) {
      expect(result.errors).toEqual([]);
      expect(result.loaded).toBeGreaterThanOrEqual(10);
    }
    const latest = await fresh.knowledge.listLatest();
    expect(latest.length).toBe(results[0]!.loaded);
    expect(latest.every((e) => e.version === 1)).toBe(true); // no duplicate versions
  });
});
