import type { FeedbackStore } from '../ports.ts';
import { createPeriodReader } from './period-data.ts';

const DAY_MS = 86_400_000;
/** How far back reports read: the digest's 8-week trend (56 days), plus a day for a zone's offset. */
const SUMMARY_REACH_DAYS = 57;

/**
 * Stores the summary of every closed day that reports reach and of the open day's closed hours, one
 * at a time, so that the next report reads summaries instead of documents. The scheduler runs it
 * hourly, so even the first digest after a quiet week finds its days summarised. A summary already
 * stored is only looked up; one computed here is kept under the same insert claim as a report's.
 */
export async function warmSummaries(
  store: FeedbackStore,
  now: Date,
  days = SUMMARY_REACH_DAYS,
): Promise<{ feedback: number; interactions: number }> {
  const counts = await createPeriodReader(store, now).counts({
    from: new Date(now.getTime() - days * DAY_MS),
    to: now,
  });
  return { feedback: counts.feedback, interactions: counts.interactions };
}
