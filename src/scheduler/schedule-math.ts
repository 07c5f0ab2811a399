import { CronDate, CronExpressionParser } from 'cron-parser';
import cron from 'node-cron';

/** How far back a fire time is looked for: five years covers even "29 February". */
const LOOK_BACK_MS = 5 * 366 * 86_400_000;
/** DST moves wall clocks by at most a few hours: a repeated wall-clock time has its twin this close. */
const TWIN_WINDOW_MS = 3 * 3_600_000;
const MIN_MS = 60_000;

const offsetAt = (ms: number, timeZone: string) => new CronDate(ms, timeZone).getUTCOffset();
/** The wall-clock time of an instant in its zone, written as if it were UTC (equal for both twins). */
const wallMs = (ms: number, timeZone: string) => ms + offsetAt(ms, timeZone) * MIN_MS;

/**
 * Whether node-cron fires a wall-clock time at `ms`. Only a time repeated by a fall-back change has a
 * choice: node-cron assigns it the instant whose UTC offset is the one in force at that wall-clock time
 * read as UTC (its localTimeToTimestamp), and never the other.
 */
function assignedInstant(ms: number, timeZone: string): boolean {
  const shift = offsetAt(ms - TWIN_WINDOW_MS, timeZone) - offsetAt(ms + TWIN_WINDOW_MS, timeZone);
  if (shift <= 0) return true;
  const wall = wallMs(ms, timeZone);
  const twin = [ms + shift * MIN_MS, ms - shift * MIN_MS].some((t) => wallMs(t, timeZone) === wall);
  return !twin || offsetAt(ms, timeZone) === offsetAt(wall, timeZone);
}

/**
 * The latest time ≤ `now` at which the cron expression fires in `timeZone`, or null if it never fired in
 * the last five years. cron-parser walks back (time zones and DST included); each candidate is then held
 * to what node-cron, which runs the jobs, does: day-of-month AND day-of-week must both match (node-cron's
 * own matcher decides; cron-parser, like Vixie cron, takes either), and a repeated wall-clock time fires
 * once (see assignedInstant). Times inside a spring-forward gap never fire, in either.
 */
export function previousFire(expression: string, timeZone: string, now: Date): Date | null {
  // prev() is strictly before currentDate, and fire times are whole seconds: start just after `now`.
  const after = new Date(Math.floor(now.getTime() / 1000) * 1000 + 1000);
  const times = CronExpressionParser.parse(expression, { tz: timeZone, currentDate: after });
  const matcher = cron.createTask(expression, () => {}, { timezone: timeZone });
  const horizon = now.getTime() - LOOK_BACK_MS;
  try {
    while (times.hasPrev()) {
      const fire = times.prev().toDate();
      const ms = fire.getTime();
      if (ms < horizon) return null;
      // Near a fall-back change cron-parser can step to an instant after its start: not past yet.
      if (ms > now.getTime()) continue;
      if (matcher.match(fire) && assignedInstant(ms, timeZone)) return fire;
    }
    return null;
  } finally {
    void matcher.destroy();
  }
}

/** Whether previousFire can read the expression (checked at start, next to node-cron's own check). */
export function catchUpReadable(expression: string): boolean {
  try {
    CronExpressionParser.parse(expression);
    return true;
  } catch {
    return false;
  }
}
