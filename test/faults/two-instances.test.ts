import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { periodEndingAt } from '../../src/core/insights/period.ts';
import { postPeriod } from '../../src/scheduler/index.ts';
import { createDigestRepository } from '../../src/store/digests-repo.ts';
import { createLeaseRepository } from '../../src/store/locks-repo.ts';
import { testMongoUri } from '../helpers/db.ts';
import { FakeSlack, waitFor } from '../helpers/fake-slack.ts';
import { memoryLogger } from '../helpers/fakes.ts';
import { appMention, eventCallback, interactionIdOf } from '../helpers/slack-payloads.ts';
import { SlackHttpClient } from '../helpers/slack-signer.ts';
import { sendClick } from './click-load.ts';
import { settleClicks } from './click-outcomes.ts';
import { roundRobinProxy } from './round-robin-proxy.ts';
import { DIGEST_CHANNEL, MODS_CHANNEL, type SlackHeed, startSlackHeed } from './slack-heed.ts';

// Two heed processes' worth (two startHeed, production settings) on one database, one fake Slack, and a
// round-robin proxy in front of their /slack/events.
const fake = await new FakeSlack().start();
const dbName = `fault_two_${randomBytes(4).toString('hex')}`;
const a = await startSlackHeed({ mongoUri: testMongoUri(), dbName, fake });
const b = await startSlackHeed({ mongoUri: testMongoUri(), dbName, fake });
const proxy = await roundRobinProxy([a.base, b.base]);
const slack = new SlackHttpClient(`${proxy.url}/slack/events`);
afterAll(async () => {
  await proxy.close();
  await a.db.dropDatabase().catch(() => {});
  await a.stop();
  await b.stop();
  await fake.close();
});

const settle = () => new Promise((r) => setTimeout(r, 1500));
/** heed's answers (messages with feedback buttons) to the interactions recorded for `text`. */
async function answersTo(text: string): Promise<string[]> {
  const ids = new Set(
    (await a.db.collection('interactions').find({ question: text }).toArray()).map((d) => String(d._id)),
  );
  return fake.callsTo('chat.postMessage').flatMap((c) => {
    try {
      const id = interactionIdOf(c);
      return ids.has(id) ? [id] : [];
    } catch {
      return [];
    }
  });
}

describe('two heed instances on one database behind a round-robin proxy', () => {
  it('a Slack event and its retries, reaching both instances at once, are answered once', async () => {
    const text = 'How do I connect the calendar integration?';
    const env = eventCallback(appMention({ user: 'UTWO', text: `<@UBOT> ${text}` }));
    const statuses = await Promise.all([
      slack.event(env),
      slack.event(env, { retryNum: 1 }),
      slack.event(env, { retryNum: 2 }),
      slack.event(env, { retryNum: 3 }),
    ]);
    expect(statuses.map((s) => s.status)).toEqual([200, 200, 200, 200]);
    expect(proxy.hits.every((n) => n > 0)).toBe(true);
    await waitFor(async () => (await answersTo(text)).length > 0, 'the answer');
    await settle();
    expect(await answersTo(text)).toHaveLength(1);
    expect(await a.db.collection('interactions').countDocuments({ question: text })).toBe(1);
  });

  it('concurrent 👎 on one pattern from many users, spread over both, raise one review, posted once', async () => {
    const text = 'Why does the mobile app log me out every hour?';
    for (const [i, s] of [a, b, a].entries())
      await s.slack.event(eventCallback(appMention({ user: `UASK${i}`, text: `<@UBOT> ${text}` })));
    await waitFor(async () => (await answersTo(text)).length >= 3, 'three answers');
    const interactions = await answersTo(text);
    const clicks = Array.from({ length: 12 }, (_, i) => ({
      userId: `UNEG${i}`,
      interactionId: interactions[i % interactions.length]!,
      value: 'down' as const,
    }));
    const acks = await Promise.all(clicks.map((c) => sendClick(slack, c)));
    expect(acks.map((r) => r.status)).toEqual(clicks.map(() => 200));
    const { outcomes } = await settleClicks(a.db, fake, clicks, 30_000);
    expect(outcomes.recorded).toBe(clicks.length);
    expect(outcomes.duplicates).toBe(0);
    // A click can be settled by its vote row before its review is posted (its reply comes after), so
    // wait for the thread, then give a second post the time it would need to show.
    const pattern = (await a.db.collection('interactions').findOne({ question: text }))!.patternKey;
    const posted = async () =>
      (await a.db.collection('reviews').find({ patternKey: pattern }).toArray()).some(
        (r) => r.threads.length > 0,
      );
    await waitFor(posted, 'the review posted', 30_000);
    await settle();
    const reviews = await a.db.collection('reviews').find({ patternKey: pattern }).toArray();
    expect(reviews).toHaveLength(1);
    const roots = fake
      .callsTo('chat.postMessage')
      .filter(
        (c) =>
          c.args.channel === MODS_CHANNEL &&
          !c.args.thread_ts &&
          JSON.stringify(c.args).includes('mobile app'),
      );
    expect(roots).toHaveLength(1);
    expect(reviews[0]!.threads).toHaveLength(1);
  }, 60_000);

  it('both instances run the digest at once: it is posted once', async () => {
    const deps = (s: SlackHeed, owner: string) => ({
      core: s.heed.core,
      digests: createDigestRepository(s.db),
      leases: createLeaseRepository(s.db),
      logger: memoryLogger(),
      clock: s.heed.core.clock,
      owner,
      schedule: { cron: '0 9 * * 1', timezone: 'UTC' },
    });
    const period = periodEndingAt(new Date(), 'UTC');
    const runs = await Promise.all([
      postPeriod(deps(a, 'A'), period, new Date()),
      postPeriod(deps(b, 'B'), period, new Date()),
      postPeriod(deps(a, 'A2'), period, new Date()),
      postPeriod(deps(b, 'B2'), period, new Date()),
    ]);
    const posted = runs.flatMap((r) => r.results).filter((r) => r.outcome === 'posted');
    expect(posted).toHaveLength(1);
    expect(fake.callsTo('chat.postMessage').filter((c) => c.args.channel === DIGEST_CHANNEL)).toHaveLength(1);
  }, 60_000);
});
