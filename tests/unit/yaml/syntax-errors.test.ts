import { describe, expect, it } from 'vitest';
import { readManifests } from '../../../src/engine/yaml/index.ts';
import { only, onlyError, WRAP } from './helpers.ts';

// Texts and line rules: reference §8.5 and §8.6. Scanner errors name the 1-based chunk line of
// the problem, parser errors the 0-based one, and a problem on the chunk's first line prints no
// line. Where the reference gives no example, the expected text follows the go-yaml v2 source
// (scannerc.go / parserc.go) as commented.
const err = (text: string) => onlyError(text).message;

describe('tabs (§8.5)', () => {
  it('rejects a tab before the first token of a line', () => {
    const e = onlyError('kind: X\nspec:\n\tname: x\n');
    expect(e.message).toBe(`${WRAP}yaml: line 3: found character that cannot start any token`);
    expect([e.line, e.column]).toEqual([3, 1]);
  });

  it('accepts a tab after `key:`, between tokens and inside flow collections', () => {
    expect(only('kind: X\na:\tb\n')).toEqual({ kind: 'X', a: 'b' });
    expect(only('kind: X\na: [1,\n\t2]\n')).toEqual({ kind: 'X', a: [1, 2] });
    expect(only('kind: X\na: "x"\t# c\n')).toEqual({ kind: 'X', a: 'x' });
  });

  it('rejects a tab in the indentation of a block scalar', () => {
    expect(err('kind: X\na: |\n  x\n\ty\n')).toBe(`${WRAP}yaml: line 4: found a tab character where an indentation space is expected`);
  });

  it('rejects a tab indenting the line after a plain scalar', () => {
    expect(err('kind: X\na: b\n\tc\n')).toBe(`${WRAP}yaml: line 3: found a tab character that violates indentation`);
  });

  it('counts lines within the chunk: a tab on file line 11 of a chunk starting on line 6 is line 6', () => {
    const text = ['kind: A', 'a: 1', 'b: 2', 'c: 3', '---', 'kind: B', 'spec:', '  a: 1', '  b: 2', '  c:', '\t  d: 1', ''].join('\n');
    const r = readManifests(text);
    expect(r.documents.map((d) => d.value)).toEqual([{ kind: 'A', a: 1, b: 2, c: 3 }]);
    expect(r.errors).toEqual([
      { document: 1, message: `${WRAP}yaml: line 6: found character that cannot start any token`, line: 11, column: 1, stage: 'syntax' },
    ]);
  });
});

describe('scanner errors name the 1-based line (§8.6)', () => {
  it('mapping values in a compact mapping; no line on the first line', () => {
    expect(err('a: b: c\n')).toBe(`${WRAP}yaml: mapping values are not allowed in this context`);
    expect(err('kind: X\na: b: c\n')).toBe(`${WRAP}yaml: line 2: mapping values are not allowed in this context`);
  });

  it('an unterminated quote runs into the end of the stream', () => {
    const e = onlyError('kind: X\nv: "abc\n');
    // The end of the stream is after the last line break: 0-based line 2, printed as line 3.
    expect(e.message).toBe(`${WRAP}yaml: line 3: found unexpected end of stream`);
    expect(e.line).toBe(2); // the file position stays inside the file
  });

  it('a key without `:` at the mapping indentation', () => {
    // scannerc.go: a required simple key that went stale fails when the next line is reached.
    expect(err('kind: X\nb\nc: 2\n')).toBe(`${WRAP}yaml: line 3: could not find expected ':'`);
  });

  it('unknown escapes and misplaced sequence entries', () => {
    expect(err('kind: X\nv: "\\q"\n')).toBe(`${WRAP}yaml: line 2: found unknown escape character`);
    expect(err('kind: X\nv: - a\n')).toBe(`${WRAP}yaml: line 2: block sequence entries are not allowed in this context`);
  });

  it('an implicit key longer than 1024 characters', () => {
    const key = 'k'.repeat(1030);
    // As in the reference: the `:` of a first key is then "not allowed in this context".
    expect(err(`# c\n${key}: v\n`)).toBe(`${WRAP}yaml: line 2: mapping values are not allowed in this context`);
    // A later key at the mapping's indentation is a required key: scannerc.go reports it stale.
    expect(err(`kind: X\n${key}: v\n`)).toBe(`${WRAP}yaml: line 2: could not find expected ':'`);
    expect(only(`kind: X\n${'k'.repeat(1024)}: v\n`)).toMatchObject({ kind: 'X' });
  });
});

describe('parser errors name the 0-based line (§8.6)', () => {
  it('a key less indented than its siblings', () => {
    const e = onlyError('kind: X\nmetadata:\n  name: a\n labels: {}\n');
    expect(e.message).toBe(`${WRAP}yaml: line 3: did not find expected key`);
    expect(e.line).toBe(4);
  });

  it('an unclosed flow sequence', () => {
    expect(err('kind: X\nargs: [a, b\nother: 1\n')).toBe(`${WRAP}yaml: line 2: did not find expected ',' or ']'`);
  });

  it('a mapping after a sequence at the same indentation', () => {
    expect(err('- a\nb: 1\n')).toBe(`${WRAP}yaml: line 1: did not find expected '-' indicator`);
  });

  it('missing node content; no line on the first line', () => {
    expect(err('kind: X\nv: ]\n')).toBe(`${WRAP}yaml: line 1: did not find expected node content`);
    expect(err('v: ]\n')).toBe(`${WRAP}yaml: did not find expected node content`);
  });
});

describe('errors without a line (§8.6)', () => {
  it('control characters stop the file, wherever they are in what go-yaml reads', () => {
    for (const c of ['\u0000', '\u0001', '\u001b', '\u007f', '\ufffe']) {
      const e = onlyError(`kind: X\nv: a${c}b\n`);
      expect(e.message).toBe(`${WRAP}yaml: control characters are not allowed`);
      expect([e.line, e.column]).toEqual([2, 5]);
    }
    // Escapes inside double quotes are fine.
    expect(only('kind: X\nv: "\\x01"\n')).toEqual({ kind: 'X', v: '\u0001' });
  });

  it('decoder failures carry no line but point at the node', () => {
    const e = onlyError('kind: X\nm:\n  a: *nope\n');
    expect(e.message).toBe(`${WRAP}yaml: unknown anchor 'nope' referenced`);
    expect([e.line, e.column]).toEqual([3, 6]);
  });
});
