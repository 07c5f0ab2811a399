import {
  digestPeriodLabel,
  digestRate,
  digestRateTrend,
  hoursText,
  percent,
  quoted,
} from '../../../src/core/presentation/index.ts';
import type { Digest } from '../../../src/core/views.ts';
import type { SlackMessage } from './answer.ts';
import { clip, escapeMrkdwn, type KnownBlock, plain, SLACK_LIMITS, section } from './text.ts';

const LIST_MAX = 8;

/** A titled bullet list kept within one section: items that do not fit are counted, never dropped silently. */
function listSection(title: string, items: string[]): KnownBlock[] {
  if (items.length === 0) return [];
  const limit = SLACK_LIMITS.sectionText - 60;
  let text = `*${title}*`;
  let shown = 0;
  for (const item of items.slice(0, LIST_MAX)) {
    if (text.length + item.length + 1 > limit) break;
    text += `\n${item}`;
    shown += 1;
  }
  if (shown < items.length) text += `\n_…and ${items.length - shown} more_`;
  return [section(text)];
}

/** The shared rate-and-change wording (e.g. "77% (▲ 7 pts vs 70%)"); only the bold labels are Slack's. */
function trendLine(d: Digest): string {
  return `*Positive rate:* ${digestRateTrend(d)}\n*Trend:* ${escapeMrkdwn(d.sparkline || '—')}`;
}

/** The fallback's rate: none for a period without votes (its stored 0 is no rate at all). */
function summaryOf(d: Digest): string {
  if (d.empty) return 'no feedback';
  const rate = digestRate(d);
  return `${d.totals.feedback} feedback, ${rate === null ? 'no votes' : `${percent(rate)} positive`}`;
}

/** The weekly insight digest as Block Kit, within Slack's limits (≤ 50 blocks, sections ≤ 3000). */
export function digestMessage(d: Digest): SlackMessage {
  // The period's days in the digest's own zone (DIGEST_TZ), as every platform labels them.
  const title = `📊 heed digest · ${digestPeriodLabel(d)}`;
  const blocks: KnownBlock[] = [{ type: 'header', text: plain(title) }];
  if (d.empty) {
    blocks.push(section('No feedback was recorded in this period.'));
  } else {
    const t = d.totals;
    blocks.push({
      type: 'section',
      fields: [
        { type: 'mrkdwn', text: `*Answers*\n${t.interactions}` },
        { type: 'mrkdwn', text: `*Feedback*\n${t.feedback}` },
        { type: 'mrkdwn', text: `*👍 / 👎*\n${t.up} / ${t.down}` },
        { type: 'mrkdwn', text: `*Corrections · ratings*\n${t.corrections} · ${t.ratings}` },
      ],
    });
    blocks.push(section(trendLine(d)));
    blocks.push(
      ...listSection(
        'By platform',
        d.byPlatform.map(
          (p) => `• ${escapeMrkdwn(p.platform)}: ${p.feedback} feedback, ${percent(p.positiveRate)} positive`,
        ),
      ),
      ...listSection(
        'Common issues',
        d.commonIssues.map(
          (i) =>
            `• ${escapeMrkdwn(clip(i.representative, 200))} — ${i.frequency}×${i.samples[0] ? ` (e.g. ${escapeMrkdwn(quoted(i.samples[0], 120))})` : ''}`,
        ),
      ),
      ...listSection(
        'Corrections',
        d.corrections.map(
          (c) =>
            `• ${escapeMrkdwn(clip(c.question, 120))} → ${escapeMrkdwn(clip(c.text, 200))}${c.userName ? ` — ${escapeMrkdwn(c.userName)}` : ''} _(${c.status})_`,
        ),
      ),
      ...listSection(
        'Opportunities',
        d.opportunities.map((o) => `• ${escapeMrkdwn(clip(o.description, 250))}`),
      ),
    );
  }
  const r = d.reviewStats;
  const median = hoursText(r.medianHoursToResolve);
  blocks.push({
    type: 'context',
    elements: [
      {
        type: 'mrkdwn',
        text: `Reviews: ${r.opened} opened · ${r.resolved} resolved · ${r.open} open · median time to resolve ${median} · period ${escapeMrkdwn(d.periodKey)}`,
      },
    ],
  });
  return { text: `${title}: ${summaryOf(d)}`, blocks: blocks.slice(0, SLACK_LIMITS.blocksPerMessage) };
}
