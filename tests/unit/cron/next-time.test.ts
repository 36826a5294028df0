// When schedules fire (reference §5.3–§5.5, §5.7). Expected values come from robfig/cron v3's own test tables
// (spec_test.go TestActivation / TestNext, with the seconds field dropped for the five-field parser) and from
// the controller's utils.go rules as the reference restates them.
import { describe, expect, it } from 'vitest';
import { parseStandard, type CronSchedule, type SpecSchedule } from '../../../src/engine/cron/parse-schedule.ts';
import {
  GO_ZERO_TIME_MS,
  mostRecentScheduleTime,
  nextScheduleTime,
  nextScheduleTimeDuration,
  nextTime,
  SCHEDULES_TOO_CLOSE,
  TOO_MANY_MISSED_MESSAGE,
} from '../../../src/engine/cron/next-time.ts';
import { SeededRandom } from '../../../src/engine/clock/random.ts';
import { stepwiseNext } from './robfig-step-reference.ts';

function sched(spec: string): CronSchedule {
  const r = parseStandard(spec);
  if (!r.ok) throw new Error(r.error);
  return r.schedule;
}

/** Go test times: `2012-03-11T00:00:00-0500` (offset without colon) or ISO. */
function at(s: string): number {
  const m = /^(.*)([+-]\d\d)(\d\d)$/.exec(s);
  return Date.parse(m ? `${m[1]}${m[2]}:${m[3]}` : s);
}

function iso(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

describe('Schedule.Next: robfig/cron v3 TestNext', () => {
  const table: [from: string, spec: string, expected: string][] = [
    // simple cases
    ['2012-07-09T14:45:00Z', '0/15 * * * *', '2012-07-09T15:00:00Z'],
    ['2012-07-09T14:59:00Z', '0/15 * * * *', '2012-07-09T15:00:00Z'],
    ['2012-07-09T14:59:59Z', '0/15 * * * *', '2012-07-09T15:00:00Z'],
    // wrap around hours and days
    ['2012-07-09T15:45:00Z', '20-35/15 * * * *', '2012-07-09T16:20:00Z'],
    ['2012-07-09T23:46:00Z', '*/15 * * * *', '2012-07-10T00:00:00Z'],
    ['2012-07-09T23:45:00Z', '20-35/15 * * * *', '2012-07-10T00:20:00Z'],
    ['2012-07-09T23:35:00Z', '20-35/15 1/2 * * *', '2012-07-10T01:20:00Z'],
    ['2012-07-09T23:35:00Z', '20-35/15 10-12 * * *', '2012-07-10T10:20:00Z'],
    ['2012-07-09T23:35:00Z', '20-35/15 1/2 */2 * *', '2012-07-11T01:20:00Z'],
    ['2012-07-09T23:35:00Z', '20-35/15 * 9-20 * *', '2012-07-10T00:20:00Z'],
    ['2012-07-09T23:35:00Z', '20-35/15 * 9-20 Jul *', '2012-07-10T00:20:00Z'],
    // wrap around months (v3: `*/5` is not a star, so day-of-month OR Monday)
    ['2012-07-09T23:35:00Z', '0 0 9 Apr-Oct ?', '2012-08-09T00:00:00Z'],
    ['2012-07-09T23:35:00Z', '0 0 */5 Apr,Aug,Oct Mon', '2012-08-01T00:00:00Z'],
    ['2012-07-09T23:35:00Z', '0 0 */5 Oct Mon', '2012-10-01T00:00:00Z'],
    // wrap around years
    ['2012-07-09T23:35:00Z', '0 0 * Feb Mon', '2013-02-04T00:00:00Z'],
    ['2012-07-09T23:35:00Z', '0 0 * Feb Mon/2', '2013-02-01T00:00:00Z'],
    // wrap around minute, hour, day, month and year
    ['2012-12-31T23:59:45Z', '* * * * *', '2013-01-01T00:00:00Z'],
    // leap year: Feb 29 is found four years on
    ['2012-07-09T23:35:00Z', '0 0 29 Feb ?', '2016-02-29T00:00:00Z'],
  ];
  it.each(table)('after %s, %s → %s', (from, spec, expected) => {
    expect(iso(nextTime(sched(spec), at(from)))).toBe(expected);
  });

  it('returns the zero time for schedules that can never fire (no match within five years)', () => {
    expect(nextTime(sched('0 0 30 Feb ?'), at('2012-07-09T23:35:00Z'))).toBe(GO_ZERO_TIME_MS);
    expect(nextTime(sched('0 0 31 Apr ?'), at('2012-07-09T23:35:00Z'))).toBe(GO_ZERO_TIME_MS);
    expect(iso(GO_ZERO_TIME_MS)).toBe('0001-01-01T00:00:00Z');
  });

  it('fires strictly after the given time, at whole seconds', () => {
    expect(iso(nextTime(sched('* * * * *'), at('2026-01-01T00:00:00Z')))).toBe('2026-01-01T00:01:00Z');
    expect(iso(nextTime(sched('* * * * *'), at('2026-01-01T00:00:00Z') + 100))).toBe('2026-01-01T00:01:00Z');
    expect(iso(nextTime(sched('* * * * *'), at('2026-01-01T00:00:59.999Z')))).toBe('2026-01-01T00:01:00Z');
  });

  it('expands descriptors (§5.3)', () => {
    const from = at('2026-03-15T10:20:00Z'); // a Sunday
    expect(iso(nextTime(sched('@hourly'), from))).toBe('2026-03-15T11:00:00Z');
    expect(iso(nextTime(sched('@daily'), from))).toBe('2026-03-16T00:00:00Z');
    expect(iso(nextTime(sched('@midnight'), from))).toBe('2026-03-16T00:00:00Z');
    expect(iso(nextTime(sched('@weekly'), from))).toBe('2026-03-22T00:00:00Z');
    expect(iso(nextTime(sched('@monthly'), from))).toBe('2026-04-01T00:00:00Z');
    expect(iso(nextTime(sched('@yearly'), from))).toBe('2027-01-01T00:00:00Z');
    expect(iso(nextTime(sched('@annually'), from))).toBe('2027-01-01T00:00:00Z');
  });

  it('@every counts the delay from the start of the current second (ConstantDelaySchedule)', () => {
    expect(iso(nextTime(sched('@every 90m'), at('2026-01-01T00:00:00.500Z')))).toBe('2026-01-01T01:30:00Z');
    expect(iso(nextTime(sched('@every 1m30s'), at('2026-01-01T00:01:30Z')))).toBe('2026-01-01T00:03:00Z');
    // below one second it is one second; fractions of a second are dropped
    expect(iso(nextTime(sched('@every 10ms'), at('2026-01-01T00:00:00Z')))).toBe('2026-01-01T00:00:01Z');
    expect(iso(nextTime(sched('@every 1.5s'), at('2026-01-01T00:00:00Z')))).toBe('2026-01-01T00:00:01Z');
  });
});

describe('day-of-month vs day-of-week (§5.4): robfig/cron v3 TestActivation', () => {
  // Activation: Next(t − 1 s) == t.
  const table: [time: string, spec: string, fires: boolean][] = [
    // both restricted: either may match
    ['2012-07-15T00:00:00Z', '* * 1,15 * Sun', true], // Sunday the 15th
    ['2012-06-15T00:00:00Z', '* * 1,15 * Sun', true], // Friday the 15th
    ['2012-08-01T00:00:00Z', '* * 1,15 * Sun', true], // Wednesday the 1st
    ['2012-07-15T00:00:00Z', '* * */10 * Sun', true], // a stepped star restricts: Sunday matches (robfig #70)
    // one is a star: both must match
    ['2012-07-15T00:00:00Z', '* * * * Mon', false],
    ['2012-07-09T00:00:00Z', '* * 1,15 * *', false],
    ['2012-07-15T00:00:00Z', '* * 1,15 * *', true],
    ['2012-07-15T00:00:00Z', '* * */2 * Sun', true],
    ['2012-07-15T00:00:00Z', '* * ? * Mon', false], // `?` is a star too
    // predefined schedules
    ['2012-07-09T15:00:00Z', '@hourly', true],
    ['2012-07-09T15:04:00Z', '@hourly', false],
    ['2012-07-09T15:00:00Z', '@daily', false],
    ['2012-07-09T00:00:00Z', '@daily', true],
    ['2012-07-09T00:00:00Z', '@weekly', false],
    ['2012-07-08T00:00:00Z', '@weekly', true],
    ['2012-07-08T01:00:00Z', '@weekly', false],
    ['2012-07-08T00:00:00Z', '@monthly', false],
    ['2012-07-01T00:00:00Z', '@monthly', true],
  ];
  it.each(table)('%s %s fires: %s', (time, spec, fires) => {
    expect(nextTime(sched(spec), at(time) - 1000) === at(time)).toBe(fires);
  });

  it('0 0 13 * 5 runs on every 13th and on every Friday; 0 0 * * 5 on Fridays only (§5.4)', () => {
    const runs = (spec: string, n: number) => {
      const out: string[] = [];
      for (let t = at('2026-02-01T00:00:00Z'), i = 0; i < n; i++) out.push(iso((t = nextTime(sched(spec), t))).slice(0, 10));
      return out;
    };
    // February 2026: Fridays 6, 13, 20, 27; March 13 is a Friday too, March 6 is one
    expect(runs('0 0 13 * 5', 5)).toEqual(['2026-02-06', '2026-02-13', '2026-02-20', '2026-02-27', '2026-03-06']);
    expect(runs('0 0 13 * *', 2)).toEqual(['2026-02-13', '2026-03-13']);
    expect(runs('0 0 * * 5', 3)).toEqual(['2026-02-06', '2026-02-13', '2026-02-20']);
  });
});

describe('time zones and DST (§5.5): robfig/cron v3 TestNext, America/New_York', () => {
  const table: [from: string, spec: string, expected: string][] = [
    // EST → EDT on 2012-03-11: 02:00–03:00 does not exist
    ['2012-03-11T00:00:00-0500', 'TZ=America/New_York 30 2 11 Mar ?', '2013-03-11T02:30:00-0400'],
    ['2012-03-11T00:00:00-0500', 'TZ=America/New_York 0 * * * ?', '2012-03-11T01:00:00-0500'],
    ['2012-03-11T01:00:00-0500', 'TZ=America/New_York 0 * * * ?', '2012-03-11T03:00:00-0400'],
    ['2012-03-11T03:00:00-0400', 'TZ=America/New_York 0 * * * ?', '2012-03-11T04:00:00-0400'],
    ['2012-03-11T04:00:00-0400', 'TZ=America/New_York 0 * * * ?', '2012-03-11T05:00:00-0400'],
    ['2012-03-11T01:00:00-0500', 'CRON_TZ=America/New_York 0 * * * ?', '2012-03-11T03:00:00-0400'],
    ['2012-03-11T00:00:00-0500', 'TZ=America/New_York 0 1 * * ?', '2012-03-11T01:00:00-0500'],
    ['2012-03-11T01:00:00-0500', 'TZ=America/New_York 0 1 * * ?', '2012-03-12T01:00:00-0400'],
    // the 2am nightly job is skipped that day
    ['2012-03-11T00:00:00-0500', 'TZ=America/New_York 0 2 * * ?', '2012-03-12T02:00:00-0400'],
    // EDT → EST on 2012-11-04: 01:00–02:00 happens twice
    ['2012-11-04T00:00:00-0400', 'TZ=America/New_York 30 2 04 Nov ?', '2012-11-04T02:30:00-0500'],
    ['2012-11-04T01:45:00-0400', 'TZ=America/New_York 30 1 04 Nov ?', '2012-11-04T01:30:00-0500'],
    ['2012-11-04T00:00:00-0400', 'TZ=America/New_York 0 * * * ?', '2012-11-04T01:00:00-0400'],
    ['2012-11-04T01:00:00-0400', 'TZ=America/New_York 0 * * * ?', '2012-11-04T01:00:00-0500'],
    ['2012-11-04T01:00:00-0500', 'TZ=America/New_York 0 * * * ?', '2012-11-04T02:00:00-0500'],
    // the 1am nightly job runs twice
    ['2012-11-04T00:00:00-0400', 'TZ=America/New_York 0 1 * * ?', '2012-11-04T01:00:00-0400'],
    ['2012-11-04T01:00:00-0400', 'TZ=America/New_York 0 1 * * ?', '2012-11-04T01:00:00-0500'],
    ['2012-11-04T01:00:00-0500', 'TZ=America/New_York 0 1 * * ?', '2012-11-05T01:00:00-0500'],
    ['2012-11-04T00:00:00-0400', 'TZ=America/New_York 0 2 * * ?', '2012-11-04T02:00:00-0500'],
    ['2012-11-04T02:00:00-0500', 'TZ=America/New_York 0 2 * * ?', '2012-11-05T02:00:00-0500'],
    ['2012-11-04T00:00:00-0400', 'TZ=America/New_York 0 3 * * ?', '2012-11-04T03:00:00-0500'],
    ['2012-11-04T03:00:00-0500', 'TZ=America/New_York 0 3 * * ?', '2012-11-05T03:00:00-0500'],
    ['2012-11-04T00:00:00-0400', 'TZ=America/New_York 0 3 3 * ?', '2012-12-03T03:00:00-0500'],
    // a DST change at midnight (robfig #157): São Paulo skipped 2018-11-04 00:00–01:00
    ['2018-10-17T05:00:00-0400', 'TZ=America/Sao_Paulo 0 9 10 * ?', '2018-11-10T06:00:00-0500'],
    ['2018-02-14T05:00:00-0500', 'TZ=America/Sao_Paulo 0 9 22 * ?', '2018-02-22T07:00:00-0500'],
  ];
  it.each(table)('after %s, %s → %s', (from, spec, expected) => {
    expect(nextTime(sched(spec), at(from))).toBe(at(expected));
  });

  it('in 2026: no 02:30 run on March 8 in New York, two 01:30 runs on November 1', () => {
    const runs = (spec: string, from: string, n: number) => {
      const out: string[] = [];
      for (let t = at(from), i = 0; i < n; i++) out.push(iso((t = nextTime(sched(spec), t))));
      return out;
    };
    expect(runs('TZ=America/New_York 30 2 * * *', '2026-03-06T00:00:00Z', 3)).toEqual([
      '2026-03-06T07:30:00Z', // 02:30 EST
      '2026-03-07T07:30:00Z',
      '2026-03-09T06:30:00Z', // 02:30 EDT; March 8 has no 02:30
    ]);
    expect(runs('TZ=America/New_York 30 1 * * *', '2026-10-31T00:00:00Z', 4)).toEqual([
      '2026-10-31T05:30:00Z',
      '2026-11-01T05:30:00Z', // 01:30 EDT
      '2026-11-01T06:30:00Z', // 01:30 EST
      '2026-11-02T06:30:00Z',
    ]);
  });

  it('reads the wall clock of the zone, not UTC (Asia/Kolkata, +05:30)', () => {
    expect(iso(nextTime(sched('TZ=Asia/Kolkata 14 14 * * *'), at('2016-01-03T13:09:03+0530')))).toBe(iso(at('2016-01-03T14:14:00+0530')));
    expect(iso(nextTime(sched('TZ=Asia/Kolkata 0 0 * * *'), at('2026-01-01T00:00:00Z')))).toBe('2026-01-01T18:30:00Z');
  });

  it('takes the same steps as robfig’s one-unit-at-a-time loops', () => {
    const rnd = new SeededRandom(42);
    const specs = ['* * * * *', '*/7 * * * *', '0 * * * *', '30 2 * * *', '30 1 * * *', '15 0 * * *', '0 0 1 * *', '45 23 * * 0', '0 3 */2 * 1', '0 0 29 2 *', '5 4 * 3,11 *'];
    const zones = ['UTC', 'America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'America/Sao_Paulo', 'Asia/Kolkata', 'America/St_Johns'];
    const start = at('2012-01-01T00:00:00Z');
    for (let i = 0; i < 400; i++) {
      const spec = `TZ=${zones[rnd.int(zones.length)]} ${specs[rnd.int(specs.length)]}`;
      const from = start + rnd.int(15 * 365 * 86400) * 1000 + rnd.int(1000);
      const s = sched(spec) as SpecSchedule;
      expect(nextTime(s, from), `${spec} after ${iso(from)}`).toBe(stepwiseNext(s, from));
    }
  });
});

describe('mostRecentScheduleTime (§5.7)', () => {
  const T0 = at('2026-01-01T00:00:00Z');
  const min = 60_000;
  const everyMinute = sched('* * * * *');
  const fresh = { creationMs: T0, lastScheduleMs: null, startingDeadlineSeconds: null };

  it('nothing is due before the first time strictly after creation', () => {
    expect(mostRecentScheduleTime(fresh, T0 + 59_999, everyMinute, true)).toEqual({ earliestMs: T0, mostRecentMs: null, missed: 'none', error: null });
  });

  it('t1 is due between t1 and t2, with nothing counted as missed', () => {
    expect(mostRecentScheduleTime(fresh, T0 + min + 100, everyMinute, true)).toEqual({ earliestMs: T0, mostRecentMs: T0 + min, missed: 'none', error: null });
  });

  it('past t2 only the latest time is returned and the misses are counted as few', () => {
    const r = mostRecentScheduleTime(fresh, T0 + 5 * min + 30_000, everyMinute, true);
    expect(r).toEqual({ earliestMs: T0, mostRecentMs: T0 + 5 * min, missed: 'few', error: null });
  });

  it('more than 100 missed times are many, and the latest time is still returned', () => {
    expect(mostRecentScheduleTime(fresh, T0 + 100 * min, everyMinute, true).missed).toBe('few'); // (100−1)/1 + 1 = 100
    const r = mostRecentScheduleTime(fresh, T0 + 101 * min, everyMinute, true);
    expect(r.missed).toBe('many');
    expect(r.mostRecentMs).toBe(T0 + 101 * min);
    const next = nextScheduleTime(fresh, T0 + 101 * min + 100, everyMinute);
    expect(next).toEqual({ timeMs: T0 + 101 * min, tooManyMissed: true, error: null });
    expect(TOO_MANY_MISSED_MESSAGE).toBe('too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew');
  });

  it('starts from lastScheduleTime when there is one', () => {
    const state = { ...fresh, lastScheduleMs: T0 + 3 * min };
    expect(mostRecentScheduleTime(state, T0 + 3 * min + 500, everyMinute, true).mostRecentMs).toBeNull();
    expect(mostRecentScheduleTime(state, T0 + 4 * min + 500, everyMinute, true).mostRecentMs).toBe(T0 + 4 * min);
  });

  it('startingDeadlineSeconds moves the start to now − deadline, so older misses are ignored', () => {
    const state = { ...fresh, startingDeadlineSeconds: 90 };
    const now = T0 + 500 * min + 30_000;
    const r = mostRecentScheduleTime(state, now, everyMinute, true);
    expect(r.earliestMs).toBe(now - 90_000);
    expect(r.mostRecentMs).toBe(T0 + 500 * min);
    expect(r.missed).toBe('none'); // t1 = 500 min ≤ now < t2 = 501 min
    // without the deadline (the requeue computation) the same state counts 500 misses
    expect(mostRecentScheduleTime(state, now, everyMinute, false).missed).toBe('many');
  });

  it('an hourly schedule missed for a day returns the last full hour', () => {
    const r = mostRecentScheduleTime(fresh, at('2026-01-02T05:10:00Z'), sched('0 * * * *'), true);
    expect(iso(r.mostRecentMs!)).toBe('2026-01-02T05:00:00Z');
    expect(r.missed).toBe('few'); // (29h10m − 1h) / 1h + 1 = 29
  });

  it('finds the right time for irregular schedules (30 6-16/4 * * 1-5) after a long gap', () => {
    const r = mostRecentScheduleTime(fresh, at('2026-01-12T12:00:00Z'), sched('30 6-16/4 * * 1-5'), true); // a Monday
    expect(iso(r.mostRecentMs!)).toBe('2026-01-12T10:30:00Z');
  });

  it('`0 0 30 2 *` never fires: the two next times coincide and the error is returned (§5.4)', () => {
    const r = mostRecentScheduleTime(fresh, T0 + min, sched('0 0 30 2 *'), true);
    expect(r).toEqual({ earliestMs: T0, mostRecentMs: null, missed: 'none', error: 'time difference between two schedules is less than 1 second' });
    expect(SCHEDULES_TOO_CLOSE).toBe('time difference between two schedules is less than 1 second');
    expect(nextScheduleTime(fresh, T0 + min, sched('0 0 30 2 *'))).toEqual({ timeMs: null, tooManyMissed: false, error: SCHEDULES_TOO_CLOSE });
  });

  it('Feb 29 schedules wait for the next leap year', () => {
    const state = { creationMs: at('2026-03-01T00:00:00Z'), lastScheduleMs: null, startingDeadlineSeconds: null };
    const wait = nextScheduleTimeDuration(state, at('2026-03-01T00:00:00Z'), sched('0 0 29 2 *'));
    expect(new Date(at('2026-03-01T00:00:00Z') + wait).toISOString()).toBe('2028-02-29T00:00:00.100Z');
  });
});

describe('nextScheduleTimeDuration (§5.6 step 5)', () => {
  const T0 = at('2026-01-01T00:00:00Z');
  const everyMinute = sched('* * * * *');

  it('aims 100 ms after the next schedule time', () => {
    const state = { creationMs: T0, lastScheduleMs: null, startingDeadlineSeconds: null };
    expect(nextScheduleTimeDuration(state, T0 + 10, everyMinute)).toBe(60_000 + 100 - 10);
    const after = { ...state, lastScheduleMs: T0 + 60_000 };
    expect(nextScheduleTimeDuration(after, T0 + 60_100, everyMinute)).toBe(60_000);
  });

  it('after missed schedules it aims at the time after now', () => {
    const state = { creationMs: T0, lastScheduleMs: null, startingDeadlineSeconds: null };
    // most recent is 00:05 → next after it is 00:06
    expect(nextScheduleTimeDuration(state, T0 + 5 * 60_000 + 30_000, everyMinute)).toBe(30_100);
  });
});
