import { digestPeriodLabel, periodLabel } from '../presentation/dates.ts';
import { percent as pct } from '../presentation/percent.ts';
import {
  byPlatformLine,
  commonIssueLine,
  medianToResolve,
  numberedLines,
} from '../presentation/report-lines.ts';
import { trendArrow as arrow, digestRate } from '../presentation/trend.ts';
import type { Digest } from '../views.ts';

/** Change in percentage points, e.g. "▲ 12 pts", or "" when there is nothing to compare with. */
function trendArrow(digest: Pick<Digest, 'positiveRate' | 'previousPositiveRate' | 'totals'>): string {
  return arrow(digestRate(digest), digest.previousPositiveRate);
}

/**
 * Plain-text digest (CLI, logs, and any platform without rich formatting). Dates are in `timezone`
 * when given, else in the digest's own zone (DIGEST_TZ when it was built).
 */
export function renderDigestText(digest: Digest, timezone?: string): string {
  const period = timezone ? periodLabel(digest.from, digest.to, timezone) : digestPeriodLabel(digest);
  const lines = [`heed digest ${digest.periodKey} (${period})`];
  if (digest.empty) {
    lines.push('No questions and no feedback this period — nothing to report.');
    return lines.join('\n');
  }
  const t = digest.totals;
  lines.push(
    `Answers: ${t.interactions} · Feedback: ${t.feedback} (👍 ${t.up} · 👎 ${t.down} · ✏️ ${t.corrections} · ⭐ ${t.ratings})`,
  );
  const votes = t.up + t.down;
  const prev =
    digest.previousPositiveRate === null ? 'no votes before' : `previous ${pct(digest.previousPositiveRate)}`;
  lines.push(
    votes === 0
      ? 'Positive rate: no votes this period'
      : `Positive rate: ${pct(digest.positiveRate)} (${prev}${trendArrow(digest) ? `, ${trendArrow(digest)}` : ''})`,
  );
  lines.push(`Trend (${digest.trend.length} periods): ${digest.sparkline}`);
  if (digest.byPlatform.length > 1) lines.push(byPlatformLine(digest.byPlatform));
  section(lines, 'Common issues', digest.commonIssues.map(commonIssueLine));
  section(
    lines,
    'Corrections',
    digest.corrections.map(
      (c) => `[${c.status}] “${c.question}” → “${c.text}”${c.userName ? ` (${c.userName})` : ''}`,
    ),
  );
  section(
    lines,
    'Opportunities',
    digest.opportunities.map((o) => o.description),
  );
  const r = digest.reviewStats;
  lines.push(
    `Reviews: ${r.opened} opened, ${r.resolved} resolved, ${r.open} open${medianToResolve(r.medianHoursToResolve)}`,
  );
  return lines.join('\n');
}

function section(lines: string[], title: string, items: string[]): void {
  if (items.length === 0) return;
  lines.push(`${title}:`);
  lines.push(...numberedLines(items));
}
