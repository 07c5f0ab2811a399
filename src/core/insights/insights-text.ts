import { localDateTime } from '../presentation/dates.ts';
import { percent as pct } from '../presentation/percent.ts';
import { plural } from '../presentation/plural.ts';
import {
  byPlatformLine,
  commonIssueLine,
  medianToResolve,
  numberedLines,
} from '../presentation/report-lines.ts';
import { signedPoints } from '../presentation/trend.ts';
import type { Insights } from './types.ts';

const when = (d: Date) => localDateTime(d, 'UTC');

function list(lines: string[], title: string, items: string[]): void {
  lines.push(`${title}:${items.length === 0 ? ' none' : ''}`);
  lines.push(...numberedLines(items));
}

/** Human-readable insights for `heed insights` (times in UTC). */
export function renderInsightsText(i: Insights): string {
  const lines = [`heed insights ${when(i.range.from)} – ${when(i.range.to)} UTC`];
  lines.push(
    `Answers: ${i.interactions} · Feedback: ${i.feedback} (votes ${i.byKind.vote}, corrections ${i.byKind.correction}, ratings ${i.byKind.rating})`,
  );
  const votes = i.up + i.down;
  const trend =
    i.trend.change === null
      ? 'no votes to compare with'
      : `previous ${pct(i.trend.previousPositiveRate)}, ${signedPoints(i.positiveRate, i.trend.previousPositiveRate)}`;
  lines.push(
    votes === 0
      ? 'Positive rate: no votes'
      : `Positive rate: ${pct(i.positiveRate)} (👍 ${i.up} / 👎 ${i.down}; ${trend})`,
  );
  lines.push(`Average rating: ${i.byKind.rating === 0 ? 'no ratings' : `${i.averageRating} / 5`}`);
  if (i.byPlatform.length > 0) lines.push(byPlatformLine(i.byPlatform));
  list(lines, 'Common issues', i.commonIssues.map(commonIssueLine));
  list(
    lines,
    'Corrections',
    i.corrections.map((c) => `[${c.status}] “${c.question}” → “${c.text}” (${c.userName ?? c.userId})`),
  );
  list(
    lines,
    'Patterns to improve',
    i.opportunities.patterns.map(
      (p) => `“${p.question}”: ${p.negative}/${p.total} negative (score ${p.score})`,
    ),
  );
  list(
    lines,
    'Reviews open > 3 days',
    i.opportunities.staleReviews.map((r) => `“${r.question}” (${plural(r.ageDays, 'day')})`),
  );
  list(
    lines,
    'Corrections waiting for approval',
    i.opportunities.pendingCorrections.map(
      (c) => `“${c.question}” → “${c.text}”${c.count > 1 ? ` (and ${c.count - 1} more)` : ''}`,
    ),
  );
  const r = i.reviews;
  lines.push(
    `Reviews: ${r.opened} opened, ${r.resolved} resolved (${r.dismissed} dismissed), ${r.open} open${medianToResolve(r.medianHoursToResolve)}`,
  );
  return lines.join('\n');
}
