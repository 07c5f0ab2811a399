import type { APIEmbed, APIEmbedField } from 'discord.js';
import type { Digest } from '../../../src/core/views.ts';
import { type EmbedSection, packSections } from './embed-pack.ts';

const COLOUR = 0x5865f2;
const pct = (rate: number) => `${Math.round(rate * 100)}%`;
const day = (d: Date) => d.toISOString().slice(0, 10);
const quote = (s: string) => `“${s.replace(/\s+/g, ' ').trim()}”`;

/** The weekly digest as messages of embeds, each message within Discord's limits. */
export function digestMessages(d: Digest): APIEmbed[][] {
  const sections: EmbedSection[] = [overview(d)];
  if (d.byPlatform.length > 0)
    sections.push({
      title: 'By platform',
      color: COLOUR,
      fields: d.byPlatform.map((p) => ({
        name: p.platform,
        value: `${p.feedback} feedback · ${pct(p.positiveRate)} positive`,
        inline: true,
      })),
    });
  if (d.commonIssues.length > 0)
    sections.push({
      title: 'Common issues',
      color: COLOUR,
      fields: d.commonIssues.map((c) => ({
        name: c.representative,
        value: [`${c.frequency}×`, ...c.samples.map(quote)].join('\n'),
      })),
    });
  if (d.corrections.length > 0)
    sections.push({
      title: 'Corrections',
      color: COLOUR,
      fields: d.corrections.map((c) => ({
        name: c.question,
        value: `${c.status === 'approved' ? '✅ approved' : '⏳ pending'} — ${quote(c.text)}${c.userName ? ` — ${c.userName}` : ''}`,
      })),
    });
  if (d.opportunities.length > 0)
    sections.push({
      title: 'Improvement opportunities',
      color: COLOUR,
      fields: d.opportunities.map((o, n) => ({
        name: `${n + 1}. (score ${o.score.toFixed(2)})`,
        value: o.description,
      })),
    });
  return packSections(sections);
}

function overview(d: Digest): EmbedSection {
  const title = `Weekly insight digest · ${d.periodKey}`;
  const period = `${day(d.from)} – ${day(d.to)}`;
  if (d.empty)
    return { title, color: COLOUR, description: `${period}\nNo feedback this period.`, fields: [] };
  const prev = d.previousPositiveRate;
  const delta =
    prev === null
      ? 'no previous period'
      : `${d.positiveRate >= prev ? '▲' : '▼'} ${Math.abs(Math.round((d.positiveRate - prev) * 100))} pts vs ${pct(prev)}`;
  const t = d.totals;
  const r = d.reviewStats;
  const fields: APIEmbedField[] = [
    {
      name: 'Feedback',
      value: `${t.feedback} (👍 ${t.up} · 👎 ${t.down} · ✏️ ${t.corrections} · ★ ${t.ratings})`,
    },
    { name: 'Questions answered', value: String(t.interactions), inline: true },
    { name: 'Positive rate', value: `${pct(d.positiveRate)} (${delta})`, inline: true },
    { name: 'Trend', value: d.sparkline || '—', inline: true },
    {
      name: 'Reviews',
      value: `${r.opened} opened · ${r.resolved} resolved · ${r.open} open${r.medianHoursToResolve === null ? '' : ` · median ${r.medianHoursToResolve.toFixed(1)} h to resolve`}`,
    },
  ];
  return { title, color: COLOUR, description: period, fields };
}
