// The cron parser against robfig/cron v3.0.1 ParseStandard: error texts of §5.3 (parser.go format
// strings) and the fields each schedule selects.

import { describe, expect, it } from 'vitest';
import { dayMatches, parseStandard, type SpecSchedule } from '../../../src/engine/cron/parse-schedule.ts';

function spec(s: string): SpecSchedule {
  const r = parseStandard(s);
  if (!r.ok || r.schedule.kind !== 'spec') throw new Error(`${s}: ${r.ok ? 'not a spec schedule' : r.error}`);
  return r.schedule;
}

function error(s: string): string {
  const r = parseStandard(s);
  if (r.ok) throw new Error(`${s} parsed`);
  return r.error;
}

describe('parser errors (§5.3)', () => {
  it.each([
    ['* * * *', 'expected exactly 5 fields, found 4: [* * * *]'],
    ['* * * * * *', 'expected exactly 5 fields, found 6: [* * * * * *]'],
    ['60 * * * *', 'end of range (60) above maximum (59): 60'],
    ['* * 0 * *', 'beginning of range (0) below minimum (1): 0'],
    ['5-3 * * * *', 'beginning of range (5) beyond end of range (3): 5-3'],
    ['foo * * * *', 'failed to parse int from foo: strconv.Atoi: parsing "foo": invalid syntax'],
    ['1-2-3 * * * *', 'too many hyphens: 1-2-3'],
    ['*/2/3 * * * *', 'too many slashes: */2/3'],
    ['@fortnightly', 'unrecognized descriptor: @fortnightly'],
    ['* * * * 7', 'end of range (7) above maximum (6): 7'],
    ['*/0 * * * *', 'step of range should be a positive number: */0'],
    ['', 'empty spec string'],
  ])('%j → %s', (input, message) => {
    expect(error(input)).toBe(message);
  });

  it('reports @every durations that do not parse', () => {
    expect(error('@every x')).toBe('failed to parse duration @every x: time: invalid duration "x"');
    expect(error('@every 5')).toBe('failed to parse duration @every 5: time: missing unit in duration "5"');
  });
});

describe('fields', () => {
  it('expands lists, ranges, steps and names', () => {
    const s = spec('*/15 9-17 * jan,DEC mon-fri');
    expect(s.minute.values).toEqual([0, 15, 30, 45]);
    expect(s.hour.values).toEqual([9, 10, 11, 12, 13, 14, 15, 16, 17]);
    expect(s.month.values).toEqual([1, 12]);
    expect(s.dow.values).toEqual([1, 2, 3, 4, 5]);
    expect(s.second.values).toEqual([0]);
  });

  it('reads N/step as N-max/step', () => {
    expect(spec('50/5 * * * *').minute.values).toEqual([50, 55]);
  });

  it('marks * and ? as stars, but not a star with a step above 1', () => {
    expect(spec('* ? * * *').minute.star).toBe(true);
    expect(spec('* ? * * *').hour.star).toBe(true);
    expect(spec('*/1 * * * *').minute.star).toBe(true);
    expect(spec('*/2 * * * *').minute.star).toBe(false);
  });

  it('knows the descriptors', () => {
    const weekly = spec('@weekly');
    expect([weekly.minute.values, weekly.hour.values, weekly.dow.values]).toEqual([[0], [0], [0]]);
    const yearly = spec('@annually');
    expect([yearly.dom.values, yearly.month.values]).toEqual([[1], [1]]);
    expect(spec('@hourly').hour.values).toHaveLength(24);
  });

  it('parses @every to a whole-second delay of at least one second', () => {
    expect(parseStandard('@every 1h30m')).toEqual({ ok: true, schedule: { kind: 'every', delaySeconds: 5400, location: 'Local' } });
    expect(parseStandard('@every 500ms')).toEqual({ ok: true, schedule: { kind: 'every', delaySeconds: 1, location: 'Local' } });
  });

  it('reads a TZ= prefix', () => {
    expect(spec('CRON_TZ=Europe/Paris 0 9 * * *').location).toBe('Europe/Paris');
    expect(error('TZ=Nowhere/X * * * * *')).toBe('provided bad location Nowhere/X: unknown time zone Nowhere/X');
  });
});

describe('day-of-month vs day-of-week (§5.4)', () => {
  it('ORs the two when neither is a star', () => {
    const s = spec('0 0 13 * 5');
    expect(dayMatches(s, 13, 2)).toBe(true);
    expect(dayMatches(s, 7, 5)).toBe(true);
    expect(dayMatches(s, 7, 2)).toBe(false);
  });

  it('ANDs them when one is a star', () => {
    const s = spec('0 0 * * 5');
    expect(dayMatches(s, 13, 2)).toBe(false);
    expect(dayMatches(s, 13, 5)).toBe(true);
  });
});
