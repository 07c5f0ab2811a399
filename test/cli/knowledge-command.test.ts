import { describe, expect, it } from 'vitest';
import { instructionsCommand, knowledgeCommand } from '../../src/cli/knowledge-command.ts';
import { createMemoryFeedbackStore } from '../../src/store/memory-feedback-store.ts';

const store = createMemoryFeedbackStore();

function captureIo() {
  const out = { stdout: '', stderr: '' };
  const io = {
    stdout: (s: string) => {
      out.stdout += s;
    },
    stderr: (s: string) => {
      out.stderr += s;
    },
  };
  return { out, io };
}

async function run(cmd: typeof knowledgeCommand, ...args: string[]) {
  const { out, io } = captureIo();
  const code = await cmd(args, { store, io });
  return { code, ...out };
}
const mod = { platform: 'discord' as const, userId: '42', name: 'Mo', isModerator: true };

describe('heed knowledge / heed instructions', () => {
  it('report empty stores plainly', async () => {
    expect(await run(knowledgeCommand, 'list')).toEqual({
      code: 0,
      stdout: 'No knowledge entries yet.\n',
      stderr: '',
    });
    expect((await run(instructionsCommand, 'show')).stdout).toMatch(/No instructions yet/);
    expect((await run(instructionsCommand, 'history')).stdout).toMatch(/No instructions versions yet/);
  });

  it('lists the latest version per pattern and shows one entry with its history', async () => {
    const v1 = await store.knowledge.seed(
      { patternKey: 'room meeting', question: 'How do I book a meeting room?', answer: 'Email the office.' },
      new Date('2026-01-01T00:00:00Z'),
    );
    const v2 = await store.knowledge.add(
      {
        patternKey: 'room meeting',
        question: 'How do I book a meeting room?',
        answer: 'Use the Rooms tab.',
        source: 'correction',
        sourceFeedbackIds: [],
        reviewId: 'a'.repeat(24),
        approvedBy: mod,
      },
      new Date('2026-02-01T00:00:00Z'),
    );
    const list = await run(knowledgeCommand, 'list');
    expect(list.code).toBe(0);
    expect(list.stdout.trim().split('\n')).toEqual([
      `${v2.id}  v2  correction  How do I book a meeting room?`,
    ]);

    const show = await run(knowledgeCommand, 'show', v2.id);
    expect(show.code).toBe(0);
    expect(show.stdout).toContain('Use the Rooms tab.');
    expect(show.stdout).toContain(`source:      correction (review ${'a'.repeat(24)})`);
    expect(show.stdout).toContain('approved by: Mo (discord)');
    expect(show.stdout).toContain(`v1  ${v1.id}  seed`);
    const old = await run(knowledgeCommand, 'show', v1.id);
    expect(old.stdout).toContain('version:     1 (latest is v2)');

    const asJson = JSON.parse((await run(knowledgeCommand, 'show', v1.id, '--json')).stdout);
    expect(asJson.entry.answer).toBe('Email the office.');
    expect(asJson.history).toHaveLength(2);
    expect(JSON.parse((await run(knowledgeCommand, 'list', '--json')).stdout)).toHaveLength(1);
  });

  it('refuses unknown and malformed ids and bad usage with exit code 2', async () => {
    const unknown = await run(knowledgeCommand, 'show', 'b'.repeat(24));
    expect(unknown).toMatchObject({ code: 2, stdout: '' });
    expect(unknown.stderr).toContain(`no knowledge entry with id ${'b'.repeat(24)}`);
    const malformed = await run(knowledgeCommand, 'show', '{"$ne":null}');
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toMatch(/is not a knowledge entry id/);
    for (const args of [[], ['show'], ['frobnicate'], ['list', 'extra']]) {
      const r = await run(knowledgeCommand, ...args);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^usage: heed knowledge list/);
    }
    expect((await run(instructionsCommand, 'edit')).stderr).toMatch(/^usage: heed instructions/);
  });

  it('parses flags strictly: an unknown flag is named, --json goes anywhere, --help prints the usage', async () => {
    const bad = await run(knowledgeCommand, 'list', '--jsn');
    expect(bad).toMatchObject({ code: 2, stdout: '' });
    expect(bad.stderr).toMatch(/^heed knowledge: Unknown option '--jsn'/);
    expect(bad.stderr).toContain('usage: heed knowledge list');
    const value = await run(instructionsCommand, 'show', '--json=yes');
    expect(value.code).toBe(2);
    expect(value.stderr).toMatch(/^heed instructions: .*--json.*\n.*usage: heed instructions/s);
    expect(JSON.parse((await run(knowledgeCommand, '--json', 'list')).stdout)).toEqual(expect.any(Array));
    expect(await run(knowledgeCommand, '--help')).toEqual({
      code: 0,
      stdout: expect.stringMatching(/^usage: heed knowledge list/),
      stderr: '',
    });
    expect((await run(instructionsCommand, '-h')).stdout).toMatch(/^usage: heed instructions/);
  });

  it('shows the current instructions and their history, newest first', async () => {
    await store.instructions.add('Be brief.', undefined, undefined, new Date('2026-03-01T00:00:00Z'));
    await store.instructions.add(
      'Be brief.\nCite the handbook.',
      mod,
      'c'.repeat(24),
      new Date('2026-03-02T00:00:00Z'),
    );
    const show = await run(instructionsCommand, 'show');
    expect(show.stdout).toBe(
      `v2  2026-03-02T00:00:00.000Z  by Mo (discord)  review ${'c'.repeat(24)}\n\nBe brief.\nCite the handbook.\n`,
    );
    const history = await run(instructionsCommand, 'history');
    expect(history.stdout.trim().split('\n')).toEqual([
      `v2  2026-03-02T00:00:00.000Z  by Mo (discord)  review ${'c'.repeat(24)}  Be brief. Cite the handbook.`,
      'v1  2026-03-01T00:00:00.000Z  by -  Be brief.',
    ]);
    expect(JSON.parse((await run(instructionsCommand, 'show', '--json')).stdout).version).toBe(2);
  });

  it('reports a database failure with exit code 1', async () => {
    const broken = {
      ...store,
      knowledge: { ...store.knowledge, listLatest: () => Promise.reject(new Error('connection lost')) },
    };
    const { out, io } = captureIo();
    expect(await knowledgeCommand(['list'], { store: broken, io })).toBe(1);
    expect(out).toEqual({ stdout: '', stderr: 'heed knowledge: connection lost\n' });
  });
});
