import { afterAll, describe, expect, it } from 'vitest';
import { sendClick } from './click-load.ts';
import { settleClicks } from './click-outcomes.ts';
import { integrityOnceCaughtUp } from './integrity.ts';
import { answerQuestions, plansFor, runOutage } from './outage-scenario.ts';
import { startSlackHeed } from './slack-heed.ts';

// heed with its own embedded database (the one paused here), in Slack HTTP mode with production settings.
const sh = await startSlackHeed();
afterAll(() => sh.stop());

describe('the database is unavailable for a while (its processes paused) while clicks keep arriving', () => {
  it('records every click or tells its user, writes no half review, and recovers without a restart', async () => {
    const interactions = await answerQuestions(sh, 5, 'O');
    const plans = plansFor(interactions, 120, 'O');
    const run = await runOutage(sh, {
      plans,
      rate: 10,
      outageMs: 6000,
      startAfterMs: 3000,
      settleMs: 90_000,
    });

    expect(run.clicksDuringOutage).toBeGreaterThan(0);
    expect(run.outcomes.lostClicks).toEqual([]);
    expect(run.outcomes.duplicates).toBe(0);
    expect(run.outcomes.recorded + run.outcomes.refusedAndTold).toBe(plans.length);
    // Every click was acknowledged to Slack (the ack does not wait for the database).
    expect(run.results.filter((r) => r.status !== 200)).toEqual([]);

    // 503 within 2 s while the database does not answer (0 = /healthz itself did not answer).
    expect(run.healthDuring.length).toBeGreaterThan(0);
    expect.soft(run.healthDuring).toEqual(run.healthDuring.map(() => 503));
    expect(run.healthAfter).toBe(200);

    // Two patterns get mostly 👎: both raise a review.
    const integrity = await integrityOnceCaughtUp(sh.db, 2);
    expect(integrity.reviews).toBeGreaterThan(0);
    expect.soft(integrity.patternsWithTwoOpen).toEqual([]);
    expect.soft(integrity.reviewsWithoutFeedback).toEqual([]);
    expect.soft(integrity.danglingFeedback).toEqual([]);
    expect.soft(integrity.unposted).toEqual([]);

    // The same process serves the next click (no restart).
    const after = { userId: 'UO-after', interactionId: interactions[0]!, value: 'up' as const };
    expect((await sendClick(sh.slack, after)).status).toBe(200);
    const { outcomes } = await settleClicks(sh.db, sh.fake, [after], 20_000);
    expect(outcomes.recorded).toBe(1);
  }, 180_000);
});
