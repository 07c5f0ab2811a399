import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { afterAll, describe, expect, it } from 'vitest';
import { storeForDb } from '../../src/store/mongo-feedback-store.ts';
import { testMongoUri } from '../helpers/db.ts';
import { FakeSlack, waitFor } from '../helpers/fake-slack.ts';
import { buttonClick, modalState, submitOpenedModal, user } from '../helpers/slack-payloads.ts';
import { SlackHttpClient } from '../helpers/slack-signer.ts';
import { type ClickPlan, openLoop, sendClick } from './click-load.ts';
import { settleClicks } from './click-outcomes.ts';
import { type HeedChild, spawnHeed } from './heed-child.ts';
import { checkIntegrity, integrityOnceCaughtUp } from './integrity.ts';
import { QUESTIONS } from './outage-scenario.ts';
import { askThroughSlack } from './slack-ask.ts';
import { MODS_CHANNEL, slackEnv } from './slack-heed.ts';

// npm start as its own process (so it can be SIGKILLed) on the run's database server.
const fake = await new FakeSlack().start();
const dbName = `fault_crash_${randomBytes(4).toString('hex')}`;
const dataDir = await mkdtemp(path.join(os.tmpdir(), 'heed-crash-'));
const env = slackEnv(fake, {
  MONGODB_URI: testMongoUri(),
  MONGODB_DB: dbName,
  HEED_DATA_DIR: dataDir,
  SLACK_MODERATOR_IDS: 'UMOD',
});
const client = new MongoClient(testMongoUri());
const db = client.db(dbName);
const store = storeForDb(db, client);
const children: HeedChild[] = [];
afterAll(async () => {
  for (const c of children) c.child.kill('SIGKILL');
  await db.dropDatabase().catch(() => {});
  await client.close();
  await fake.close();
  await rm(dataDir, { recursive: true, force: true });
});
const start = async () => {
  const c = await spawnHeed(env);
  children.push(c);
  return { c, slack: new SlackHttpClient(`${c.url}/slack/events`) };
};

const ask = (slack: SlackHttpClient, questions: string[]) => askThroughSlack(slack, fake, questions);

const roots = () =>
  fake.callsTo('chat.postMessage').filter((c) => c.args.channel === MODS_CHANNEL && !c.args.thread_ts);

describe('heed killed with SIGKILL mid-stream, then started again', () => {
  let slack: SlackHttpClient;
  let interactions: string[] = [];

  it('no vote is counted twice and each pattern keeps one open review', async () => {
    const first = await start();
    interactions = await ask(first.slack, [...QUESTIONS.slice(0, 3), ...QUESTIONS.slice(0, 3)]);
    const plans: ClickPlan[] = Array.from({ length: 90 }, (_, i) => ({
      userId: `UK${i}`,
      interactionId: interactions[i % interactions.length]!,
      value: i % 3 === 2 && i % 2 === 0 ? 'up' : 'down',
    }));
    await openLoop({
      plans,
      rate: 30,
      maxInFlight: 20,
      send: (c) => sendClick(first.slack, c),
      onTick: (i) => {
        if (i === 45) first.c.child.kill('SIGKILL');
      },
    });
    expect((await first.c.exited).signal).toBe('SIGKILL');

    const second = await start();
    slack = second.slack;
    // Users click again (Slack does not redeliver an acknowledged click); recorded ones are redeliveries.
    await openLoop({ plans, rate: 30, maxInFlight: 20, send: (c) => sendClick(slack, c) });
    const { outcomes } = await settleClicks(db, fake, plans, 60_000);
    expect(outcomes.lostClicks).toEqual([]);
    expect(outcomes.recorded).toBe(plans.length);
    expect(outcomes.duplicates).toBe(0);
    // Two patterns get only 👎: both raise a review.
    const integrity = await integrityOnceCaughtUp(db, 2, { killed: true });
    expect(integrity.reviews).toBeGreaterThan(0);
    expect(integrity.unpostedUnclaimed).toEqual([]);
    expect(integrity.patternsWithTwoOpen).toEqual([]);
    expect(integrity.danglingFeedback).toEqual([]);
  }, 180_000);

  it('a review raised just before the crash (stored, not yet posted) reaches the moderators with the next 👎', async () => {
    // The state a SIGKILL between "open the review" and "post it" leaves behind.
    const target = (await db.collection('interactions').findOne({ question: QUESTIONS[3] })) ?? null;
    const [id] = target ? [String(target._id)] : await ask(slack, [QUESTIONS[3]!]);
    const interaction = (await store.interactions.get(id!))!;
    const { review } = await store.reviews.openOrJoin(
      { patternKey: interaction.patternKey, interactionId: interaction.id, question: interaction.question },
      new Date(),
    );
    const before = roots().length;
    for (const u of ['UP1', 'UP2', 'UP3'])
      await sendClick(slack, { userId: u, interactionId: id!, value: 'down' });
    await settleClicks(
      db,
      fake,
      [1, 2, 3].map((n) => ({ userId: `UP${n}`, interactionId: id!, value: 'down' as const })),
      20_000,
    );
    await waitFor(
      async () => ((await store.reviews.get(review.id))?.threads.length ?? 0) > 0,
      'the review posted',
      10_000,
    ).catch(() => {});
    expect.soft((await store.reviews.get(review.id))?.threads).toHaveLength(1);
    expect.soft(roots().length - before).toBe(1);
    expect((await checkIntegrity(db)).patternsWithTwoOpen).toEqual([]);
  }, 60_000);

  it('a resolution interrupted by the crash (claimed, not written) is completed once', async () => {
    const open = (await store.reviews.list({ status: 'open' }))[0]!;
    const dead = { platform: 'slack' as const, userId: 'UMOD', isModerator: true };
    const claimed = await store.reviews.claimResolution(open.id, {
      action: 'apply_correction',
      actor: dead,
      at: new Date(Date.now() - 5 * 60_000),
      text: 'Reset it under Settings → Security → Password.',
    });
    expect(claimed.claimed).toBe(true);
    for (const text of ['A later decision.', 'And another one.']) {
      const opens = fake.callsTo('views.open').length;
      await slack.interactive(
        buttonClick({ user: user('UMOD'), channel: MODS_CHANNEL }, 'heed_review_apply', open.id),
      );
      await waitFor(() => fake.callsTo('views.open').length > opens, 'the resolve modal', 3000).catch(
        () => {},
      );
      const opened = fake.callsTo('views.open').at(-1);
      if (opened && fake.callsTo('views.open').length > opens)
        await slack.interactive(submitOpenedModal(opened, user('UMOD'), modalState({ heed_text: text })));
      await waitFor(
        async () => (await store.reviews.get(open.id))?.status !== 'open',
        'the review closed',
        10_000,
      );
    }
    const review = await store.reviews.get(open.id);
    expect(review?.status).toBe('resolved');
    expect(review?.resolution?.text).toBe('Reset it under Settings → Security → Password.');
    const entries = await db.collection('knowledge').find({ reviewId: open.id }).toArray();
    expect(entries).toHaveLength(1);
    expect((await checkIntegrity(db)).resolutionsWithoutEffect).toEqual([]);
  }, 60_000);
});
