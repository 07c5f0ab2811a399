import type { APIEmbed } from 'discord.js';
import { excerpt } from '../../../src/core/presentation/index.ts';

/** Discord's limits that heed's messages, embeds and forms must respect. */
export const DISCORD = {
  content: 2000,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  embedTotal: 6000,
  embedsPerMessage: 10,
  modalTitle: 45,
  label: 45,
  textInput: 4000,
  threadName: 100,
} as const;

/** Mentions in user text stay text: nobody gets pinged by a quoted @everyone. */
export const NO_MENTIONS = { parse: [] as [] };

/**
 * Fits a text into one of the limits above with a visible ellipsis: the shared excerpt rule (never a
 * broken emoji), so Discord cuts where every platform does. Full texts are split instead, see splitText.
 */
export function clip(text: string, max: number): string {
  return excerpt(text, max);
}

export { splitText } from '../../../src/core/text/split-text.ts';

/** The characters Discord counts towards an embed's 6000-character total. */
export function embedLength(e: APIEmbed): number {
  let n = (e.title?.length ?? 0) + (e.description?.length ?? 0);
  n += (e.footer?.text.length ?? 0) + (e.author?.name.length ?? 0);
  for (const f of e.fields ?? []) n += f.name.length + f.value.length;
  return n;
}
