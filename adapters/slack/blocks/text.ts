import type { types } from '@slack/bolt';

export type KnownBlock = types.KnownBlock;
export type View = types.View;

/** Slack's limits that heed renders within (Block Kit reference). */
export const SLACK_LIMITS = {
  sectionText: 3000,
  blocksPerMessage: 50,
  plainTextInput: 3000,
  buttonText: 75,
  modalTitle: 24,
  privateMetadata: 3000,
  /** Fallback `text` of a message with blocks (notifications, screen readers). */
  fallbackText: 3000,
  headerText: 150,
} as const;

/** mrkdwn needs &, < and > escaped; users' and the model's text must never become mentions or links. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Cuts at most `max` characters off the front, preferring a line break, then a space; never inside an entity or a surrogate pair. */
function cutPoint(text: string, max: number): number {
  if (text.length <= max) return text.length;
  const window = text.slice(0, max);
  for (const sep of ['\n\n', '\n', ' ']) {
    const at = window.lastIndexOf(sep);
    if (at >= max / 2) return at + sep.length;
  }
  let cut = max;
  const amp = window.lastIndexOf('&');
  if (amp >= 0 && amp > max - 6 && !window.slice(amp).includes(';')) cut = amp;
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
  return cut > 0 ? cut : max;
}

/** Splits text into chunks of at most `max` characters whose concatenation is exactly the input. */
export function splitText(text: string, max: number): string[] {
  const chunks: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const cut = cutPoint(rest, max);
    chunks.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  if (rest.length > 0 || chunks.length === 0) chunks.push(rest);
  return chunks;
}

/** A short single-line excerpt for fallbacks and list items (marked with … when cut). */
export function clip(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}

export const plain = (text: string, emoji = true) => ({
  type: 'plain_text' as const,
  text: clip(text, 2000) || ' ',
  emoji,
});
export const mrkdwn = (text: string) => ({ type: 'mrkdwn' as const, text });

/** A section with mrkdwn text; callers keep `text` within the section limit. */
export const section = (text: string) => ({ type: 'section' as const, text: mrkdwn(text) });

/** Sections for arbitrary user / model text: escaped, split at the limit, nothing dropped. */
export function textSections(raw: string, prefix = ''): ReturnType<typeof section>[] {
  const escaped = escapeMrkdwn(raw.trim() === '' ? '(empty)' : raw);
  return splitText(escaped, SLACK_LIMITS.sectionText - prefix.length).map((chunk, i) =>
    section(i === 0 ? `${prefix}${chunk}` : chunk),
  );
}

/** `<@U123>` for a Slack user id, else the escaped name. */
export function who(userId: string, name?: string, platform = 'slack'): string {
  if (platform === 'slack' && /^[UW][A-Z0-9]{1,30}$/.test(userId)) return `<@${userId}>`;
  return escapeMrkdwn(name ?? userId);
}
