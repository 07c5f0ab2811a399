import { describe, expect, it } from 'vitest';
import type { FeedbackStore } from '../../../src/core/ports.ts';
import { seedPrivacyData } from '../../cli/privacy-seed.ts';

const START = new Date('2026-11-02T09:00:00Z');
const NOON = new Date('2026-11-02T12:00:00Z');

async function all<T>(rows: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const r of rows) out.push(r);
  return out;
}

/** `heed export`'s reads, whatever holds the data (seeded through the real core). */
export function exportContract(fresh: () => Promise<FeedbackStore>) {
  describe('exports: the reads behind heed export', () => {
    it('counts and streams each dataset, filtered by platform and creation time', async () => {
      const s = await fresh();
      const { q1, end } = await seedPrivacyData(s, START);
      const x = s.exports;
      expect(await x.count('interactions', {})).toBe(4);
      expect(await x.count('feedback', {})).toBe(10);
      expect(await x.count('reviews', {})).toBe(3);
      expect(await x.count('knowledge', {})).toBe(1);
      expect(await x.count('feedback', { platform: 'slack' })).toBe(5);
      expect(await x.count('interactions', { platform: 'discord' })).toBe(1);
      expect((await all(x.feedback({ platform: 'web' }))).map((f) => f.platform)).toEqual(['web', 'web']);
      expect((await all(x.interactions({ until: NOON }))).map((i) => i.id)).toEqual([q1.id]);
      expect(await all(x.interactions({ since: NOON }))).toHaveLength(3);
      expect(await x.count('feedback', { until: NOON })).toBe(3);
      expect(await x.count('feedback', { since: end })).toBe(1); // since is included, until is not
      expect(await x.count('feedback', { since: new Date(end.getTime() + 1) })).toBe(0);
      expect((await all(x.reviews({}))).every((r) => Array.isArray(r.threads) && r.audit.length > 0)).toBe(
        true,
      );
    });

    it("feedback by interaction comes one interaction's feedback together; lookups by id and pattern", async () => {
      const s = await fresh();
      const { q1, end } = await seedPrivacyData(s, START);
      const x = s.exports;
      const grouped = (await all(x.feedbackByInteraction())).map((f) => f.interactionId);
      expect(grouped).toHaveLength(10);
      const runs = grouped.filter((id, i) => id !== grouped[i - 1]);
      expect(new Set(runs).size).toBe(runs.length);
      expect((await all(x.feedbackForPattern(q1.patternKey))).every((f) => f.interactionId === q1.id)).toBe(
        true,
      );
      expect((await x.interaction(q1.id))?.question).toBe('How do I rotate the signing key?');
      expect(await x.interaction('not-an-id')).toBeNull();
      expect(await x.interaction('f'.repeat(24))).toBeNull();
      const [approved] = await all(x.approvedCorrections());
      expect(approved).toMatchObject({ source: 'correction', patternKey: q1.patternKey });
      expect(await x.latestKnowledgeVersion(q1.patternKey)).toBe(approved!.version);
      expect(await x.latestKnowledgeVersion('no such pattern')).toBe(0);
      expect(await x.instructionsAt(new Date(START.getTime() - 1))).toBeNull();
      expect((await x.instructionsAt(START))?.version).toBe(1);
      expect((await x.instructionsAt(end))?.version).toBe(2);
    });
  });
}
