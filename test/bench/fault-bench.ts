import { checkIntegrity, type Integrity } from '../faults/integrity.ts';
import { answerQuestions, manyQuestions, plansFor, runOutage } from '../faults/outage-scenario.ts';
import { startSlackHeed } from '../faults/slack-heed.ts';

export interface FaultRow {
  scenario: string;
  sent: number;
  sentDuringOutage: number;
  recorded: number;
  refusedAndTold: number;
  lost: number;
  duplicates: number;
  /** Seconds from the database's return until every click was recorded or told. */
  recoverSeconds: number;
  healthDuring: number[];
  healthAfter: number;
  integrity: Integrity;
}

/** Issue 13's outage at bench size: the embedded database paused (SIGSTOP) while clicks keep coming. */
export async function runFaultBench(opts: { outageSeconds: number; rate: number }): Promise<FaultRow[]> {
  const sh = await startSlackHeed();
  try {
    const interactions = await answerQuestions(sh, 2, 'F', manyQuestions(40));
    const before = 5;
    const after = 10;
    const n = opts.rate * (before + opts.outageSeconds + after);
    const plans = plansFor(interactions, n, 'F');
    const run = await runOutage(sh, {
      plans,
      rate: opts.rate,
      outageMs: opts.outageSeconds * 1000,
      startAfterMs: before * 1000,
      settleMs: 180_000,
    });
    return [
      {
        scenario: `database paused ${opts.outageSeconds} s, ${opts.rate} clicks/s`,
        sent: n,
        sentDuringOutage: run.clicksDuringOutage,
        recorded: run.outcomes.recorded,
        refusedAndTold: run.outcomes.refusedAndTold,
        lost: run.outcomes.lost,
        duplicates: run.outcomes.duplicates,
        recoverSeconds: run.recoverSeconds,
        healthDuring: run.healthDuring,
        healthAfter: run.healthAfter,
        integrity: await checkIntegrity(sh.db),
      },
    ];
  } finally {
    await sh.stop();
  }
}

export function formatFaultBench(rows: FaultRow[]): string {
  const out = [
    '  scenario                                   sent  during  recorded  refused+told  lost  dup  recover s  /healthz during → after',
  ];
  for (const r of rows) {
    out.push(
      `  ${r.scenario.padEnd(42)} ${String(r.sent).padStart(5)} ${String(r.sentDuringOutage).padStart(7)} ${String(r.recorded).padStart(9)} ${String(r.refusedAndTold).padStart(13)} ${String(r.lost).padStart(5)} ${String(r.duplicates).padStart(4)} ${r.recoverSeconds.toFixed(1).padStart(10)}  ${r.healthDuring.map((s) => s || 'no answer').join(',')} → ${r.healthAfter}`,
    );
    const i = r.integrity;
    out.push(
      `    reviews ${i.reviews} (open ${i.openReviews}); two open on one pattern: ${i.patternsWithTwoOpen.length}; without feedback: ${i.reviewsWithoutFeedback.length}; dangling feedback: ${i.danglingFeedback.length}; not posted: ${i.unposted.length}`,
    );
  }
  return out.join('\n');
}
