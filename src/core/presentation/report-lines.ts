/**
 * Lines of the two plain-text reports, the digest's text and `heed insights`: one wording for what both
 * show (platforms, common issues, the time to resolve, numbered lists).
 */
import { hoursText } from './duration.ts';
import { percent } from './percent.ts';

/** e.g. "By platform: slack 3 (67% 👍) · discord 1 (— 👍)". */
export function byPlatformLine(
  platforms: readonly { platform: string; feedback: number; positiveRate: number | null }[],
): string {
  return `By platform: ${platforms.map((p) => `${p.platform} ${p.feedback} (${percent(p.positiveRate)} 👍)`).join(' · ')}`;
}

/** e.g. “How do I reset my password?” ×3 — “link expired”, “wrong page” (the comments only when there are some). */
export function commonIssueLine(issue: {
  representative: string;
  frequency: number;
  samples: readonly string[];
}): string {
  const comments = issue.samples.length ? ` — ${issue.samples.map((s) => `“${s}”`).join(', ')}` : '';
  return `“${issue.representative}” ×${issue.frequency}${comments}`;
}

/** e.g. ", median 5.5 h to resolve" after the review counts; "" when no review was resolved. */
export function medianToResolve(hours: number | null): string {
  return hours === null ? '' : `, median ${hoursText(hours)} to resolve`;
}

/** A list's items as indented, numbered lines: "  1. …", "  2. …". */
export function numberedLines(items: readonly string[]): string[] {
  return items.map((item, i) => `  ${i + 1}. ${item}`);
}
