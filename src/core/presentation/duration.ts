/** Durations given in hours (e.g. the median time to resolve a review), sized for a person to read. */

/** "25 min" under an hour, "5.5 h" (or "5 h": no ".0") under two days, "3 days" beyond; `none` when unknown. */
export function hoursText(hours: number | null, none = '—'): string {
  if (hours === null || !Number.isFinite(hours)) return none;
  if (hours < 1) return `${Math.max(1, Math.round(hours * 60))} min`;
  if (hours < 48) return `${Number(hours.toFixed(1))} h`;
  return `${Math.round(hours / 24)} days`;
}
