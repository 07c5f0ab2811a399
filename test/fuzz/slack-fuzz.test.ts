import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { testMongoUri } from '../helpers/db.ts';
import { runSlackFuzz } from './slack-fuzz.ts';

// npm test runs a small batch; the bench (or HEED_FUZZ_COUNT=1000) runs the full 1,000.
const COUNT = Number(process.env.HEED_FUZZ_COUNT ?? 200);

describe('fuzzed, correctly signed Slack payloads through the real /slack/events', () => {
  it(`${COUNT} payloads, 10 in flight: none 5xx or left unacknowledged, healthz 200, the database holds exactly what the valid ones wrote`, async () => {
    const report = await runSlackFuzz({ mongoUri: testMongoUri(), count: COUNT, concurrency: 10 });
    if (process.env.HEED_FUZZ_REPORT)
      writeFileSync(process.env.HEED_FUZZ_REPORT, JSON.stringify(report, null, 1));
    expect(report.sent).toBeGreaterThanOrEqual(COUNT);
    expect(report.byKind.vote).toBeGreaterThan(0);
    expect(report.byKind.invalid).toBeGreaterThan(0);
    expect(report.serverErrors).toBe(0);
    expect(report.unacknowledged).toBe(0);
    expect(report.unhandledRejections).toBe(0);
    expect(report.healthz.every((s) => s === 200)).toBe(true);
    expect(report.mismatches).toEqual([]);
    expect(Object.keys(report.statuses).every((s) => ['200', '400', '415'].includes(s))).toBe(true);
  }, 240_000);
});
