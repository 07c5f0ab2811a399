import { describe, expect, it } from 'vitest';
import {
  periodEndingAt,
  periodKey,
  periodsEndingWith,
  previousRange,
} from '../../../src/core/insights/period.ts';
import { sparkline } from '../../../src/core/insights/sparkline.ts';
import {
  localToInstants,
  localToUtc,
  shiftLocalDays,
  zonedParts,
} from '../../../src/core/insights/zoned-time.ts';

const at = (iso: string) => new Date(iso);
const HOUR = 3_600_000;

describe('wall-clock time in a zone', () => {
  it('reads the local time of an instant', () => {
    expect(zonedParts(at('2026-10-26T08:00:00Z'), 'Europe/Berlin')).toEqual({
      year: 2026,
      month: 10,
      day: 26,
      hour: 9,
      minute: 0,
      second: 0,
    });
  });

  it('finds no instant in a spring-forward gap and two in a fall-back overlap', () => {
    const t = { year: 2026, month: 3, day: 29, hour: 2, minute: 30, second: 0 };
    expect(localToInstants(t, 'Europe/Berlin')).toEqual([]);
    expect(localToUtc(t, 'Europe/Berlin')).toEqual(at('2026-03-29T01:00:00Z')); // 03:00 CEST, right after the gap
    expect(localToInstants({ ...t, month: 10, day: 25 }, 'Europe/Berlin')).toEqual([
      at('2026-10-25T00:30:00Z'),
      at('2026-10-25T01:30:00Z'),
    ]);
  });

  it('shifts by calendar days keeping the wall-clock time', () => {
    expect(shiftLocalDays(at('2026-10-26T08:00:00Z'), -7, 'Europe/Berlin')).toEqual(
      at('2026-10-19T07:00:00Z'),
    );
    expect(shiftLocalDays(at('2026-03-09T13:00:00Z'), -7, 'America/New_York')).toEqual(
      at('2026-03-02T14:00:00Z'),
    );
  });
});

describe('digest periods', () => {
  it('names a period after its fire time in the schedule zone', () => {
    expect(periodKey(at('2026-10-26T08:00:00Z'), 'Europe/Berlin')).toBe('2026-10-26T09:00');
    expect(periodKey(at('2026-10-26T08:00:00Z'), 'UTC')).toBe('2026-10-26T08:00');
    expect(periodKey(at('2026-10-26T08:00:30Z'), 'UTC')).toBe('2026-10-26T08:00:30');
  });

  it('a week across the October change is 169 hours, across the March change (US) 167', () => {
    const berlin = periodEndingAt(at('2026-10-26T08:00:00Z'), 'Europe/Berlin');
    expect(berlin).toEqual({
      from: at('2026-10-19T07:00:00Z'),
      to: at('2026-10-26T08:00:00Z'),
      key: '2026-10-26T09:00',
    });
    expect(berlin.to.getTime() - berlin.from.getTime()).toBe(169 * HOUR);
    const ny = periodEndingAt(at('2026-03-09T13:00:00Z'), 'America/New_York');
    expect(ny.to.getTime() - ny.from.getTime()).toBe(167 * HOUR);
    expect(ny.key).toBe('2026-03-09T09:00');
  });

  it('eight trend periods are back to back, oldest first, each starting Monday 09:00 local', () => {
    const period = periodEndingAt(at('2026-11-02T08:00:00Z'), 'Europe/Berlin');
    const windows = periodsEndingWith(period, 8, 'Europe/Berlin');
    expect(windows).toHaveLength(8);
    expect(windows[7]).toEqual({ from: period.from, to: period.to });
    for (let i = 1; i < windows.length; i++) expect(windows[i]!.from).toEqual(windows[i - 1]!.to);
    for (const w of windows)
      expect(zonedParts(w.from, 'Europe/Berlin')).toMatchObject({ hour: 9, minute: 0 });
    expect(windows[0]!.from).toEqual(at('2026-09-07T07:00:00Z'));
  });

  it('the previous range has the same length and ends where the range starts', () => {
    expect(previousRange({ from: at('2026-01-08T00:00:00Z'), to: at('2026-01-15T00:00:00Z') })).toEqual({
      from: at('2026-01-01T00:00:00Z'),
      to: at('2026-01-08T00:00:00Z'),
    });
  });
});

describe('sparkline', () => {
  it('draws rates on an absolute scale and gaps for periods without votes', () => {
    expect(sparkline([0, 1 / 7, 2 / 7, 3 / 7, 4 / 7, 5 / 7, 6 / 7, 1])).toBe('▁▂▃▄▅▆▇█');
    expect(sparkline([null, 0.5, null])).toBe('·▅·');
    expect(sparkline([])).toBe('');
  });
});
