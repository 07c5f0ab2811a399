import { describe, expect, it } from 'vitest';
import { digestCommand } from '../../src/cli/digest-command.ts';
import { loadConfig } from '../../src/config.ts';
import { FeedbackCore } from '../../src/core/feedback-core.ts';
import { createMemoryFeedbackStore } from '../../src/store/memory-feedback-store.ts';
import { asker, makeCore } from '../helpers/core.ts';
import { fixedAnswerer, ManualClock, memoryLogger } from '../helpers/fakes.ts';
import { FlakyPlatform } from '../scheduler/setup.ts';

/** Captures what a command writes. */
function captureIO() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: { stdout: (s: string) => void out.push(s), stderr: (s: string) => void err.push(s) },
    stdout: () => out.join(''),
    stderr: () => err.join(''),
  };
}

const config = loadConfig({ DIGEST_CRON: '0 9 * * 1', DIGEST_TZ: 'Europe/Berlin' });
// Storage semantics only: the in-memory store (test/scheduler races the claims on the real server).
const store = createMemoryFeedbackStore();
const { core, clock, platform } = makeCore(store);
clock.set(new Date('2026-10-30T10:00:00Z'));
const i = await core.answer('Where is the office?', asker());
await core.recordFeedback({
  interactionId: i.id,
  platform: 'slack',
  userId: 'U1',
  kind: 'vote',
  value: 'up',
});
await core.recordFeedback({
  interactionId: i.id,
  platform: 'slack',
  userId: 'U2',
  kind: 'vote',
  value: 'down',
});
clock.set(new Date('2026-11-03T12:00:00Z')); // Tuesday: the latest period ended Monday 09:00 Berlin
const deps = (io: ReturnType<typeof captureIO>['io'], c: FeedbackCore = core) => ({
  core: c,
  store,
  config,
  io,
  clock,
});

describe('heed digest', () => {
  it('--dry-run prints the latest period’s digest and posts nothing', async () => {
    const cap = captureIO();
    expect(await digestCommand(['--dry-run'], deps(cap.io))).toBe(0);
    const text = cap.stdout();
    expect(text).toContain('heed digest 2026-11-02T09:00 (2026-10-26 – 2026-11-02)');
    expect(text).toContain('Feedback: 2 (👍 1 · 👎 1 · ✏️ 0 · ⭐ 0)');
    expect(text).toContain('(dry run: nothing posted)');
    expect(text).toContain('slack:C-DIGEST: not posted yet');
    expect(platform.named('postDigest')).toHaveLength(0);
    expect(await store.digests.forPeriod('2026-11-02T09:00')).toEqual([]);
  });

  it('--dry-run --json prints the digest as JSON', async () => {
    const cap = captureIO();
    expect(await digestCommand(['--dry-run', '--json'], deps(cap.io))).toBe(0);
    expect(JSON.parse(cap.stdout())).toMatchObject({
      periodKey: '2026-11-02T09:00',
      empty: false,
      totals: { feedback: 2, up: 1, down: 1 },
      positiveRate: 0.5,
    });
  });

  it('--post posts once; repeated and concurrent --post runs post nothing more', async () => {
    const cap = captureIO();
    expect(await digestCommand(['--post'], deps(cap.io))).toBe(0);
    expect(cap.stdout()).toBe('2026-11-02T09:00 slack:C-DIGEST posted\n');
    const again = [captureIO(), captureIO(), captureIO()];
    const codes = await Promise.all(again.map((c) => digestCommand(['--post'], deps(c.io))));
    // Each concurrent run either finds it posted, or finds another run holding the lease and says so.
    again.forEach((c, n) => {
      if (codes[n] === 0) expect(c.stdout()).toBe('2026-11-02T09:00 slack:C-DIGEST already posted\n');
      else expect([codes[n], c.stderr()]).toEqual([1, expect.stringContaining('Another heed instance')]);
    });
    expect(platform.named('postDigest')).toHaveLength(1);
    expect(platform.named('postDigest')[0]!.digest).toMatchObject({
      periodKey: '2026-11-02T09:00',
      totals: { feedback: 2 },
    });
    const status = captureIO();
    await digestCommand(['--dry-run'], deps(status.io));
    expect(status.stdout()).toMatch(/slack:C-DIGEST: posted 2026-11-03T12:00:00\.000Z/);
  });

  it('a failed --post exits 1 and the next --post retries it', async () => {
    const flakyStore = createMemoryFeedbackStore();
    const flakyCore = new FeedbackCore({
      store: flakyStore,
      answerer: fixedAnswerer(),
      logger: memoryLogger(),
      clock,
    });
    const flaky = new FlakyPlatform(1);
    flakyCore.attachPlatform(flaky);
    const d = (io: ReturnType<typeof captureIO>['io']) => ({ ...deps(io, flakyCore), store: flakyStore });
    const first = captureIO();
    expect(await digestCommand(['--post'], d(first.io))).toBe(1);
    expect(first.stdout()).toContain('slack:C-DIGEST failed: slack api 503');
    const second = captureIO();
    expect(await digestCommand(['--post'], d(second.io))).toBe(0);
    expect(second.stdout()).toContain('slack:C-DIGEST posted');
    expect(flaky.named('postDigest')).toHaveLength(1);
  });

  it('without digest channels --post says what to set', async () => {
    const bare = new FeedbackCore({
      store,
      answerer: fixedAnswerer(),
      logger: memoryLogger(),
      clock: new ManualClock(),
    });
    const cap = captureIO();
    expect(await digestCommand(['--post'], deps(cap.io, bare))).toBe(1);
    expect(cap.stderr()).toContain('SLACK_DIGEST_CHANNEL');
  });

  it('needs exactly one of --dry-run and --post', async () => {
    for (const args of [[], ['--dry-run', '--post'], ['--now']]) {
      const cap = captureIO();
      expect(await digestCommand(args, deps(cap.io))).toBe(2);
      expect(cap.stderr()).toContain('usage: heed digest');
    }
    const cap = captureIO();
    expect(await digestCommand(['--dry-run', '--chart'], deps(cap.io))).toBe(2);
    expect(cap.stderr()).toMatch(/^heed digest: Option '--chart <value>' argument missing/);
    const help = captureIO();
    expect(await digestCommand(['--help'], deps(help.io))).toBe(0);
    expect([help.stdout(), help.stderr()]).toEqual([expect.stringMatching(/^usage: heed digest/), '']);
  });
});
