import { randomBytes } from 'node:crypto';
import { MongoClient, MongoNetworkError, MongoServerError } from 'mongodb';
import { afterAll, describe, expect, it } from 'vitest';
import type { CounterName, Metrics } from '../../src/core/ports.ts';
import { storeForDb } from '../../src/store/mongo-feedback-store.ts';
import { isTransient, withRetry } from '../../src/store/transient.ts';
import { testMongoUri } from '../helpers/db.ts';
import { startTcpProxy } from '../helpers/tcp-proxy.ts';

describe('transient store errors', () => {
  it('tells transient failures from real ones', () => {
    expect(isTransient(new MongoNetworkError('connection reset'))).toBe(true);
    expect(isTransient(new MongoServerError({ message: 'not primary', code: 10107 }))).toBe(true);
    expect(isTransient(new Error('database is locked (5) (SQLITE_BUSY)'))).toBe(true);
    expect(isTransient(new MongoServerError({ message: 'E11000 duplicate key', code: 11000 }))).toBe(false);
    expect(isTransient(new Error('validation failed'))).toBe(false);
  });

  it('retries a bounded number of times and then gives up with the last error', async () => {
    let calls = 0;
    const failing = withRetry(
      async () => {
        calls++;
        throw new MongoNetworkError('reset');
      },
      () => {},
      { attempts: 4, baseMs: 1, maxMs: 2 },
    );
    await expect(failing).rejects.toThrow('reset');
    expect(calls).toBe(4);
  });

  it('writes survive connections being cut mid-burst: every vote lands once, retries are counted', async () => {
    const target = new URL(testMongoUri().replace(/^mongodb:/, 'http:'));
    // Up to five cuts while the burst is in flight, each with a request on its way: a flapping network
    // or a restarting server. Counted in requests, not time, so a fast machine cannot finish before the
    // first (heed batches the 200 inserts into a few requests).
    let requests = 0;
    let cuts = 0;
    let burst = false;
    const proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port) }, () => {
      // Every other request, so that a retried write gets through between two cuts.
      if (!burst || cuts === 5 || ++requests % 2 === 0) return;
      if (proxy.cutAll() > 0) cuts++;
    });
    const uri = testMongoUri().replace(`${target.hostname}:${target.port}`, `127.0.0.1:${proxy.port}`);
    // The driver's own retries off: what is shown is heed's layer (FerretDB has no retryable writes anyway).
    const client = new MongoClient(uri, {
      maxPoolSize: 10,
      serverSelectionTimeoutMS: 5000,
      retryWrites: false,
      retryReads: false,
    });
    const db = client.db(`retry_${randomBytes(4).toString('hex')}`);
    const retries: string[] = [];
    const metrics: Metrics = {
      inc: (name: CounterName) => void retries.push(name),
      observe: () => {},
    };
    const store = storeForDb(db, client, metrics);
    afterAll(async () => {
      await db.dropDatabase().catch(() => {});
      await client.close();
      await proxy.close();
    });
    const now = new Date();
    await client.connect();
    burst = true;
    const results = await Promise.allSettled(
      Array.from({ length: 200 }, (_, i) =>
        store.feedback.upsert(
          {
            interactionId: '0123456789abcdef01234567',
            patternKey: 'p',
            platform: 'slack',
            userId: `U${i}`,
            kind: 'vote',
            value: 'up',
            reasons: [],
          },
          now,
        ),
      ),
    );
    burst = false;
    expect(cuts).toBe(5);
    const failed = results.filter((r) => r.status === 'rejected');
    expect(failed).toEqual([]);
    expect(await store.db.collection('feedback').countDocuments({ patternKey: 'p' })).toBe(200);
    expect(retries.filter((n) => n === 'store_retries_total').length).toBeGreaterThan(0);
  });
});
