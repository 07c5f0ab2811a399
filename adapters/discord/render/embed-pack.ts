import type { APIEmbed, APIEmbedField } from 'discord.js';
import { clip, DISCORD, embedLength } from './limits.ts';

/** A titled part of a long report; its fields continue in another embed when they do not fit. */
export interface EmbedSection {
  title: string;
  description?: string;
  color?: number;
  fields: APIEmbedField[];
}

/**
 * Lays sections out as embeds within Discord's per-embed limits (25 fields, 256/1024-character
 * field names/values) and groups them into messages of at most 10 embeds and 6000 characters.
 * Nothing is dropped: a section that overflows continues in the next embed.
 */
export function packSections(sections: EmbedSection[]): APIEmbed[][] {
  return groupIntoMessages(sections.flatMap(sectionEmbeds));
}

function sectionEmbeds(s: EmbedSection): APIEmbed[] {
  const start = (continued: boolean): APIEmbed => ({
    title: clip(continued ? `${s.title} (continued)` : s.title, DISCORD.embedTitle),
    ...(!continued && s.description ? { description: clip(s.description, DISCORD.embedDescription) } : {}),
    ...(s.color !== undefined ? { color: s.color } : {}),
    fields: [],
  });
  const embeds = [start(false)];
  for (const raw of s.fields) {
    const field = {
      ...raw,
      name: clip(raw.name.trim() || '—', DISCORD.fieldName),
      value: clip(raw.value.trim() || '—', DISCORD.fieldValue),
    };
    let current = embeds.at(-1)!;
    const full = current.fields!.length >= DISCORD.embedFields;
    if (full || embedLength(current) + field.name.length + field.value.length > DISCORD.embedTotal) {
      current = start(true);
      embeds.push(current);
    }
    current.fields!.push(field);
  }
  return embeds.map((e) => (e.fields!.length === 0 ? withoutFields(e) : e));
}

function withoutFields(e: APIEmbed): APIEmbed {
  const { fields: _fields, ...rest } = e;
  return rest;
}

function groupIntoMessages(embeds: APIEmbed[]): APIEmbed[][] {
  const messages: APIEmbed[][] = [];
  let current: APIEmbed[] = [];
  let total = 0;
  for (const e of embeds) {
    const len = embedLength(e);
    if (
      current.length > 0 &&
      (current.length >= DISCORD.embedsPerMessage || total + len > DISCORD.embedTotal)
    ) {
      messages.push(current);
      current = [];
      total = 0;
    }
    current.push(e);
    total += len;
  }
  if (current.length > 0) messages.push(current);
  return messages;
}
