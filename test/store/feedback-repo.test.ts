import { MongoClient } from 'mongodb';
import { describe, expect, it } from 'vitest';
import type { FeedbackWrite } from '../../src/core/ports.ts';
import { createFeedbackRepository } from '../../src/store/feedback-repo.ts';
import { openTestStore, testMongoUri } from '../helpers/db.ts';
import { feedbackOf } from './feedback-of.ts';

const store = await openTestStore('feedback');
const t0 = new Date('2026-11-02T10:00:00Z');
const vote = (over: Partial<FeedbackWrite> = {}): FeedbackWrite =>
  ({
    interactionId: 'a'.repeat(24),
    patternKey: 'p',
    platform: 'slack',
    userId: 'U1',
    reasons: [],
    kind: 'vote',
    value: 'down',
    ...over,
  }) as FeedbackWrite;

describe('feedback repository (real database)', () => {
  it("the trigger window is read from the days up to the caller's now, not the whole pattern", async () => {
    const day = new Date('2026-10-01T12:00:00Z');
    for (let i = 0; i < 12; i++)
      await store.feedback.upsert(
        vote({ interactionId: 'e'.repeat(24), patternKey: 'then', userId: `D${i}` }),
        new Date(day.getTime() + i * 1000),
      );
    // Newer than that day: the whole pattern's newest 10 would start with it; the window of `day` does not.
    await store.feedback.upsert(
      vote({ interactionId: 'e'.repeat(24), patternKey: 'then', userId: 'LATER' }),
      new Date('2026-10-09T12:00:00Z'),
    );
    const window = await store.feedback.recentForPattern('then', 10, new Date(day.getTime() + 60_000));
    expect(window.map((f) => f.userId)).toEqual(Array.from({ length: 10 }, (_, i) => `D${11 - i}`));
    expect((await store.feedback.recentForPattern('then', 10))[0]!.userId).toBe('LATER');
  });

  it('tells created, unchanged and updated apart and keeps one row per interaction+user+kind', async () => {
    expect((await store.feedback.upsert(vote(), t0)).status).toBe('created');
    expect((await store.feedback.upsert(vote(), t0)).status).toBe('unchanged');
    const changed = await store.feedback.upsert(vote({ value: 'up' }), t0);
    expect(changed.status).toBe('updated');
    expect(changed.feedback.value).toBe('up');
    expect((await feedbackOf(store, 'a'.repeat(24))).length).toBe(1);
  });

  it('counts concurrent identical deliveries once', async () => {
    const f = vote({ interactionId: 'b'.repeat(24) });
    const results = await Promise.all(Array.from({ length: 8 }, () => store.feedback.upsert(f, t0)));
    expect(results.filter((r) => r.status === 'created')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'unchanged')).toHaveLength(7);
    expect((await feedbackOf(store, 'b'.repeat(24))).length).toBe(1);
  });

  it('the database itself refuses a second row for the same interaction+user+kind', async () => {
    const doc = { interactionId: 'c'.repeat(24), userId: 'U9', kind: 'vote', value: 'up' };
    await store.db.collection('feedback').insertOne({ ...doc });
    await expect(store.db.collection('feedback').insertOne({ ...doc })).rejects.toMatchObject({
      code: 11000,
    });
  });

  it('stores operator-looking text literally', async () => {
    const f = vote({ interactionId: 'd'.repeat(24), comment: '{"$gt": ""}', reasons: ['other'] });
    const { feedback } = await store.feedback.upsert(f, t0);
    expect(feedback.comment).toBe('{"$gt": ""}');
    const raw = await store.db.collection('feedback').findOne({ interactionId: 'd'.repeat(24) });
    expect(raw?.comment).toBe('{"$gt": ""}');
  });
});

describe('the trigger window of a small pattern', () => {
  it('is read whole in one query once the pattern is known to be small, and day-first again once it grew', async () => {
    const client = new MongoClient(testMongoUri(), { monitorCommands: true });
    const finds: string[] = [];
    client.on('commandStarted', (e) => {
      if (e.commandName === 'find') finds.push(JSON.stringify((e.command as { filter?: unknown }).filter));
    });
    const repo = createFeedbackRepository(client.db(store.db.databaseName));
    const now = new Date('2026-11-20T12:00:00Z');
    for (let i = 0; i < 5; i++)
      await repo.upsert(
        vote({ interactionId: 'f'.repeat(24), patternKey: 'small', userId: `S${i}` }),
        new Date(now.getTime() - 60_000 + i * 1000),
      );
    const read = async () => {
      finds.length = 0;
      const users = (await repo.recentForPattern('small', 10, now)).map((f) => f.userId);
      return { users, finds: finds.length };
    };
    const first = await read();
    expect(first.finds).toBe(4); // three days, then the whole pattern
    expect(first.users).toEqual(['S4', 'S3', 'S2', 'S1', 'S0']);
    expect(await read()).toEqual({ users: first.users, finds: 1 });

    // Another instance adds 200 older rows: the next whole read notices, the one after is day-first.
    const old = new Date('2026-11-10T12:00:00Z');
    await client
      .db(store.db.databaseName)
      .collection('feedback')
      .insertMany(
        Array.from({ length: 200 }, (_, i) => ({
          _id: `old-small-${i}` as never,
          interactionId: 'f'.repeat(24),
          patternKey: 'small',
          platform: 'slack',
          userId: `O${i}`,
          kind: 'vote',
          value: 'up',
          reasons: [],
          createdAt: old,
          updatedAt: new Date(old.getTime() + i),
          day: '2026-11-10',
          hour: '2026-11-10T12',
        })),
      );
    const grown = await read();
    expect(grown.finds).toBe(1);
    expect(grown.users).toEqual([...first.users, 'O199', 'O198', 'O197', 'O196', 'O195']);
    expect(await read()).toEqual({ users: grown.users, finds: 4 });
    await client.close();
  });
});
