import cron from 'node-cron';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { previousFire } from '../../src/scheduler/schedule-math.ts';

const at = (iso: string) => new Date(iso);

afterEach(() => vi.useRealTimers());

describe('previousFire: the latest scheduled time at or before now', () => {
  it('Monday 09:00 Europe/Berlin across the October DST change (CEST → CET)', () => {
    const cronExpr = '0 9 * * 1';
    // 2026-10-25 is the last Sunday of October: Monday the 19th is CEST (UTC+2), the 26th CET (UTC+1).
    expect(previousFire(cronExpr, 'Europe/Berlin', at('2026-10-28T12:00:00Z'))).toEqual(
      at('2026-10-26T08:00:00Z'),
    );
    expect(previousFire(cronExpr, 'Europe/Berlin', at('2026-10-26T08:00:00Z'))).toEqual(
      at('2026-10-26T08:00:00Z'),
    );
    expect(previousFire(cronExpr, 'Europe/Berlin', at('2026-10-26T07:59:59Z'))).toEqual(
      at('2026-10-19T07:00:00Z'),
    );
    // The hour between 07:00Z and 08:00Z on the 26th is 08:xx local: not yet the fire time.
    expect(previousFire(cronExpr, 'Europe/Berlin', at('2026-10-26T07:30:00Z'))).toEqual(
      at('2026-10-19T07:00:00Z'),
    );
  });

  it('Monday 09:00 America/New_York across the March DST change (EST → EDT)', () => {
    // DST starts Sunday 2026-03-08: Monday the 2nd is EST (UTC−5), the 9th EDT (UTC−4).
    expect(previousFire('0 9 * * 1', 'America/New_York', at('2026-03-10T00:00:00Z'))).toEqual(
      at('2026-03-09T13:00:00Z'),
    );
    expect(previousFire('0 9 * * 1', 'America/New_York', at('2026-03-09T12:59:59Z'))).toEqual(
      at('2026-03-02T14:00:00Z'),
    );
  });

  it('a wall-clock time inside the spring-forward gap never fires', () => {
    // 02:30 does not exist in Berlin on 2026-03-29 (02:00 → 03:00).
    expect(previousFire('30 2 * * *', 'Europe/Berlin', at('2026-03-29T12:00:00Z'))).toEqual(
      at('2026-03-28T01:30:00Z'),
    );
  });

  it('returns null when the schedule never fired in five years (29 February on a Monday)', () => {
    expect(previousFire('0 0 29 2 1', 'UTC', at('2026-06-01T00:00:00Z'))).toBeNull();
  });

  it('day of month and day of week must both match, as in node-cron (Friday the 13th)', () => {
    expect(previousFire('0 0 13 * 5', 'UTC', at('2026-06-01T00:00:00Z'))).toEqual(at('2026-03-13T00:00:00Z'));
  });

  it('leaves no node-cron task behind', () => {
    const before = cron.getTasks().size;
    previousFire('0 9 * * 1', 'UTC', at('2026-06-01T00:00:00Z'));
    expect(cron.getTasks().size).toBe(before);
  });
});

describe('previousFire agrees with the times node-cron itself fires at', () => {
  const cases: [expr: string, tz: string, start: string][] = [
    ['0 9 * * 1', 'Europe/Berlin', '2026-10-01T00:00:00Z'],
    ['0 9 * * 1', 'America/New_York', '2026-02-20T00:00:00Z'],
    ['30 2 * * *', 'Europe/Berlin', '2026-03-26T00:00:00Z'],
    ['30 2 * * *', 'Europe/Berlin', '2026-10-22T00:00:00Z'],
    ['30 1 * * *', 'America/New_York', '2026-10-29T00:00:00Z'],
    ['*/20 1-3 * * *', 'Europe/Berlin', '2026-10-24T00:00:00Z'],
    ['0 0 L * *', 'Asia/Kolkata', '2026-01-15T00:00:00Z'],
    ['15 10 * * 1-5', 'Australia/Sydney', '2026-04-01T00:00:00Z'],
    ['0 9 * * 1#1', 'UTC', '2026-01-01T00:00:00Z'],
    ['0 30 8 * * sun', 'Europe/London', '2026-03-20T00:00:00Z'],
    ['0 0 13 * 5', 'UTC', '2026-01-01T00:00:00Z'],
    ['30 2 * * *', 'Australia/Sydney', '2026-04-01T00:00:00Z'],
    ['*/15 1 * * *', 'Australia/Lord_Howe', '2026-04-03T00:00:00Z'],
    ['*/15 1-2 * * *', 'Australia/Lord_Howe', '2026-10-02T00:00:00Z'],
    ['0 45 2 * * *', 'Pacific/Chatham', '2026-04-03T00:00:00Z'],
  ];
  it.each(cases)('%s in %s', (expr, tz, start) => {
    vi.useFakeTimers({ now: at(start), toFake: ['Date'] });
    const task = cron.createTask(expr, () => {}, { timezone: tz });
    const runs = task.getNextRuns(8);
    void task.destroy();
    vi.useRealTimers();
    runs.forEach((run, i) => {
      expect(previousFire(expr, tz, run)).toEqual(run);
      expect(previousFire(expr, tz, new Date(run.getTime() + 999))).toEqual(run);
      if (i > 0) expect(previousFire(expr, tz, new Date(run.getTime() - 1000))).toEqual(runs[i - 1]);
    });
  });
});
