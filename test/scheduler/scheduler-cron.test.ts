import { afterEach, describe, expect, it, vi } from 'vitest';
import { FeedbackCore } from '../../src/core/feedback-core.ts';
import type { FeedbackStore } from '../../src/core/ports.ts';
import { startScheduler } from '../../src/scheduler/index.ts';
import { createMemoryFeedbackStore } from '../../src/store/memory-feedback-store.ts';
import { fixedAnswerer, memoryLogger } from '../helpers/fakes.ts';
import { RecordingPlatform } from '../helpers/recording-platform.ts';
import { config, keysOf, platforms, QUIET } from './setup.ts';

afterEach(() => {
  vi.useRealTimers();
});

/** Only Date and setTimeout are faked (node-cron's timer); the store is in memory, so no I/O waits on them. */
function freezeAt(iso: string) {
  vi.useFakeTimers({ now: new Date(iso), toFake: ['Date', 'setTimeout', 'clearTimeout'] });
}

/** The scheduler with every job quiet but `job`, which runs on its default cron. */
function startWithDefault(core: FeedbackCore, store: FeedbackStore, job: 'summariesCron' | 'sweepCron') {
  return startScheduler({ config, core, store, logger: memoryLogger(), ...QUIET, [job]: undefined });
}

describe('the real node-cron task drives the digest', () => {
  it('fires on Monday 09:00 Europe/Berlin and posts that period once per channel', async () => {
    const store = createMemoryFeedbackStore();
    const { slack, discord } = platforms();
    const core = new FeedbackCore({ store, answerer: fixedAnswerer(), logger: memoryLogger() });
    core.attachPlatform(slack);
    core.attachPlatform(discord);
    freezeAt('2026-11-01T12:00:00Z');
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
    freezeAt('2026-11-03T22:00:00Z');
    const asked = await core.answer('Where is the VPN guide?', { platform: 'slack', userId: 'U1' });
    await core.recordFeedback({
      interactionId: asked.id,
      platform: 'slack',
      userId: 'U2',
      kind: 'vote',
      value: 'up',
    });
    const scheduler = startWithDefault(core, store, 'summariesCron');
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

  it('posts a review its creator left unposted, by the default 5-minute sweep once the claim passed', async () => {
    const store = createMemoryFeedbackStore();
    freezeAt('2026-11-03T10:01:00Z');
    // The creator: its platform refuses the post (Slack down), so the review is stored, claimed, unposted.
    const creator = new FeedbackCore({ store, answerer: fixedAnswerer(), logger: memoryLogger() });
    creator.attachPlatform(new RecordingPlatform('slack', {}));
    const asked = await creator.answer('Why is the VPN slow?', { platform: 'slack', userId: 'U1' });
    for (const userId of ['U2', 'U3', 'U4'])
      await creator.recordFeedback({
        interactionId: asked.id,
        platform: 'slack',
        userId,
        kind: 'vote',
        value: 'down',
      });
    const [review] = await store.reviews.list({ status: 'open' });
    expect(review?.threads).toEqual([]);
    // Another instance, whose Slack has a moderators' channel, runs the scheduler.
    const core = new FeedbackCore({ store, answerer: fixedAnswerer(), logger: memoryLogger() });
    const slack = new RecordingPlatform('slack');
    core.attachPlatform(slack);
    const scheduler = startWithDefault(core, store, 'sweepCron');
    await scheduler.ready;
    await vi.advanceTimersByTimeAsync(4 * 60_000); // 10:05: the sweep runs inside the creator's claim
    expect(slack.named('postReview')).toEqual([]);
    await vi.advanceTimersByTimeAsync(5 * 60_000); // 10:10: past it
    vi.useRealTimers();
    await vi.waitFor(
      () => expect(slack.named('postReview').map((p) => p.view.review.id)).toEqual([review!.id]),
      {
        timeout: 10_000,
        interval: 20,
      },
    );
    await scheduler.stop();
    expect((await store.reviews.get(review!.id))?.threads).toHaveLength(1);
  });

  it('refuses a DIGEST_CRON node-cron cannot run, naming the variable', async () => {
    const store = createMemoryFeedbackStore();
    const core = new FeedbackCore({ store, answerer: fixedAnswerer(), logger: memoryLogger() });
    const bad = { ...config, digest: { cron: '0 25 * * 1', timezone: 'UTC' } };
    expect(() => startScheduler({ config: bad, core, store, logger: memoryLogger() })).toThrow(/DIGEST_CRON/);
  });
});
