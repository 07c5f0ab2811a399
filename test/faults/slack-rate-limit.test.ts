import { describe, expect, it } from 'vitest';
import { periodEndingAt } from '../../src/core/insights/period.ts';
import { postPeriod } from '../../src/scheduler/index.ts';
import { createDigestRepository } from '../../src/store/digests-repo.ts';
import { memoryLogger } from '../helpers/fakes.ts';
import { MODS, startSlackHarness } from '../helpers/slack-harness.ts';

// The real Slack adapter (real Bolt) over the real core and database; the fake Slack answers 429.
const h = await startSlackHarness({ prefix: 'fault_429', config: { digestChannel: 'CDIGEST' } });
const ask = (q: string) => h.core.answer(q, { platform: 'slack', userId: 'UASK', channelId: 'CGENERAL' });
const down = (interactionId: string, userId: string) =>
  h.core.recordFeedback({ interactionId, platform: 'slack', userId, kind: 'vote', value: 'down' });

/** Root posts to the moderators' channel that Slack accepted (the fake records refused calls too). */
const rootPosts = () =>
  h.fake.callsTo('chat.postMessage').filter((c) => c.args.channel === MODS && !c.args.thread_ts);

describe('Slack answers 429 with Retry-After while heed posts for moderators and leads', () => {
  it('a review root refused once is posted after Retry-After: once, and linked to the review', async () => {
    const a = await ask('Why is the dashboard blank after login?');
    const before = rootPosts().length;
    h.fake.fail('chat.postMessage', {
      error: 'ratelimited',
      status: 429,
      retryAfter: 1,
      times: 1,
      channel: MODS,
    });
    await down(a.id, 'UR1');
    await down(a.id, 'UR2');
    const outcome = await down(a.id, 'UR3');
    h.fake.clearFailures();
    expect(outcome.review?.created).toBe(true);
    // One refused attempt, then exactly one accepted post.
    expect(rootPosts().length - before).toBe(2);
    const review = await h.store.reviews.get(outcome.review!.id);
    expect(review?.threads).toHaveLength(1);
  }, 30_000);

  it('a root refresh (chat.update) refused once is applied later, not dropped', async () => {
    const a = await ask('How do I rotate the signing key?');
    for (const u of ['UU1', 'UU2', 'UU3']) await down(a.id, u);
    const review = (await h.store.reviews.findOpen(a.patternKey))!;
    const updates = () =>
      h.fake.callsTo('chat.update').filter((c) => c.args.ts === review.threads[0]!.messageId);
    const before = updates().length;
    h.fake.fail('chat.update', { error: 'ratelimited', status: 429, retryAfter: 1, times: 1 });
    await down(a.id, 'UU4');
    h.fake.clearFailures();
    expect(updates().length - before).toBe(2);
    expect(JSON.stringify(updates().at(-1)!.args.blocks)).toContain('4');
  }, 30_000);

  it('a digest refused once is posted later and only once', async () => {
    const digests = createDigestRepository(h.store.db);
    const deps = {
      core: h.core,
      digests,
      logger: memoryLogger(),
      clock: h.clock,
      owner: 'fault-test',
      schedule: { cron: '0 9 * * 1', timezone: 'UTC' },
    };
    const period = periodEndingAt(h.clock.now(), 'UTC');
    const posts = () => h.fake.callsTo('chat.postMessage').filter((c) => c.args.channel === 'CDIGEST');
    h.fake.fail('chat.postMessage', {
      error: 'ratelimited',
      status: 429,
      retryAfter: 1,
      times: 1,
      channel: 'CDIGEST',
    });
    const first = await postPeriod(deps, period, h.clock.now());
    h.fake.clearFailures();
    // Either the first run already waited and posted, or it left the post to the retry sweep (a later run).
    const second = await postPeriod(deps, period, h.clock.now());
    const third = await postPeriod(deps, period, h.clock.now());
    const outcomes = [...first.results, ...second.results, ...third.results].map((r) => r.outcome);
    expect(outcomes.filter((o) => o === 'posted')).toHaveLength(1);
    expect(posts()).toHaveLength(2);
    expect((await digests.forPeriod(period.key)).map((r) => r.status)).toEqual(['posted']);
  }, 30_000);
});
