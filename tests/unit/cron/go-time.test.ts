// The Go time behaviour cron schedules rest on (§5.5, §5.6 step 6, §5.9): wall clocks in IANA zones,
// time.Date's resolution of DST gaps and overlaps (Go's documented "correct in one of the two zones"), and the
// RFC 3339 / RFC 1123Z layouts the controller writes.
import { describe, expect, it } from 'vitest';
import { formatRfc1123zUtc, formatRfc3339, goDate, wallClock, zoneOffsetSeconds } from '../../../src/engine/cron/go-time.ts';

const sec = (iso: string) => Date.parse(iso) / 1000;

describe('wall clock in a zone', () => {
  it('reads New York in winter and summer, and the weekday', () => {
    expect(wallClock('America/New_York', sec('2026-01-05T15:00:00Z'))).toEqual({ year: 2026, month: 1, day: 5, hour: 10, minute: 0, second: 0, weekday: 1 });
    expect(wallClock('America/New_York', sec('2026-07-04T03:30:15Z'))).toEqual({ year: 2026, month: 7, day: 3, hour: 23, minute: 30, second: 15, weekday: 5 });
    expect(zoneOffsetSeconds('America/New_York', sec('2026-01-05T15:00:00Z'))).toBe(-5 * 3600);
    expect(zoneOffsetSeconds('America/New_York', sec('2026-07-04T03:30:15Z'))).toBe(-4 * 3600);
  });

  it('switches offset exactly at the transition instant', () => {
    // 2026-03-08 02:00 EST = 07:00 UTC
    expect(zoneOffsetSeconds('America/New_York', sec('2026-03-08T06:59:59Z'))).toBe(-5 * 3600);
    expect(zoneOffsetSeconds('America/New_York', sec('2026-03-08T07:00:00Z'))).toBe(-4 * 3600);
    // Lord Howe moves by half an hour
    expect(zoneOffsetSeconds('Australia/Lord_Howe', sec('2026-04-04T14:59:59Z'))).toBe(11 * 3600);
    expect(zoneOffsetSeconds('Australia/Lord_Howe', sec('2026-04-04T15:00:00Z'))).toBe(10.5 * 3600);
  });

  it('treats Local as the controller-manager zone, UTC', () => {
    expect(wallClock('Local', sec('2026-01-05T15:00:00Z')).hour).toBe(15);
  });
});

describe('time.Date', () => {
  it('places an ordinary wall time', () => {
    expect(goDate('America/New_York', 2026, 1, 5, 10, 0, 0)).toBe(sec('2026-01-05T15:00:00Z'));
  });

  it('normalises overflowing fields as Go does (month 13, day 32, hour 24)', () => {
    expect(goDate('UTC', 2026, 13, 1, 0, 0, 0)).toBe(sec('2027-01-01T00:00:00Z'));
    expect(goDate('UTC', 2026, 1, 32, 0, 0, 0)).toBe(sec('2026-02-01T00:00:00Z'));
    expect(goDate('UTC', 2026, 2, 28, 24, 0, 0)).toBe(sec('2026-03-01T00:00:00Z'));
    expect(goDate('UTC', 2028, 2, 29, 0, 0, 0)).toBe(sec('2028-02-29T00:00:00Z'));
  });

  it('a wall time in the spring-forward gap takes the new offset: 02:30 → 01:30 EST', () => {
    expect(goDate('America/New_York', 2026, 3, 8, 2, 30, 0)).toBe(sec('2026-03-08T06:30:00Z'));
  });

  it('a wall time in the fall-back overlap is the first one (EDT) in New York', () => {
    expect(goDate('America/New_York', 2026, 11, 1, 1, 30, 0)).toBe(sec('2026-11-01T05:30:00Z'));
  });

  it('a zone at offset 0 at the wall time read as UTC is not re-checked (London)', () => {
    // 01:30 on 2026-03-29 does not exist in London; read as UTC it is already BST, the re-check gives GMT
    expect(goDate('Europe/London', 2026, 3, 29, 1, 30, 0)).toBe(sec('2026-03-29T01:30:00Z'));
    // 01:30 on 2026-10-25 exists twice; read as UTC it is GMT (offset 0), so the second one is taken
    expect(goDate('Europe/London', 2026, 10, 25, 1, 30, 0)).toBe(sec('2026-10-25T01:30:00Z'));
  });
});

describe('layouts', () => {
  it('RFC 3339 in a zone, Z for a zero offset', () => {
    expect(formatRfc3339(Date.parse('2026-01-05T15:00:00Z'), 'America/New_York')).toBe('2026-01-05T10:00:00-05:00');
    expect(formatRfc3339(Date.parse('2026-07-05T14:00:00Z'), 'America/New_York')).toBe('2026-07-05T10:00:00-04:00');
    expect(formatRfc3339(Date.parse('2026-01-05T10:00:00Z'), 'UTC')).toBe('2026-01-05T10:00:00Z');
    expect(formatRfc3339(Date.parse('2026-01-05T10:00:00Z'), 'Europe/London')).toBe('2026-01-05T10:00:00Z');
    expect(formatRfc3339(Date.parse('2026-01-05T10:00:00Z'), 'Asia/Kolkata')).toBe('2026-01-05T15:30:00+05:30');
  });

  it('RFC 1123Z in UTC, as MissSchedule prints it', () => {
    expect(formatRfc1123zUtc(Date.parse('2006-01-02T15:04:05Z'))).toBe('Mon, 02 Jan 2006 15:04:05 +0000');
    expect(formatRfc1123zUtc(Date.parse('2026-01-01T00:05:00Z'))).toBe('Thu, 01 Jan 2026 00:05:00 +0000');
  });
});
