import { afterEach, describe, expect, it, vi } from 'vitest';
import { FeedbackCore } from '../../src/core/feedback-core.ts';
import { startScheduler } from '../../src/scheduler/index.ts';
import { createMemoryFeedbackStore } from '../../src/store/memory-feedback-store.ts';
import { fixedAnswerer, memoryLogger } from '../helpers/fakes.ts';
import { config, keysOf, platforms, QUIET } from './setup.ts';

afterEach(() => {
  vi.useRealTimers();
});

describe('the real node-cron task drives the digest', () => {
  it('fires on Monday 09:00 Europe/Berlin and posts that period once per channel', async () => {
    const store = createMemoryFeedbackStore();
    const { slack, discord } = platforms();
    const core = new FeedbackCore({ store, answerer: fixedAnswerer(), logger: memoryLogger() });
    core.attachPlatform(slack);
    core.attachPlatform(discord);
    // Only Date and setTimeout are faked (node-cron's timer); the store is in memory, so no I/O waits on them.
    vi.useFakeTimers({
      now: new Date('2026-11-01T12:00:00Z'),
      toFake: ['Date', 'setTimeout', 'clearTimeout'],
    });
    const scheduler = startScheduler({
      config,
      core,
      store,
      logger: memoryLogger(),
      instanceId: 'cron',
      ...QUIET,
    });
    await scheduler.ready;
    expect(scheduler.nextDigestAt()).toEqual(new Date('2026-11-02T08:00:00Z'));

    await vi.advanceTimersByTimeAsync(20 * 3600_000 - 1000); // Monday 07:59:59Z = 08:59:59 Berlin
    expect(keysOf(slack, discord)).toEqual([]);
    await vi.advanceTimersByTimeAsync(2000);
    vi.useRealTimers();
    await vi.waitFor(() => expect(keysOf(slack, discord)).toHaveLength(3), { timeout: 10_000, interval: 20 });
    await scheduler.stop();
    expect(keysOf(slack, discord)).toEqual([
      '2026-11-02T09:00 discord:D-1',
      '2026-11-02T09:00 slack:C-DIGEST',
      '2026-11-02T09:00 slack:C-LEADS',
    ]);
  });

  it("stores the closed day's summary at 00:15, by the default hourly summaries job", async () => {
    const store = createMemoryFeedbackStore();
    const core = new FeedbackCore({ store, answerer: fixedAnswerer(), logger: memoryLogger() });
    vi.useFakeTimers({
      now: new Date('2026-11-03T22:00:00Z'),
      toFake: ['Date', 'setTimeout', 'clearTimeout'],
    });
    const asked = await core.answer('Where is the VPN guide?', { platform: 'slack', userId: 'U1' });
    await core.recordFeedback({
      interactionId: asked.id,
      platform: 'slack',
      userId: 'U2',
      kind: 'vote',
      value: 'up',
    });
    const scheduler = startScheduler({
      config,
      core,
      store,
      logger: memoryLogger(),
      ...QUIET,
      summariesCron: undefined,
    });
    await scheduler.ready;
    await vi.advanceTimersByTimeAsync(2 * 3600_000); // 00:00Z: the day closed, the job not yet run
    expect(await store.rollups.get('2026-11-03')).toBeNull();
    await vi.advanceTimersByTimeAsync(16 * 60_000);
    vi.useRealTimers();
    await vi.waitFor(async () => expect((await store.rollups.get('2026-11-03'))?.totals.up).toBe(1), {
      timeout: 10_000,
      interval: 20,
    });
    await scheduler.stop();
  });

  it('refuses a DIGEST_CRON node-cron cannot run, naming the variable', async () => {
    const store = createMemoryFeedbackStore();
    const core = new FeedbackCore({ store, answerer: fixedAnswerer(), logger: memoryLogger() });
    const bad = { ...config, digest: { cron: '0 25 * * 1', timezone: 'UTC' } };
    expect(() => startScheduler({ config: bad, core, store, logger: memoryLogger() })).toThrow(/DIGEST_CRON/);
  });
});
