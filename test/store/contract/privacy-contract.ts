import { describe, expect, it } from 'vitest';
import { buildDigest } from '../../../src/core/insights/build-digest.ts';
import { computeInsights } from '../../../src/core/insights/compute-insights.ts';
import type { FeedbackStore } from '../../../src/core/ports.ts';
import { ALICE, MOD, seedPrivacyData, TEXT } from '../../cli/privacy-seed.ts';

const START = new Date('2026-11-02T09:00:00Z');
const RANGE = { from: new Date('2026-11-01T00:00:00Z'), to: new Date('2026-11-04T00:00:00Z') };
const DAYS = ['2026-11-01', '2026-11-02', '2026-11-03'];
const PERIOD = '2026-W45';

async function all<T>(rows: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const r of rows) out.push(r);
  return out;
}

/** Everything the port lets anyone read back, as text: forget must leave none of the person in it. */
async function reachable(s: FeedbackStore): Promise<string> {
  const reviews = await all(s.exports.reviews({}));
  const latest = await s.knowledge.listLatest();
  return JSON.stringify({
    interactions: await all(s.exports.interactions({})),
    feedback: await all(s.exports.feedback({})),
    reviews,
    audit: await Promise.all(reviews.map((r) => s.reviews.auditTrail(r.id))),
    knowledge: await Promise.all(latest.map((k) => s.knowledge.history(k.patternKey))),
    instructions: await s.instructions.history(1000),
    digests: await s.digests.forPeriod(PERIOD),
    rollups: await Promise.all(DAYS.map((d) => s.rollups.get(d))),
  });
}

/** The totals insights report: counts and rates, which forget and retention must leave as they were. */
async function totals(s: FeedbackStore) {
  const i = await computeInsights(s, RANGE, { now: RANGE.to });
  return {
    interactions: i.interactions,
    feedback: i.feedback,
    positiveRate: i.positiveRate,
    byKind: i.byKind,
    byPlatform: i.byPlatform,
    reviews: i.reviews,
    patterns: i.opportunities.patterns.map((p) => [p.patternKey, p.negative, p.total]),
  };
}

/** `heed forget`, `heed export user`, HEED_RETENTION_DAYS and the audit, whatever holds the data. */
export function privacyContract(fresh: () => Promise<FeedbackStore>) {
  describe('privacy: forget, export user, text retention, audit', () => {
    it('forgets a person everywhere the port can read, keeps every total, and a second run changes nothing', async () => {
      const s = await fresh();
      const { end } = await seedPrivacyData(s, START);
      const digest = await buildDigest(s, { ...RANGE, key: PERIOD }, { now: end });
      const claim = { periodKey: PERIOD, channel: 'slack:C-DIGEST', owner: 't', now: end, digest };
      await s.digests.claim({ ...claim, staleMs: 60_000, maxAttempts: 3 });
      const totalsBefore = await totals(s);
      const needles = [ALICE.id, ALICE.name, TEXT.aliceCorrection, 'How do I rotate the signing key?'];
      const before = await reachable(s);
      for (const n of needles) expect(before, n).toContain(n);
      const theirs = await s.privacy.exportUser({ platform: 'slack', userId: ALICE.id }, end);
      expect(theirs).toMatchObject({ user: `slack:${ALICE.id}`, exportedAt: end.toISOString() });
      expect(theirs.interactions).toHaveLength(2);
      expect(theirs.feedback).toMatchObject([{ kind: 'correction', value: TEXT.aliceCorrection }]);
      const knowledgeBefore = await s.knowledge.listLatest();

      const counts = await s.privacy.forgetUser({ platform: 'slack', userId: ALICE.id }, end);
      expect(counts).toMatchObject({ interactions: 2, feedback: 1 });
      const after = await reachable(s);
      for (const n of needles) expect(after.includes(n), `still holds ${n}`).toBe(false);
      expect(await totals(s)).toEqual(totalsBefore);
      const knowledgeAfter = await s.knowledge.listLatest();
      expect(knowledgeAfter.map((k) => [k.id, k.answer, k.version])).toEqual(
        knowledgeBefore.map((k) => [k.id, k.answer, k.version]),
      );
      // The approved entry's provenance points at her re-keyed feedback, which still exists as a tombstone.
      const entry = knowledgeAfter.find((k) => k.answer === TEXT.approved)!;
      const feedback = await all(s.exports.feedback({}));
      const sources = feedback.filter((f) => entry.sourceFeedbackIds.includes(f.id));
      expect(sources).toHaveLength(entry.sourceFeedbackIds.length);
      expect(sources.some((f) => f.userId.startsWith('forgotten-') && f.value === '')).toBe(true);
      const gone = await s.privacy.exportUser({ platform: 'slack', userId: ALICE.id }, end);
      expect(gone).toMatchObject({ interactions: [], feedback: [], knowledgeFromTheirFeedback: [] });

      const again = await s.privacy.forgetUser({ platform: 'slack', userId: ALICE.id }, end);
      expect(Object.values(again).reduce((a, b) => a + b, 0)).toBe(0);
      expect(await reachable(s)).toBe(after);
    });

    it("a moderator's identity leaves reviews, resolutions, knowledge and instructions; the knowledge stays", async () => {
      const s = await fresh();
      const { end } = await seedPrivacyData(s, START);
      const mod = { platform: 'slack' as const, userId: MOD.userId };
      const acted = await s.privacy.exportUser(mod, end);
      expect(acted.moderatorActions.knowledgeApproved).toHaveLength(1);
      expect(acted.moderatorActions.instructionsAuthored.map((v) => v.version)).toEqual([1, 2]);
      expect(acted.moderatorActions.reviews.some((r) => r.action === 'apply_correction')).toBe(true);
      expect(await s.privacy.forgetUser(mod, end)).toMatchObject({
        reviews: 1,
        resolutions: 1,
        knowledge: 1,
        instructions: 2,
      });
      const text = await reachable(s);
      expect(text).not.toContain(MOD.userId);
      expect(text).not.toContain(MOD.name);
      const entry = (await s.knowledge.listLatest()).find((k) => k.answer === TEXT.approved)!;
      expect(entry.approvedBy).toMatchObject({ platform: 'slack', isModerator: true });
      expect(entry.approvedBy!.userId).toMatch(/^forgotten-/);
      expect((await s.privacy.exportUser(mod, end)).moderatorActions).toEqual({
        reviews: [],
        knowledgeApproved: [],
        instructionsAuthored: [],
      });
    });

    it('drops the delivery keys that name the person, and only those', async () => {
      const s = await fresh();
      await s.deliveries.claim(`slack:action:${ALICE.id}:a1:1700000000.1`, START);
      await s.deliveries.claim('slack:action:U0BOB:a1:1700000000.2', START);
      await s.deliveries.claim(`discord:action:${ALICE.id}:a1:1`, START);
      expect(await s.privacy.forgetUser({ platform: 'slack', userId: ALICE.id }, START)).toMatchObject({
        deliveries: 1,
      });
      expect(await s.deliveries.claim(`slack:action:${ALICE.id}:a1:1700000000.1`, START)).toBe(true);
      expect(await s.deliveries.claim('slack:action:U0BOB:a1:1700000000.2', START)).toBe(false);
      expect(await s.deliveries.claim(`discord:action:${ALICE.id}:a1:1`, START)).toBe(false);
    });

    it('redacts text older than N days (a dry run only counts); ids, values and totals stay', async () => {
      const s = await fresh();
      const now = new Date('2026-12-20T12:00:00Z');
      await seedPrivacyData(s, new Date(now.getTime() - 40 * 86_400_000));
      await seedPrivacyData(s, new Date(now.getTime() - 5 * 86_400_000));
      const before = await reachable(s);
      const dry = await s.privacy.redactOldText(now, 30, { dryRun: true });
      expect(dry).toMatchObject({ dryRun: true, interactions: 4, feedback: 3 });
      expect(dry.cutoff).toEqual(new Date(now.getTime() - 30 * 86_400_000));
      expect(await reachable(s)).toBe(before);
      expect(await s.privacy.redactOldText(now, 30)).toMatchObject({
        dryRun: false,
        interactions: 4,
        feedback: 3,
      });
      const interactions = await all(s.exports.interactions({}));
      expect(interactions.filter((i) => i.question === '' && i.answer === '')).toHaveLength(4);
      const feedback = await all(s.exports.feedback({}));
      expect(feedback).toHaveLength(20);
      const old = feedback.filter((f) => f.updatedAt < dry.cutoff);
      expect(old.every((f) => f.comment === undefined && (f.kind !== 'correction' || f.value === ''))).toBe(
        true,
      );
      expect(old.filter((f) => f.kind === 'vote').every((f) => f.value === 'up' || f.value === 'down')).toBe(
        true,
      );
      expect(JSON.stringify(feedback.filter((f) => f.updatedAt >= dry.cutoff))).toContain(
        TEXT.aliceCorrection,
      );
      expect(await s.privacy.redactOldText(now, 30)).toMatchObject({ interactions: 0, feedback: 0 });
    });

    it('records audit entries, each with its own id', async () => {
      const s = await fresh();
      const entry = { action: 'retention' as const, operator: 'dpo', at: START, counts: { feedback: 1 } };
      const ids = [await s.privacy.recordAudit(entry), await s.privacy.recordAudit(entry)];
      expect(ids[0]).toEqual(expect.any(String));
      expect(ids[0]).not.toBe(ids[1]);
    });
  });
}
