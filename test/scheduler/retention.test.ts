import { BSON } from 'mongodb';
import { describe, expect, it, vi } from 'vitest';
import { retentionCommand } from '../../src/cli/retention-command.ts';
import { loadConfig } from '../../src/config.ts';
import { computeInsights } from '../../src/core/insights/compute-insights.ts';
import { startScheduler } from '../../src/scheduler/index.ts';
import { createMemoryFeedbackStore } from '../../src/store/memory-feedback-store.ts';
import type { MongoFeedbackStore } from '../../src/store/mongo-feedback-store.ts';
import { seedPrivacyData, TEXT } from '../cli/privacy-seed.ts';
import { makeCore } from '../helpers/core.ts';
import { openTestStore } from '../helpers/db.ts';
import { ManualClock } from '../helpers/fakes.ts';

const DAY = 86_400_000;
const NOW = new Date('2026-12-20T12:00:00Z');
const OLD = new Date(NOW.getTime() - 40 * DAY);
const RECENT = new Date(NOW.getTime() - 5 * DAY);
const KEPT = { from: new Date(NOW.getTime() - 30 * DAY), to: NOW };

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: { stdout: (s: string) => void out.push(s), stderr: (s: string) => void err.push(s) },
    out: () => out.join(''),
    err: () => err.join(''),
  };
}
const retention = async (store: MongoFeedbackStore, args: string[]) => {
  const cap = capture();
  const code = await retentionCommand([...args, '--json'], {
    privacy: store.privacy,
    io: cap.io,
    retentionDays: 30,
    now: () => NOW,
  });
  expect(cap.err()).toBe('');
  expect(code).toBe(0);
  return JSON.parse(cap.out());
};
const dump = async (store: MongoFeedbackStore, names: string[]) =>
  Object.fromEntries(
    await Promise.all(
      names.map(async (n) => [
        n,
        BSON.EJSON.stringify(await store.db.collection(n).find({}).sort({ _id: 1 }).toArray()),
      ]),
    ),
  );
/** Insights over the kept window, less the pending corrections of still-open reviews: those may be older. */
async function keptInsights(store: MongoFeedbackStore) {
  const i = await computeInsights(store, KEPT, { now: NOW });
  return { ...i, opportunities: { ...i.opportunities, pendingCorrections: undefined } };
}

describe('HEED_RETENTION_DAYS', () => {
  it('redacts the text of interactions and feedback past N days; counts, ids and insights stay', async () => {
    const store = await openTestStore('retention');
    await seedPrivacyData(store, OLD);
    await seedPrivacyData(store, RECENT);
    const all = ['interactions', 'feedback', 'reviews', 'knowledge', 'instructions'];
    const before = await dump(store, all);
    const insightsBefore = await keptInsights(store);

    const dry = await retention(store, ['--dry-run']);
    expect(dry).toMatchObject({ days: 30, dryRun: true, interactions: 4, feedback: 3 });
    expect(await dump(store, all)).toEqual(before);

    const done = await retention(store, []);
    expect(done).toMatchObject({ dryRun: false, interactions: 4, feedback: 3 });
    const cutoff = new Date(done.cutoff);
    const interactions = await store.db.collection('interactions').find({}).toArray();
    const feedback = await store.db.collection('feedback').find({}).toArray();
    expect(interactions).toHaveLength(8);
    expect(feedback).toHaveLength(20);
    for (const i of interactions) {
      if (i.createdAt < cutoff) expect([i.question, i.answer, i.redacted]).toEqual(['', '', 'retention']);
      else expect(i.question).not.toBe('');
    }
    for (const f of feedback) {
      if (f.updatedAt >= cutoff) continue;
      expect(f.comment).toBeUndefined();
      if (f.kind === 'correction') expect(f.value).toBe('');
      else expect(f.value).not.toBe('');
    }
    const recentText = JSON.stringify(feedback.filter((f) => f.updatedAt >= cutoff));
    expect(recentText).toContain(TEXT.aliceCorrection);
    expect(await keptInsights(store)).toEqual(insightsBefore);
    const after = await dump(store, ['reviews', 'knowledge', 'instructions']);
    expect(after).toEqual({
      reviews: before.reviews,
      knowledge: before.knowledge,
      instructions: before.instructions,
    });

    expect(await retention(store, [])).toMatchObject({ interactions: 0, feedback: 0 });
    expect(await store.db.collection('privacy_audit').countDocuments({ action: 'retention' })).toBe(2);
  });

  it('the daily job redacts when HEED_RETENTION_DAYS is set', async () => {
    const store = await openTestStore('retention_job');
    await seedPrivacyData(store, OLD);
    const config = loadConfig({ HEED_RETENTION_DAYS: '30' });
    const { core, logger } = makeCore(store);
    const scheduler = startScheduler({
      config,
      core,
      store,
      logger,
      clock: new ManualClock(NOW),
      instanceId: 'retention-test',
      sweepCron: '0 0 1 1 *',
      retentionCron: '* * * * * *',
    });
    try {
      // Interactions are redacted before feedback: wait for both, or the check races the job.
      await vi.waitFor(
        async () => {
          expect(await store.db.collection('interactions').countDocuments({ question: '' })).toBe(4);
          expect(await store.db.collection('feedback').countDocuments({ comment: { $exists: true } })).toBe(
            0,
          );
        },
        { timeout: 20_000, interval: 200 },
      );
    } finally {
      await scheduler.stop();
    }
    expect(await store.db.collection('feedback').countDocuments({ redacted: 'retention' })).toBeGreaterThan(
      0,
    );
  });

  it('is validated like every variable: the error names it', () => {
    expect(loadConfig({}).retentionDays).toBeUndefined();
    expect(loadConfig({ HEED_RETENTION_DAYS: '90' }).retentionDays).toBe(90);
    for (const bad of ['abc', '0', '2.5', '-3', '99999'])
      expect(() => loadConfig({ HEED_RETENTION_DAYS: bad }), bad).toThrow(/HEED_RETENTION_DAYS/);
  });

  it('heed retention without HEED_RETENTION_DAYS or with a bad --days is a usage error', async () => {
    const { privacy } = createMemoryFeedbackStore();
    const cap = capture();
    expect(await retentionCommand(['--dry-run'], { privacy, io: cap.io })).toBe(2);
    expect(cap.err()).toContain('HEED_RETENTION_DAYS');
    expect(await retentionCommand(['--days', 'x'], { privacy, io: cap.io })).toBe(2);
    expect(cap.err()).toContain('--days must be a whole number from 1 to 36500, got "x"');
    expect(await retentionCommand(['--day', '3'], { privacy, io: cap.io, retentionDays: 30 })).toBe(2);
    expect(cap.err()).toContain("Unknown option '--day'");
  });
});
