import { describe, expect, it } from 'vitest';
import {
  addDays,
  daysBetween,
  isLocalDate,
  latestDate,
  localDateIn,
  parseInstant,
} from './zoned-date';

describe('localDateIn', () => {
  it('gives the wall-calendar date of the zone, not of UTC', () => {
    // 06:00 UTC on 1 Oct is 23:00 on 30 Sep in Los Angeles (PDT, UTC−7).
    expect(localDateIn('America/Los_Angeles', '2026-10-01T06:00:00Z')).toBe('2026-09-30');
    expect(localDateIn('America/Los_Angeles', '2026-10-01T07:00:00Z')).toBe('2026-10-01');
    // 15:00 UTC is midnight in Tokyo (UTC+9, no DST).
    expect(localDateIn('Asia/Tokyo', '2026-05-31T14:59:59Z')).toBe('2026-05-31');
    expect(localDateIn('Asia/Tokyo', '2026-05-31T15:00:00Z')).toBe('2026-06-01');
    expect(localDateIn('UTC', '2026-01-01T00:00:00.000Z')).toBe('2026-01-01');
  });

  it('follows daylight saving time', () => {
    // Berlin: UTC+1 in winter, UTC+2 from 29 Mar 2026.
    expect(localDateIn('Europe/Berlin', '2026-01-10T23:00:00Z')).toBe('2026-01-11');
    expect(localDateIn('Europe/Berlin', '2026-07-10T22:00:00Z')).toBe('2026-07-11');
    expect(localDateIn('Europe/Berlin', '2026-07-10T21:59:00Z')).toBe('2026-07-10');
  });

  it('honours an explicit offset in the instant', () => {
    expect(localDateIn('UTC', '2026-03-01T01:00:00+02:00')).toBe('2026-02-28');
  });

  it('refuses instants without a zone and unknown zones', () => {
    expect(() => localDateIn('UTC', '2026-03-01T01:00:00')).toThrow(RangeError);
    expect(() => localDateIn('UTC', '2026-03-01')).toThrow(RangeError);
    expect(() => localDateIn('Mars/Olympus_Mons', '2026-03-01T01:00:00Z')).toThrow(RangeError);
  });
});

describe('calendar arithmetic', () => {
  it('adds days across months, years and leap days', () => {
    expect(addDays('2026-09-30', 30)).toBe('2026-10-30');
    expect(addDays('2026-12-10', 30)).toBe('2027-01-09');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('counts whole days between dates', () => {
    expect(daysBetween('2026-03-02', '2026-04-02')).toBe(31);
    expect(daysBetween('2026-04-02', '2026-03-02')).toBe(-31);
    expect(daysBetween('2026-10-25', '2026-10-26')).toBe(1);
  });

  it('validates dates and picks the latest', () => {
    expect(isLocalDate('2026-02-29')).toBe(false);
    expect(isLocalDate('2028-02-29')).toBe(true);
    expect(isLocalDate('2026-2-1')).toBe(false);
    expect(() => addDays('2026-13-01', 1)).toThrow(RangeError);
    expect(latestDate('2026-01-31', '2027-01-09', '2026-12-31')).toBe('2027-01-09');
  });

  it('parses fractions beyond milliseconds without changing the instant', () => {
    expect(parseInstant('2026-01-01T00:00:00.123456Z')).toBe(Date.UTC(2026, 0, 1, 0, 0, 0, 123));
  });
});
