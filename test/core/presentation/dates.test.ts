import { describe, expect, it } from 'vitest';
import {
  digestPeriodLabel,
  localDate,
  localDateTime,
  periodLabel,
  shortDateTime,
} from '../../../src/core/presentation/index.ts';

const at = (iso: string) => new Date(iso);

describe('dates in a time zone', () => {
  it('prints the day the instant falls on in the zone, not in UTC', () => {
    const lateSunday = at('2026-11-01T23:30:00Z');
    expect(localDate(lateSunday, 'UTC')).toBe('2026-11-01');
    expect(localDate(lateSunday, 'Europe/Berlin')).toBe('2026-11-02');
    expect(localDate(lateSunday, 'America/Los_Angeles')).toBe('2026-11-01');
    expect(localDate(at('2026-11-02T03:00:00Z'), 'America/Los_Angeles')).toBe('2026-11-01');
  });

  it('prints wall-clock times across a DST change', () => {
    // Berlin leaves summer time on 2026-10-25 at 03:00 local (01:00 UTC).
    expect(localDateTime(at('2026-10-25T00:30:00Z'), 'Europe/Berlin')).toBe('2026-10-25T02:30');
    expect(localDateTime(at('2026-10-25T01:30:00Z'), 'Europe/Berlin')).toBe('2026-10-25T02:30');
    expect(localDateTime(at('2026-10-26T08:00:30Z'), 'UTC')).toBe('2026-10-26T08:00:30');
    expect(shortDateTime(at('2026-11-25T08:05:00Z'), 'Europe/Berlin')).toBe('Nov 25, 09:05');
  });

  it("labels a digest period in the digest's zone, falling back for digests stored without one", () => {
    const from = at('2026-10-25T23:00:00Z');
    const to = at('2026-11-01T23:00:00Z');
    expect(periodLabel(from, to, 'Europe/Berlin')).toBe('2026-10-26 – 2026-11-02');
    expect(periodLabel(from, to, 'UTC')).toBe('2026-10-25 – 2026-11-01');
    expect(digestPeriodLabel({ from, to, timezone: 'Europe/Berlin' })).toBe('2026-10-26 – 2026-11-02');
    expect(digestPeriodLabel({ from, to, periodLabel: 'as stored' })).toBe('as stored');
    expect(digestPeriodLabel({ from, to })).toBe('2026-10-25 – 2026-11-01');
    expect(digestPeriodLabel({ from, to }, 'Europe/Berlin')).toBe('2026-10-26 – 2026-11-02');
    // Stored digests come back from JSON with ISO strings.
    const stored = JSON.parse(JSON.stringify({ from, to, timezone: 'Europe/Berlin' }));
    expect(digestPeriodLabel(stored)).toBe('2026-10-26 – 2026-11-02');
  });
});
