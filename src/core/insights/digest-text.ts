import type { Digest } from '../views.ts';
import { formatLocal, zonedParts } from './zoned-time.ts';

const pct = (rate: number) => `${Math.round(rate * 100)}%`;
const day = (d: Date, tz: string) => formatLocal(zonedParts(d, tz)).slice(0, 10);

/** Change in percentage points, e.g. "▲ 12 pts", or "" when there is nothing to compare with. */
export function trendArrow(digest: Pick<Digest, 'positiveRate' | 'previousPositiveRate' | 'totals'>): string {
  if (digest.previousPositiveRate === null || digest.totals.up + digest.totals.down === 0) return '';
  const points = Math.round((digest.positiveRate - digest.previousPositiveRate) * 100);
  if (points === 0) return '= 0 pts';
  return `${points > 0 ? '▲' : '▼'} ${Math.abs(points)} pts`;
}

/** Plain-text digest (CLI, logs, and any platform without rich formatting). */
export function renderDigestText(digest: Digest, timezone = 'UTC'): string {
  const lines = [
    `heed digest ${digest.periodKey} (${day(digest.from, timezone)} – ${day(digest.to, timezone)})`,
  ];
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
  if (digest.byPlatform.length > 1)
    lines.push(
      `By platform: ${digest.byPlatform.map((p) => `${p.platform} ${p.feedback} (${pct(p.positiveRate)} 👍)`).join(' · ')}`,
    );
  section(
    lines,
    'Common issues',
    digest.commonIssues.map(
      (i) =>
        `“${i.representative}” ×${i.frequency}${i.samples.length ? ` — ${i.samples.map((s) => `“${s}”`).join(', ')}` : ''}`,
    ),
  );
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
  const median = r.medianHoursToResolve === null ? '' : `, median ${r.medianHoursToResolve} h to resolve`;
  lines.push(`Reviews: ${r.opened} opened, ${r.resolved} resolved, ${r.open} open${median}`);
  return lines.join('\n');
}

function section(lines: string[], title: string, items: string[]): void {
  if (items.length === 0) return;
  lines.push(`${title}:`);
  lines.push(...items.map((item, i) => `  ${i + 1}. ${item}`));
}
