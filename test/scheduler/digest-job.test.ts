import { afterEach, describe, expect, it } from 'vitest';
import { FeedbackCore } from '../../src/core/feedback-core.ts';
import type { Scheduler } from '../../src/scheduler/index.ts';
import { runDigestJob } from '../../src/scheduler/index.ts';
import { createMemoryFeedbackStore } from '../../src/store/memory-feedback-store.ts';
import { openTestStore } from '../helpers/db.ts';
import { fixedAnswerer, ManualClock, memoryLogger } from '../helpers/fakes.ts';
import { config, FlakyPlatform, instance, keysOf, platforms, postsOf } from './setup.ts';

const at = (iso: string) => new Date(iso);
const running: Scheduler[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.stop()));
});
const track = <T extends { scheduler: Scheduler }>(x: T) => {
  running.push(x.scheduler);
  return x;
};

describe('weekly digest, exactly once per period and channel', () => {
  it('two schedulers racing on one database post once to each channel, with numbers from the seeded week', async () => {
    const store = await openTestStore('sched_race');
    const clock = new ManualClock(at('2026-10-27T10:00:00Z'));
    const { slack, discord } = platforms();
    const a = track(instance(store, clock, [slack, discord], 'A'));
    const b = track(instance(store, clock, [slack, discord], 'B'));
    await Promise.all([a.scheduler.ready, b.scheduler.ready]);
    // Feedback in the week before Monday 2026-11-02 09:00 Berlin: 2 👍, 1 👎.
    const i = await a.core.answer('Where is the office?', { platform: 'slack', userId: 'U-ASK' });
    for (const [userId, value] of [
      ['U1', 'up'],
      ['U2', 'up'],
      ['U3', 'down'],
    ] as const)
      await a.core.recordFeedback({ interactionId: i.id, platform: 'slack', userId, kind: 'vote', value });
    expect(postsOf(slack, discord)).toEqual([]);

    clock.set(at('2026-11-02T08:00:01Z'));
    const runs = await Promise.all([a, b, a, b].map((x) => x.scheduler.runDigestNow()));
    expect(keysOf(slack, discord)).toEqual([
      '2026-11-02T09:00 discord:D-1',
      '2026-11-02T09:00 slack:C-DIGEST',
      '2026-11-02T09:00 slack:C-LEADS',
    ]);
    expect(runs.flat().filter((r) => r.outcome === 'posted')).toHaveLength(3);
    const { digest } = postsOf(slack)[0]!;
    expect(digest).toMatchObject({
      from: at('2026-10-26T08:00:00Z'),
      to: at('2026-11-02T08:00:00Z'),
      empty: false,
      totals: { feedback: 3, up: 2, down: 1, interactions: 1 },
    });
    expect(digest.positiveRate).toBeCloseTo(2 / 3, 4);
    // Every channel got the same digest; later runs (any instance) post nothing more.
    expect(new Set(postsOf(slack, discord).map((p) => JSON.stringify(p.digest))).size).toBe(1);
    await Promise.all([a.scheduler.runDigestNow(), b.scheduler.runDigestNow()]);
    expect(postsOf(slack, discord)).toHaveLength(3);
  });

  it('without the lease, eight concurrent runs still post once per channel (the claims decide)', async () => {
    const store = await openTestStore('sched_nolease');
    const clock = new ManualClock(at('2026-11-02T08:00:01Z'));
    const { slack, discord } = platforms();
    const cores = [1, 2].map(() => {
      const core = new FeedbackCore({ store, answerer: fixedAnswerer(), logger: memoryLogger(), clock });
      core.attachPlatform(slack);
      core.attachPlatform(discord);
      return core;
    });
    const { digests } = store;
    await Promise.all(
      Array.from({ length: 8 }, (_, n) =>
        runDigestJob({
          core: cores[n % 2]!,
          digests,
          logger: memoryLogger(),
          clock,
          owner: `owner-${n}`,
          schedule: config.digest,
        }),
      ),
    );
    expect(keysOf(slack, discord)).toEqual([
      '2026-11-02T09:00 discord:D-1',
      '2026-11-02T09:00 slack:C-DIGEST',
      '2026-11-02T09:00 slack:C-LEADS',
    ]);
  });

  it('a process that was down at the scheduled time posts only the latest missed digest when it starts', async () => {
    // Storage semantics only: the in-memory store (the races above run on the real server).
    const store = createMemoryFeedbackStore();
    const clock = new ManualClock(at('2026-10-29T12:00:00Z')); // Thursday: first ever start
    const { slack, discord } = platforms();
    const first = instance(store, clock, [slack, discord], 'A');
    await first.scheduler.ready;
    await first.scheduler.stop();
    // Nothing for the period that ended before heed first ran.
    expect(postsOf(slack, discord)).toEqual([]);

    clock.set(at('2026-11-10T10:00:00Z')); // down over two Mondays (11-02 and 11-09)
    const restarted = track(instance(store, clock, [slack, discord], 'A2'));
    await restarted.scheduler.ready;
    expect(keysOf(slack, discord)).toEqual([
      '2026-11-09T09:00 discord:D-1',
      '2026-11-09T09:00 slack:C-DIGEST',
      '2026-11-09T09:00 slack:C-LEADS',
    ]);
    // Restarting again changes nothing.
    const again = track(instance(store, clock, [slack, discord], 'A3'));
    await again.scheduler.ready;
    expect(postsOf(slack, discord)).toHaveLength(3);
  });

  it('an empty week is posted and says so', async () => {
    const store = createMemoryFeedbackStore();
    const clock = new ManualClock(at('2026-11-02T08:30:00Z'));
    const { slack, discord } = platforms();
    const x = track(instance(store, clock, [slack, discord], 'A'));
    await x.scheduler.ready;
    await x.scheduler.runDigestNow();
    const posts = postsOf(slack, discord);
    expect(posts).toHaveLength(3);
    expect(
      posts.every(
        (p) => p.digest.empty && p.digest.totals.feedback === 0 && p.digest.sparkline === '········',
      ),
    ).toBe(true);
  });

  it('a failed post is retried on the next run and never duplicated', async () => {
    const store = await openTestStore('sched_retry');
    const clock = new ManualClock(at('2026-11-02T08:00:01Z'));
    const flaky = new FlakyPlatform(1);
    const a = track(instance(store, clock, [flaky], 'A'));
    const b = track(instance(store, clock, [flaky], 'B'));
    await Promise.all([a.scheduler.ready, b.scheduler.ready]);

    const first = await a.scheduler.runDigestNow();
    expect(first).toMatchObject([
      { outcome: 'failed', attempt: 1, error: 'slack api 503: service unavailable' },
    ]);
    expect(flaky.named('postDigest')).toHaveLength(0);
    expect(a.logger.lines.some((l) => l.level === 'error' && l.msg?.includes('digest post failed'))).toBe(
      true,
    );

    clock.advance(5 * 60_000); // the next tick, on both instances at once
    const retries = (await Promise.all([a.scheduler.runDigestNow(), b.scheduler.runDigestNow()])).flat();
    expect(retries.filter((r) => r.outcome === 'posted')).toMatchObject([{ attempt: 2 }]);
    clock.advance(5 * 60_000);
    expect(await b.scheduler.runDigestNow()).toMatchObject([{ outcome: 'already_posted' }]);
    expect(flaky.named('postDigest')).toHaveLength(1);
    expect(flaky.attempts).toBe(2);
    const record = await store.digests.get('2026-11-02T09:00', 'slack:C-DIGEST');
    expect(record).toMatchObject({ status: 'posted', attempt: 2 });
  });
});
