import cron from 'node-cron';
import {
  addLocalDays,
  type LocalTime,
  wallSeconds,
  weekday,
  zonedParts,
} from '../core/insights/zoned-time.ts';

/** How far back a fire time is looked for: five years covers even "29 February". */
const MAX_DAYS_BACK = 366 * 5;
/** DST moves wall clocks by at most a few hours; candidates further ahead than this are skipped unchecked. */
const SHIFT_MARGIN_S = 3 * 3600;

const offsetMs = (ms: number, timeZone: string) =>
  wallSeconds(zonedParts(new Date(ms), timeZone)) * 1000 - ms;

/**
 * The instant node-cron's own walker assigns to a wall-clock time (same steps as its
 * localTimeToTimestamp): in a fall-back overlap that is one of the two instants, chosen as node-cron
 * does, so this module agrees with when node-cron really fires. Gap times come back unmatched.
 */
export function cronInstant(t: LocalTime, timeZone: string): Date {
  const guess = wallSeconds(t) * 1000;
  const first = offsetMs(guess, timeZone);
  const c1 = guess - first;
  const second = offsetMs(c1, timeZone);
  if (second === first) return new Date(c1);
  const c2 = guess - second;
  const readsBack = (ms: number) => wallSeconds(zonedParts(new Date(ms), timeZone)) === wallSeconds(t);
  if (readsBack(c1)) return new Date(c1);
  if (readsBack(c2)) return new Date(c2);
  return new Date(Math.max(c1, c2));
}

const desc = (values: readonly number[]) => [...values].sort((a, b) => b - a);
const numericSet = (values: readonly (number | string)[]) =>
  values.every((v) => typeof v === 'number') ? new Set(values as number[]) : null;

/**
 * The latest time ≤ `now` at which the cron expression fires in `timeZone`, or null if it never fired in
 * the last five years. node-cron only looks forward, so this walks back over local calendar days and
 * lets node-cron's own matcher decide each candidate (L, W, # and names included): the answer is a time
 * node-cron fires at. Wall-clock times inside a spring-forward gap never match, as in node-cron, and
 * a time repeated by a fall-back change counts once, at the instant node-cron picks.
 */
export function previousFire(expression: string, timeZone: string, now: Date): Date | null {
  const fields = cron.parse(expression);
  const matcher = cron.createTask(expression, () => {}, { timezone: timeZone });
  try {
    const hours = desc(fields.hour);
    const minutes = desc(fields.minute);
    const seconds = desc(fields.second);
    const months = new Set(fields.month);
    const daysOfMonth = numericSet(fields.dayOfMonth);
    const daysOfWeek = numericSet(fields.dayOfWeek);
    const nowLocal = zonedParts(now, timeZone);
    const horizon = wallSeconds(nowLocal) + SHIFT_MARGIN_S;
    // Start a day ahead: near a DST change "now" in wall-clock terms may already be tomorrow's early hours.
    let day: LocalTime = addLocalDays(nowLocal, 1);
    for (let i = 0; i < MAX_DAYS_BACK; i++, day = addLocalDays(day, -1)) {
      if (!months.has(day.month)) continue;
      if (daysOfMonth && !daysOfMonth.has(day.day)) continue;
      if (daysOfWeek && !daysOfWeek.has(weekday(day))) continue;
      for (const hour of hours)
        for (const minute of minutes)
          for (const second of seconds) {
            const t = { year: day.year, month: day.month, day: day.day, hour, minute, second };
            if (wallSeconds(t) > horizon) continue;
            const instant = cronInstant(t, timeZone);
            if (instant <= now && matcher.match(instant)) return instant;
          }
    }
    return null;
  } finally {
    void matcher.destroy();
  }
}
