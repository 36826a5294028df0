// A cron schedule parser that behaves like robfig/cron v3.0.1 `ParseStandard`, which the
// API server uses to validate spec.schedule and the CronJob controller uses to compute times:
// five fields (minute hour day-of-month month day-of-week), `@` descriptors, `@every <duration>`,
// and an optional `TZ=`/`CRON_TZ=` prefix. Error texts are upstream's, word for word.

import { goQuote } from '../validate/field.ts';
import { parseGoDuration } from './go-duration.ts';
import { loadLocation } from './time-zone.ts';

/** One field: the bit set as upstream keeps it (bit 63 marks a `*`), plus its values. */
export interface CronField {
  readonly bits: bigint;
  /** The field was `*` or `?` (without a step above 1): matters for the day-of-month/week rule. */
  readonly star: boolean;
  /** The values that match, ascending. */
  readonly values: readonly number[];
}

export interface SpecSchedule {
  readonly kind: 'spec';
  readonly second: CronField;
  readonly minute: CronField;
  readonly hour: CronField;
  readonly dom: CronField;
  readonly month: CronField;
  readonly dow: CronField;
  /** The zone from a TZ=/CRON_TZ= prefix ('UTC', an IANA name), or 'Local' when there was none. */
  readonly location: string;
}

export interface EverySchedule {
  readonly kind: 'every';
  /** The fixed delay, whole seconds, at least 1 (ConstantDelaySchedule). */
  readonly delaySeconds: number;
  readonly location: string;
}

export type CronSchedule = SpecSchedule | EverySchedule;
export type ScheduleResult = { ok: true; schedule: CronSchedule } | { ok: false; error: string };

interface Bounds {
  min: number;
  max: number;
  names?: Record<string, number>;
}

const SECONDS: Bounds = { min: 0, max: 59 };
const MINUTES: Bounds = { min: 0, max: 59 };
const HOURS: Bounds = { min: 0, max: 23 };
const DOM: Bounds = { min: 1, max: 31 };
const MONTHS: Bounds = {
  min: 1,
  max: 12,
  names: { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 },
};
const DOW: Bounds = { min: 0, max: 6, names: { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 } };

const STAR_BIT = 1n << 63n;

class CronError extends Error {}

function field(bits: bigint): CronField {
  const values: number[] = [];
  for (let i = 0; i < 63; i++) if ((bits >> BigInt(i)) & 1n) values.push(i);
  return { bits, star: (bits & STAR_BIT) !== 0n, values };
}

function getBits(min: number, max: number, step: number): bigint {
  let bits = 0n;
  for (let i = min; i <= max; i += step) bits |= 1n << BigInt(i);
  return bits;
}

function all(r: Bounds): bigint {
  return getBits(r.min, r.max, 1) | STAR_BIT;
}

/** strconv.Atoi, then the non-negative rule of mustParseInt. */
function mustParseInt(expr: string): number {
  if (!/^[+-]?[0-9]+$/.test(expr))
    throw new CronError(`failed to parse int from ${expr}: strconv.Atoi: parsing ${goQuote(expr)}: invalid syntax`);
  const n = BigInt(expr);
  if (n > 9223372036854775807n || n < -9223372036854775808n)
    throw new CronError(`failed to parse int from ${expr}: strconv.Atoi: parsing ${goQuote(expr)}: value out of range`);
  if (n < 0n) throw new CronError(`negative number (${n}) not allowed: ${expr}`);
  return Number(n);
}

function parseIntOrName(expr: string, names?: Record<string, number>): number {
  const named = names?.[expr.toLowerCase()];
  if (named !== undefined) return named;
  return mustParseInt(expr);
}

/** getRange: `*`, `?`, `N`, `A-B`, each with an optional `/step`. */
function getRange(expr: string, r: Bounds): bigint {
  const rangeAndStep = expr.split('/');
  const lowAndHigh = rangeAndStep[0]!.split('-');
  const singleDigit = lowAndHigh.length === 1;
  let start: number;
  let end: number;
  let step: number;
  let extra = 0n;
  if (lowAndHigh[0] === '*' || lowAndHigh[0] === '?') {
    start = r.min;
    end = r.max;
    extra = STAR_BIT;
  } else {
    start = parseIntOrName(lowAndHigh[0]!, r.names);
    if (lowAndHigh.length === 1) end = start;
    else if (lowAndHigh.length === 2) end = parseIntOrName(lowAndHigh[1]!, r.names);
    else throw new CronError(`too many hyphens: ${expr}`);
  }
  if (rangeAndStep.length === 1) step = 1;
  else if (rangeAndStep.length === 2) {
    step = mustParseInt(rangeAndStep[1]!);
    // "N/step" means "N-max/step"
    if (singleDigit) end = r.max;
    if (step > 1) extra = 0n;
  } else throw new CronError(`too many slashes: ${expr}`);
  if (start < r.min) throw new CronError(`beginning of range (${start}) below minimum (${r.min}): ${expr}`);
  if (end > r.max) throw new CronError(`end of range (${end}) above maximum (${r.max}): ${expr}`);
  if (start > end) throw new CronError(`beginning of range (${start}) beyond end of range (${end}): ${expr}`);
  if (step === 0) throw new CronError(`step of range should be a positive number: ${expr}`);
  return getBits(start, end, step) | extra;
}

function getField(text: string, r: Bounds): bigint {
  let bits = 0n;
  // strings.FieldsFunc drops empty parts, so "1,,2" is fine and "," selects nothing
  for (const expr of text.split(',').filter((p) => p !== '')) bits |= getRange(expr, r);
  return bits;
}

/** Go's strings.Fields: split on Unicode white space, dropping empty parts. */
const GO_SPACE = /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/;

function goFields(s: string): string[] {
  return s.split(GO_SPACE).filter((p) => p !== '');
}

function descriptor(spec: string, location: string): CronSchedule {
  const fixed = (second: bigint, minute: bigint, hour: bigint, dom: bigint, month: bigint, dow: bigint): CronSchedule => ({
    kind: 'spec',
    second: field(second),
    minute: field(minute),
    hour: field(hour),
    dom: field(dom),
    month: field(month),
    dow: field(dow),
    location,
  });
  switch (spec) {
    case '@yearly':
    case '@annually':
      return fixed(1n, 1n, 1n, 1n << 1n, 1n << 1n, all(DOW));
    case '@monthly':
      return fixed(1n, 1n, 1n, 1n << 1n, all(MONTHS), all(DOW));
    case '@weekly':
      return fixed(1n, 1n, 1n, all(DOM), all(MONTHS), 1n);
    case '@daily':
    case '@midnight':
      return fixed(1n, 1n, 1n, all(DOM), all(MONTHS), all(DOW));
    case '@hourly':
      return fixed(1n, 1n, all(HOURS), all(DOM), all(MONTHS), all(DOW));
  }
  const every = '@every ';
  if (spec.startsWith(every)) {
    const d = parseGoDuration(spec.slice(every.length));
    if (!d.ok) throw new CronError(`failed to parse duration ${spec}: ${d.error}`);
    // Every(): at least one second, fractions of a second dropped
    const seconds = d.nanoseconds < 1000000000n ? 1 : Number(d.nanoseconds / 1000000000n);
    return { kind: 'every', delaySeconds: seconds, location };
  }
  throw new CronError(`unrecognized descriptor: ${spec}`);
}

export function parseStandard(input: string): ScheduleResult {
  try {
    return { ok: true, schedule: parse(input) };
  } catch (e) {
    if (e instanceof CronError) return { ok: false, error: e.message };
    throw e;
  }
}

function parse(input: string): CronSchedule {
  let spec = input;
  if (spec.length === 0) throw new CronError('empty spec string');
  let location = 'Local';
  if (spec.startsWith('TZ=') || spec.startsWith('CRON_TZ=')) {
    const i = spec.indexOf(' ');
    const eq = spec.indexOf('=');
    // upstream slices spec[eq+1:i] and panics when there is no space
    if (i < 0) throw new CronError('runtime error: slice bounds out of range [:-1]');
    const name = spec.slice(eq + 1, i);
    const loc = loadLocation(name);
    if (!loc.ok) throw new CronError(`provided bad location ${name}: ${loc.error}`);
    location = loc.name;
    spec = spec.slice(i).trim();
  }
  if (spec.startsWith('@')) return descriptor(spec, location);
  const fields = goFields(spec);
  if (fields.length !== 5) throw new CronError(`expected exactly 5 fields, found ${fields.length}: [${fields.join(' ')}]`);
  const second = getField('0', SECONDS);
  const minute = getField(fields[0]!, MINUTES);
  const hour = getField(fields[1]!, HOURS);
  const dom = getField(fields[2]!, DOM);
  const month = getField(fields[3]!, MONTHS);
  const dow = getField(fields[4]!, DOW);
  return {
    kind: 'spec',
    second: field(second),
    minute: field(minute),
    hour: field(hour),
    dom: field(dom),
    month: field(month),
    dow: field(dow),
    location,
  };
}

/** dayMatches: if either day field is a star both must match, otherwise either may. */
export function dayMatches(schedule: SpecSchedule, dayOfMonth: number, dayOfWeek: number): boolean {
  const domMatch = schedule.dom.values.includes(dayOfMonth);
  const dowMatch = schedule.dow.values.includes(dayOfWeek);
  if (schedule.dom.star || schedule.dow.star) return domMatch && dowMatch;
  return domMatch || dowMatch;
}
