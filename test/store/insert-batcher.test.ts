import { randomBytes } from 'node:crypto';
import { type CommandStartedEvent, MongoClient } from 'mongodb';
import { afterAll, describe, expect, it } from 'vitest';
import { isDuplicateKey } from '../../src/store/docs.ts';
import { BatchedInsertError, insertBatcher } from '../../src/store/insert-batcher.ts';
import { storeForDb } from '../../src/store/mongo-feedback-store.ts';
import { testMongoUri } from '../helpers/db.ts';

describe('insert batcher', () => {
  it('sends what arrives together as one batch, and what arrives meanwhile as the next', async () => {
    const batches: number[][] = [];
    let release = () => {};
    const send = async (docs: number[]) => {
      batches.push(docs);
      if (batches.length === 1) await new Promise<void>((r) => (release = r));
      return docs.map((d) => (d % 5 === 0 ? new BatchedInsertError(`dup ${d}`, 11000) : undefined));
    };
    const insert = insertBatcher(send, 4);
    const first = [1, 2, 3].map((d) => insert(d));
    await new Promise((r) => setImmediate(r));
    const later = [4, 5, 6, 7, 8, 9].map((d) => insert(d));
    release();
    const settled = await Promise.allSettled([...first, ...later]);
    expect(batches).toEqual([
      [1, 2, 3],
      [4, 5, 6, 7],
      [8, 9],
    ]);
    // Each insert is settled by its own outcome: 5 failed, the rest went in.
    expect(settled.map((s) => s.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'fulfilled',
      'fulfilled',
      'rejected',
      'fulfilled',
      'fulfilled',
      'fulfilled',
      'fulfilled',
    ]);
    expect(isDuplicateKey((settled[4] as PromiseRejectedResult).reason)).toBe(true);
  });

  it('a batch that fails as a whole fails each of its inserts, and the next batch still goes', async () => {
    let calls = 0;
    const insert = insertBatcher(async (docs: string[]) => {
      calls++;
      if (calls === 1) throw new Error('server gone');
      return docs.map(() => undefined);
    });
    const a = insert('a');
    const b = insert('b');
    await expect(a).rejects.toThrow('server gone');
    await expect(b).rejects.toThrow('server gone');
    await expect(insert('c')).resolves.toBeUndefined();
  });
});

describe('batched inserts on the real server', () => {
  const client = new MongoClient(testMongoUri(), { monitorCommands: true });
  const db = client.db(`batch_${randomBytes(4).toString('hex')}`);
  const store = storeForDb(db, client);
  const inserts: CommandStartedEvent[] = [];
  client.on('commandStarted', (e) => {
    if (e.commandName === 'insert') inserts.push(e);
  });
  afterAll(async () => {
    await db.dropDatabase().catch(() => {});
    await client.close();
  });

  it('concurrent delivery claims, repeated keys among them: the first claim of each key wins, in fewer commands', async () => {
    await client.connect();
    const now = new Date();
    const keys = Array.from({ length: 60 }, (_, i) => `slack:action:U${i % 40}:vote:${i % 40}`);
    const claims = await Promise.all(keys.map((k) => store.deliveries.claim(k, now)));
    // Keys 0–39 first, then 40–59 repeat keys 0–19.
    expect(claims.slice(0, 40).every(Boolean)).toBe(true);
    expect(claims.slice(40).some(Boolean)).toBe(false);
    expect(await db.collection('deliveries').countDocuments({})).toBe(40);
    expect(inserts.length).toBeGreaterThan(0);
    expect(inserts.length).toBeLessThan(keys.length / 4);
  });

  it('an insert with options goes alone and still tells a duplicate', async () => {
    const col = store.db.collection<{ _id: string }>('solo');
    const before = inserts.length;
    await col.insertOne({ _id: 'solo-1' }, { writeConcern: { w: 1 } });
    const dup = await col.insertOne({ _id: 'solo-1' }, { writeConcern: { w: 1 } }).catch((e: unknown) => e);
    expect(isDuplicateKey(dup)).toBe(true);
    expect(inserts.length - before).toBe(2);
    expect(await col.countDocuments({})).toBe(1);
  });

  it('concurrent first votes and a repeat of each: one row per vote, the repeats take the update path', async () => {
    const now = new Date();
    const vote = (i: number, value: 'up' | 'down') => ({
      interactionId: 'b'.repeat(24),
      patternKey: 'batched',
      platform: 'slack' as const,
      userId: `UB${i}`,
      kind: 'vote' as const,
      value,
      reasons: [],
    });
    const results = await Promise.all([
      ...Array.from({ length: 30 }, (_, i) => store.feedback.upsert(vote(i, 'up'), now)),
      ...Array.from({ length: 30 }, (_, i) => store.feedback.upsert(vote(i, 'down'), now)),
    ]);
    expect(results.slice(0, 30).every((r) => r.status === 'created')).toBe(true);
    expect(results.slice(30).every((r) => r.status === 'updated')).toBe(true);
    const rows = await db.collection('feedback').find({ patternKey: 'batched' }).toArray();
    expect(rows).toHaveLength(30);
    expect(rows.every((r) => r.value === 'down')).toBe(true);
  });
});
