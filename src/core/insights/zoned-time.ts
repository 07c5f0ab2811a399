/** Wall-clock arithmetic in an IANA time zone with nothing but Intl, so the core stays dependency-free. */

export interface LocalTime {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The wall-clock time `date` shows in `timeZone`. */
export function zonedParts(date: Date, timeZone: string): LocalTime {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(date)) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return {
    year: parts.year!,
    month: parts.month!,
    day: parts.day!,
    hour: parts.hour === 24 ? 0 : parts.hour!,
    minute: parts.minute!,
    second: parts.second!,
  };
}

function asUtc(t: LocalTime): number {
  return Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second);
}

function sameWallTime(a: LocalTime, b: LocalTime): boolean {
  return asUtc(a) === asUtc(b);
}

/**
 * Every instant at which `timeZone` shows the wall-clock time `t`, earliest first: none inside a
 * spring-forward gap, two inside a fall-back overlap, one otherwise.
 */
export function localToInstants(t: LocalTime, timeZone: string): Date[] {
  const guess = asUtc(t);
  const found = new Set<number>();
  // Offsets differ by at most a day; probing the offsets around the guess finds every candidate.
  for (const probe of [guess - 86_400_000, guess, guess + 86_400_000]) {
    const offset = asUtc(zonedParts(new Date(probe), timeZone)) - probe;
    const candidate = guess - offset;
    if (sameWallTime(zonedParts(new Date(candidate), timeZone), t)) found.add(candidate);
  }
  return [...found].sort((a, b) => a - b).map((ms) => new Date(ms));
}

/** The instant for a wall-clock time; in a gap, the first instant after it (as clocks jump forward). */
export function localToUtc(t: LocalTime, timeZone: string): Date {
  const instants = localToInstants(t, timeZone);
  if (instants.length > 0) return instants[0]!;
  for (let minutes = 1; minutes <= 24 * 60; minutes++) {
    const later = localToInstants(addMinutes(t, minutes), timeZone);
    if (later.length > 0) return later[0]!;
  }
  throw new RangeError(`no instant shows ${JSON.stringify(t)} in ${timeZone}`);
}

function addMinutes(t: LocalTime, minutes: number): LocalTime {
  const d = new Date(asUtc(t) + minutes * 60_000);
  return fromUtcFields(d);
}

function fromUtcFields(d: Date): LocalTime {
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
  };
}

/** The same wall-clock time `days` calendar days later (negative: earlier), e.g. "a week before, 09:00". */
export function shiftLocalDays(date: Date, days: number, timeZone: string): Date {
  return localToUtc(addLocalDays(zonedParts(date, timeZone), days), timeZone);
}

function addLocalDays(t: LocalTime, days: number): LocalTime {
  return fromUtcFields(new Date(asUtc(t) + days * 86_400_000));
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** `2026-11-02T09:00` (seconds appended only when not zero). */
export function formatLocal(t: LocalTime): string {
  const base = `${pad(t.year, 4)}-${pad(t.month)}-${pad(t.day)}T${pad(t.hour)}:${pad(t.minute)}`;
  return t.second === 0 ? base : `${base}:${pad(t.second)}`;
}
