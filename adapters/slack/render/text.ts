import type { types } from '@slack/bolt';
import { excerptLine } from '../../../src/core/presentation/index.ts';
import { splitText as splitCore } from '../../../src/core/text/split-text.ts';

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

/** Splits text into chunks of at most `max` characters whose concatenation is exactly the input; never inside an entity. */
export function splitText(text: string, max: number): string[] {
  return splitCore(text, max, (window, cut) => {
    const amp = window.lastIndexOf('&');
    return amp >= 0 && amp > cut - 6 && !window.slice(amp).includes(';') ? amp : cut;
  });
}

/**
 * A short single-line excerpt for fallbacks and list items: the shared rule (… when cut, never inside an
 * emoji). Plain text: escape it after the cut, so a cut never splits an entity.
 */
export function clip(text: string, max: number): string {
  return excerptLine(text, max);
}

export const plain = (text: string, emoji = true) => ({
  type: 'plain_text' as const,
  text: clip(text, 2000) || ' ',
  emoji,
});
const mrkdwn = (text: string) => ({ type: 'mrkdwn' as const, text });

/** A section with mrkdwn text; callers keep `text` within the section limit. */
export const section = (text: string) => ({ type: 'section' as const, text: mrkdwn(text) });

/**
 * mrkdwn that is already escaped as sections, split at the section limit (never inside an entity),
 * nothing dropped; `prefix` (mrkdwn too) leads the first.
 */
export function mrkdwnSections(text: string, prefix = ''): ReturnType<typeof section>[] {
  return splitText(text, SLACK_LIMITS.sectionText - prefix.length).map((chunk, i) =>
    section(i === 0 ? `${prefix}${chunk}` : chunk),
  );
}

/** Sections for arbitrary user / model text: escaped, split at the limit, nothing dropped. */
export function textSections(raw: string, prefix = ''): ReturnType<typeof section>[] {
  return mrkdwnSections(escapeMrkdwn(raw.trim() === '' ? '(empty)' : raw), prefix);
}

/** `<@U123>` for a Slack user id, else the escaped name. */
export function who(userId: string, name?: string, platform = 'slack'): string {
  if (platform === 'slack' && /^[UW][A-Z0-9]{1,30}$/.test(userId)) return `<@${userId}>`;
  return escapeMrkdwn(name ?? userId);
}
