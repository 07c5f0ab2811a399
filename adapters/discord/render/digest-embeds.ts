import type { APIEmbed, APIEmbedField } from 'discord.js';
import {
  digestPeriodLabel,
  digestRateTrend,
  hoursText,
  oneLine,
  percent,
} from '../../../src/core/presentation/index.ts';
import type { Digest } from '../../../src/core/views.ts';
import { type EmbedSection, packSections } from './embed-pack.ts';

const COLOUR = 0x5865f2;
/** Whole quotes: a field too long for Discord is cut by the packer, with its ellipsis. */
const quote = (s: string) => `“${oneLine(s)}”`;

/** The weekly digest as messages of embeds, each message within Discord's limits. */
export function digestMessages(d: Digest): APIEmbed[][] {
  const sections = [
    overview(d),
    listSection('By platform', d.byPlatform, (p) => ({
      name: p.platform,
      value: `${p.feedback} feedback · ${percent(p.positiveRate)} positive`,
      inline: true,
    })),
    listSection('Common issues', d.commonIssues, (c) => ({
      name: c.representative,
      value: [`${c.frequency}×`, ...c.samples.map(quote)].join('\n'),
    })),
    listSection('Corrections', d.corrections, (c) => ({
      name: c.question,
      value: `${c.status === 'approved' ? '✅ approved' : '⏳ pending'} — ${quote(c.text)}${c.userName ? ` — ${c.userName}` : ''}`,
    })),
    listSection('Improvement opportunities', d.opportunities, (o, n) => ({
      name: `${n + 1}. (score ${o.score.toFixed(2)})`,
      value: o.description,
    })),
  ];
  return packSections(sections.filter((s): s is EmbedSection => s !== null));
}

/** A section of one field per item; none (null) when there are no items, so no empty heading is posted. */
function listSection<T>(
  title: string,
  items: readonly T[],
  field: (item: T, index: number) => APIEmbedField,
): EmbedSection | null {
  return items.length === 0 ? null : { title, color: COLOUR, fields: items.map(field) };
}

function overview(d: Digest): EmbedSection {
  const title = `Weekly insight digest · ${d.periodKey}`;
  // The days in the digest's own zone (DIGEST_TZ), as every platform labels them.
  const period = digestPeriodLabel(d);
  if (d.empty)
    return { title, color: COLOUR, description: `${period}\nNo feedback this period.`, fields: [] };
  const t = d.totals;
  const r = d.reviewStats;
  const fields: APIEmbedField[] = [
    {
      name: 'Feedback',
      value: `${t.feedback} (👍 ${t.up} · 👎 ${t.down} · ✏️ ${t.corrections} · ★ ${t.ratings})`,
    },
    { name: 'Questions answered', value: String(t.interactions), inline: true },
    { name: 'Positive rate', value: digestRateTrend(d), inline: true },
    { name: 'Trend', value: d.sparkline || '—', inline: true },
    {
      name: 'Reviews',
      value: `${r.opened} opened · ${r.resolved} resolved · ${r.open} open${r.medianHoursToResolve === null ? '' : ` · median ${hoursText(r.medianHoursToResolve)} to resolve`}`,
    },
  ];
  return { title, color: COLOUR, description: period, fields };
}
