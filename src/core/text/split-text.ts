/**
 * Splits a long text into pieces of at most `max` characters whose concatenation is exactly the input
 * (nothing is dropped), preferring paragraph, line and word breaks and never cutting a surrogate pair.
 * `hardCut` may move a forced cut earlier (e.g. Slack: not inside an escaped `&amp;` entity).
 */
export function splitText(
  text: string,
  max: number,
  hardCut?: (window: string, cut: number) => number,
): string[] {
  const parts: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const cut = cutPoint(rest, max, hardCut);
    parts.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  if (rest.length > 0 || parts.length === 0) parts.push(rest);
  return parts;
}

function cutPoint(text: string, max: number, hardCut?: (window: string, cut: number) => number): number {
  const window = text.slice(0, max);
  for (const sep of ['\n\n', '\n', ' ']) {
    const at = window.lastIndexOf(sep);
    if (at >= max / 2) return at + sep.length;
  }
  let cut = hardCut ? hardCut(window, max) : max;
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
  return cut > 0 ? cut : max;
}
