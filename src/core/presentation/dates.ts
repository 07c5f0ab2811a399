import { formatLocal, zonedParts } from '../insights/zoned-time.ts';
import type { Digest } from '../views.ts';

/**
 * Dates as every platform prints them, always in an explicit IANA zone (for digests: DIGEST_TZ, the
 * zone the digest's periods are cut in), so Slack, Discord, the playground and the CLI show the same day.
 */

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number) => String(n).padStart(2, '0');

/** The calendar day `date` falls on in `timeZone`, e.g. "2026-11-02". */
export function localDate(date: Date, timeZone: string): string {
  return formatLocal(zonedParts(date, timeZone)).slice(0, 10);
}

/** Wall-clock date and time in `timeZone`, e.g. "2026-11-02T09:00" (seconds only when not zero). */
export function localDateTime(date: Date, timeZone: string): string {
  return formatLocal(zonedParts(date, timeZone));
}

/** A short wall-clock stamp for people, e.g. "Nov 2, 09:00", in `timeZone`. */
export function shortDateTime(date: Date, timeZone: string): string {
  const t = zonedParts(date, timeZone);
  return `${MONTHS[t.month - 1]} ${t.day}, ${pad(t.hour)}:${pad(t.minute)}`;
}

/** The days a period spans in `timeZone`, e.g. "2026-10-26 – 2026-11-02". */
export function periodLabel(from: Date, to: Date, timeZone: string): string {
  return `${localDate(from, timeZone)} – ${localDate(to, timeZone)}`;
}

/**
 * A digest's period in the digest's own zone. Digests stored before they carried their label or zone
 * are labelled in `fallbackZone` (UTC unless the caller knows DIGEST_TZ).
 */
export function digestPeriodLabel(
  d: Pick<Digest, 'from' | 'to' | 'timezone' | 'periodLabel'>,
  fallbackZone = 'UTC',
): string {
  return d.periodLabel ?? periodLabel(new Date(d.from), new Date(d.to), d.timezone ?? fallbackZone);
}
