/**
 * Lower-cases text, folds accents ("café" → "cafe") and blanks out chat noise that says nothing about
 * meaning: Slack / Discord mentions, channel links, URLs and custom emoji codes.
 */
export function normalizeText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/<[@#!][^>]*>/g, ' ')
    .replace(/<a?:\w+:\d+>/g, ' ')
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/[’‘`]/g, "'")
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}
