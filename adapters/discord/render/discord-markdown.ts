import { escapeMarkdown } from 'discord.js';

/**
 * An answer (Markdown, as LLMs write it) for Discord, which renders Markdown itself: passed through,
 * except what could abuse it. Mentions (@everyone, @here, <@id>, <@&role>, <#channel>, </command:id>)
 * get a zero-width space so they neither ping (allowed_mentions is empty anyway) nor show as a
 * mention; masked links go only to http(s) and never show a URL-looking label over another target.
 */
const ZWSP = '\u200b';
const MASKED_LINK = /\[([^[\]\n]*)\]\(\s*<?([^()\s<>]*)>?(?:\s+(?:"[^"\n]*"|'[^'\n]*'))?\s*\)/g;
const URLISH = /^\s*(?:[a-z][a-z0-9+.-]*:\/\/|www\.)|^\s*[\w-]+(?:\.[\w-]+)+(?:[/:?#]|\s*$)/i;

function httpUrl(raw: string): URL | null {
  try {
    const url = new URL(raw);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}

function sameTarget(label: string, url: URL): boolean {
  const shown = httpUrl(label.trim()) ?? httpUrl(`https://${label.trim()}`);
  return shown !== null && shown.host === url.host;
}

/** People's own words (questions, comments, corrections, notes) as plain text: no markup, no mentions. */
export function userText(text: string): string {
  return neutralizeMentions(escapeMarkdown(text));
}

function neutralizeMentions(text: string): string {
  return text
    .replace(/@(everyone|here)\b/gi, `@${ZWSP}$1`)
    .replace(/<(@[!&]?\d+|#\d+|\/[\w -]+:\d+)>/g, `<${ZWSP}$1>`);
}

export function toDiscordMarkdown(markdown: string): string {
  const links = markdown.replace(MASKED_LINK, (whole, label: string, target: string) => {
    const url = httpUrl(target);
    // Not http(s) (javascript:, data:, a relative path…): the label alone, as text.
    if (!url) return label.replace(/[[\]]/g, '\\$&') || whole.replace(/[[\]()]/g, '\\$&');
    if (URLISH.test(label) && !sameTarget(label, url)) return `${label} (<${url.href}>)`;
    return `[${label}](${url.href})`;
  });
  // Whatever still looks like a masked link (a target the pattern above did not take, e.g. with
  // parentheses) points elsewhere than http(s): its brackets are escaped, so it shows as text.
  const rest = links.replace(/\[([^[\]\n]*)\]\((?!\s*<?https?:\/\/)/gi, '\\[$1\\](');
  return neutralizeMentions(rest);
}
