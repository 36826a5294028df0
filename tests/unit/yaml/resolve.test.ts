import { describe, expect, it } from 'vitest';
import { readManifests } from '../../../src/engine/yaml/index.ts';
import { onlyError, scalar, WRAP } from './helpers.ts';

// Expected values: reference §8.2 (go-yaml v2 resolution table, "JSON from kubectl" column).
describe('plain scalars resolve as go-yaml v2 (YAML 1.1)', () => {
  const cases: Array<[string, unknown]> = [
    // booleans: exact spellings only
    ...['yes', 'Yes', 'YES', 'y', 'Y', 'on', 'On', 'ON', 'true', 'True', 'TRUE'].map((s): [string, unknown] => [s, true]),
    ...['no', 'n', 'N', 'NO', 'No', 'off', 'Off', 'OFF', 'false', 'False', 'FALSE'].map((s): [string, unknown] => [s, false]),
    ['yEs', 'yEs'],
    ['oN', 'oN'],
    ['tRUE', 'tRUE'],
    ['nUll', 'nUll'],
    // null
    ['~', null],
    ['null', null],
    ['Null', null],
    ['NULL', null],
    ['', null],
    // integers: Go base-0 syntax, every underscore removed
    ['0777', 511],
    ['012', 10],
    ['09', 9],
    ['0778', 778],
    ['0o17', 15],
    ['0x10', 16],
    ['0X1F', 31],
    ['0b101', 5],
    ['0B11', 3],
    ['1_000', 1000],
    ['1__0', 10],
    ['1_', 1],
    ['+12', 12],
    ['-0', 0],
    ['18446744073709551615', 18446744073709552000],
    // floats
    ['99999999999999999999999', 1e23],
    ['1e3', 1000],
    ['1E3', 1000],
    ['1.e3', 1000],
    ['1e9', 1000000000],
    ['1.0', 1],
    ['1.5', 1.5],
    ['1e21', 1e21],
    ['.5', 0.5],
    ['-.5', -0.5],
    ['+.5', 0.5],
    // out of float64 range: ParseFloat fails, so the text stays a string
    ['1e400', '1e400'],
    // timestamps and time-like text keep their characters
    ['2024-01-01', '2024-01-01'],
    ['2001-12-14t21:59:43.10-05:00', '2001-12-14t21:59:43.10-05:00'],
    ['2001-12-14 21:59:43.10 -5', '2001-12-14 21:59:43.10 -5'],
    ['2024-1-1', '2024-1-1'],
    ['1:30', '1:30'],
    ['1:30:00', '1:30:00'],
    ['190:20:30', '190:20:30'],
    ['_1', '_1'],
  ];
  for (const [text, expected] of cases) {
    it(`${JSON.stringify(text)} → ${JSON.stringify(expected)}`, () => {
      expect(scalar(text)).toBe(expected);
    });
  }

  it('keeps integers beyond 2^53 exact in numberText and the source in literal', () => {
    const r = readManifests('kind: X\nv: 9007199254740993\nw: 0x1F\nbig: 18446744073709551615\n');
    const d = r.documents[0]!;
    expect(d.numberText(['v'])).toBe('9007199254740993');
    expect(d.literal(['v'])).toBe('9007199254740993');
    expect(d.literal(['w'])).toBe('0x1F');
    expect(d.numberText(['w'])).toBe('31');
    // §8.3: a uint64 beyond int64 is re-encoded by kubectl as a float64.
    expect(d.numberText(['big'])).toBe('18446744073709552000');
  });
});

describe('quoted, block and tagged scalars', () => {
  it('never resolves quoted or block scalars', () => {
    expect(scalar('"yes"')).toBe('yes');
    expect(scalar("'0777'")).toBe('0777');
    expect(scalar('"~"')).toBe('~');
    expect(scalar('|\n  123')).toBe('123\n');
  });

  it('applies explicit core tags with go-yaml checks (§8.2)', () => {
    expect(scalar('!!str 123')).toBe('123');
    expect(scalar('!!str yes')).toBe('yes');
    expect(scalar('!!int "0x1F"')).toBe(31);
    expect(scalar('!!bool "yes"')).toBe(true);
    expect(scalar('!!null ""')).toBe(null);
    // !!float accepts an int.
    expect(scalar('!!float 1')).toBe(1);
    expect(scalar('!!timestamp 2024-01-01')).toBe('2024-01-01');
  });

  it('fails a tag that does not fit, with go-yaml text and no line', () => {
    expect(onlyError('kind: X\nv: !!int abc\n').message).toBe(`${WRAP}yaml: cannot decode !!str \`abc\` as a !!int`);
    expect(onlyError('kind: X\nv: !!bool 1\n').message).toBe(`${WRAP}yaml: cannot decode !!int \`1\` as a !!bool`);
  });

  it('decodes !!binary and rejects bad base64 (§8.4)', () => {
    expect(scalar('!!binary aGVsbG8=')).toBe('hello');
    expect(scalar('!!binary |\n  aGVs\n  bG8=')).toBe('hello');
    expect(onlyError('kind: X\nv: !!binary aGVsbG8\n').message).toBe(`${WRAP}yaml: !!binary value contains invalid base64 data`);
  });

  it('ignores unknown tags: the text stays a string (§8.4)', () => {
    expect(scalar('!foo 123')).toBe('123');
    expect(scalar('!foo bar')).toBe('bar');
    expect(scalar('! 12')).toBe('12');
    expect(scalar('!!python/object:os.system ls')).toBe('ls');
    expect(scalar('!!set {a, b}')).toEqual({ a: null, b: null });
  });
});

describe('values JSON cannot carry (§8.2, §8.3)', () => {
  for (const [text, shown] of [['.inf', '+Inf'], ['-.inf', '-Inf'], ['.nan', 'NaN'], ['+.INF', '+Inf']]) {
    it(`${text} fails the conversion with json: unsupported value: ${shown}`, () => {
      const e = onlyError(`kind: X\nv: ${text}\n`);
      expect(e.message).toBe(`${WRAP}json: unsupported value: ${shown}`);
      expect(e.stage).toBe('syntax');
      expect([e.line, e.column]).toEqual([2, 4]);
    });
  }
});
