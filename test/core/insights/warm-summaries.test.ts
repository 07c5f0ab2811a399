import { describe, expect, it, vi } from 'vitest';
import { countAll, utcHour } from '../../../src/core/insights/day-summary.ts';
import { createPeriodReader } from '../../../src/core/insights/period-data.ts';
import { warmSummaries } from '../../../src/core/insights/warm-summaries.ts';
import { makeCore } from '../../helpers/core.ts';
import { openTestStore } from '../../helpers/db.ts';
import { ask } from './seed.ts';

const store = await openTestStore('warm');
const { core, clock } = makeCore(store);
const NOW = new Date('2026-11-10T12:30:00Z');

await ask(core, clock, '2026-10-20T08:00:00Z', 'How do I reset my password?', [
  { user: 'U1', vote: 'down' },
  { user: 'U2', vote: 'up' },
]);
await ask(core, clock, '2026-11-09T15:00:00Z', 'Where is the VPN guide?', [{ user: 'U3', vote: 'up' }]);
await ask(core, clock, '2026-11-10T07:00:00Z', 'Which plan has SSO?', [
  { user: 'U4', vote: 'down' },
  { user: 'U5', correction: 'Business and above.' },
]);
// In the open hour: read from its documents, never summarised.
await ask(core, clock, '2026-11-10T11:00:00Z', 'Is there a mobile app?', [{ user: 'U6', vote: 'up' }]);

describe('warmSummaries (the hourly scheduler job)', () => {
  it("stores every closed day's and the open day's closed hours' summaries, once, and reports then read no day's documents", async () => {
    expect(await warmSummaries(store, NOW)).toEqual({ feedback: 6, interactions: 4 });
    for (const day of ['2026-10-20', '2026-11-09']) {
      const stored = await store.rollups.get(day);
      expect(stored?.totals).toEqual(
        countAll(await store.feedback.onDay(day), await store.interactions.timesOnDay(day)),
      );
    }
    expect((await store.rollups.get('2026-11-01'))?.totals.feedback).toBe(0);
    for (const at of ['2026-11-10T07:00:00Z', '2026-11-10T08:00:00Z', '2026-11-10T09:00:00Z'])
      expect(await store.rollups.getHour(utcHour(new Date(at)))).not.toBeNull();
    expect(await store.rollups.getHour(utcHour(NOW))).toBeNull();

    const puts = [vi.spyOn(store.rollups, 'put'), vi.spyOn(store.rollups, 'putHour')] as const;
    const dayReads = vi.spyOn(store.feedback, 'onDay');
    try {
      expect(await warmSummaries(store, NOW)).toEqual({ feedback: 6, interactions: 4 });
      const week = await createPeriodReader(store, NOW).period({
        from: new Date('2026-11-03T00:00:00Z'),
        to: NOW,
      });
      expect([week.counts.feedback, week.counts.interactions]).toEqual([4, 3]);
      expect([puts[0].mock.calls.length, puts[1].mock.calls.length]).toEqual([0, 0]);
      expect(dayReads).not.toHaveBeenCalled();
    } finally {
      for (const s of [...puts, dayReads]) s.mockRestore();
    }
  });
});
