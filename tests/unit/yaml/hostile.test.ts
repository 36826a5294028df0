import { describe, expect, it } from 'vitest';
import { readManifests } from '../../../src/engine/yaml/index.ts';
import { onlyError, WRAP } from './helpers.ts';

// Limits from reference §8.4 (alias expansion) and §8.5 (depth, characters, key length).
// Every case must finish without throwing.

// Speed is measured by `npm run bench`; here each case only has to finish (the suite timeout is the hang guard).
function timed<T>(_label: string, f: () => T): T {
  return f();
}

/** Nesting depth of a JSON value, without recursion. */
function depth(value: unknown): number {
  let max = 0;
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [v, d] = stack.pop()!;
    if (v !== null && typeof v === 'object') {
      max = Math.max(max, d + 1);
      for (const child of Object.values(v)) stack.push([child, d + 1]);
    }
  }
  return max;
}

describe('alias expansion', () => {
  it('stops a billion-laughs document (10 levels of 10 aliases)', () => {
    let text = 'kind: X\na0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n';
    for (let i = 1; i < 10; i++) text += `a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]\n`;
    const r = timed('billion laughs', () => readManifests(text));
    expect(r.documents).toEqual([]);
    expect(r.errors.map((e) => e.message)).toEqual([`${WRAP}yaml: document contains excessive aliasing`]);
  });

  it('still expands moderate aliasing', () => {
    let text = 'kind: X\nbase: &b {a: 1, b: 2, c: 3}\nitems:\n';
    for (let i = 0; i < 300; i++) text += '- *b\n';
    const r = readManifests(text);
    expect(r.errors).toEqual([]);
    expect((r.documents[0]!.value as { items: unknown[] }).items).toHaveLength(300);
  });

  it('rejects self-referencing anchors', () => {
    expect(onlyError('kind: X\na: &a [*a]\n').message).toBe(`${WRAP}yaml: anchor 'a' value contains itself`);
    expect(onlyError('kind: X\na: &a {b: {c: *a}}\n').message).toBe(`${WRAP}yaml: anchor 'a' value contains itself`);
  });
});

describe('nesting', () => {
  const blockSeq = (n: number) => `kind: X\nv:\n  ${'- '.repeat(n)}x\n`;
  const blockMap = (n: number) => {
    let s = 'kind: X\n';
    for (let i = 0; i < n; i++) s += `${' '.repeat(i)}k:\n`;
    return `${s}${' '.repeat(n)}v\n`;
  };
  const flowSeq = (n: number) => `kind: X\nv: ${'['.repeat(n)}${']'.repeat(n)}\n`;
  const flowMap = (n: number) => `kind: X\nv: ${'{a: '.repeat(n)}1${'}'.repeat(n)}\n`;

  it('reads 200 levels, block and flow', () => {
    // depth counts the root object; in blockMap the root mapping is the first `k` level.
    for (const [make, extra] of [[blockSeq, 1], [flowSeq, 1], [flowMap, 1], [blockMap, 0]] as const) {
      const r = readManifests(make(200));
      expect(r.errors).toEqual([]);
      expect(depth(r.documents[0]!.value)).toBe(200 + extra);
    }
  });

  it('reads 2000 levels of block mappings (deeper than recursive parsers manage)', () => {
    const r = timed('2000 nested block mappings', () => readManifests(blockMap(2000)));
    expect(r.errors).toEqual([]);
    expect(depth(r.documents[0]!.value)).toBe(2000);
  });

  it('accepts 10000 levels and refuses 10001 (max_flow_level / max_indents)', () => {
    // Flow levels count flow collections only.
    expect(readManifests(flowSeq(10000)).errors).toEqual([]);
    expect(readManifests(flowSeq(10001)).errors.map((e) => e.message)).toEqual([`${WRAP}yaml: line 2: exceeded max depth of 10000`]);
    // Indentation levels: the root mapping is one, then one per `-` (the first is `v`'s sequence).
    expect(readManifests(blockSeq(9999)).errors).toEqual([]);
    expect(readManifests(blockSeq(10000)).errors.map((e) => e.message)).toEqual([`${WRAP}yaml: line 3: exceeded max depth of 10000`]);
  });

  it('refuses 20000 levels, block and flow, without overflowing the stack', () => {
    const cases: Array<[string, string, string]> = [
      ['block sequences', blockSeq(20000), 'line 3'],
      ['flow sequences', flowSeq(20000), 'line 2'],
      ['flow mappings', flowMap(20000), 'line 2'],
    ];
    for (const [label, text, line] of cases) {
      const r = timed(`20000 ${label}`, () => readManifests(text));
      expect(r.documents).toEqual([]);
      expect(r.errors.map((e) => e.message)).toEqual([`${WRAP}yaml: ${line}: exceeded max depth of 10000`]);
    }
    const json = `{"kind": "X", "v": ${'['.repeat(20000)}${']'.repeat(20000)}}`;
    const r = timed('20000 JSON arrays', () => readManifests(json));
    // encoding/json's limit (the object is level 1, so the 10000th `[` is one too many; it is
    // byte 19 + 10000); the YAML retry fails too, so the JSON error is reported.
    expect(r.errors.map((e) => e.message)).toEqual([`json: offset ${19 + 10000}: invalid character '[' exceeded max depth`]);
  });
});

describe('size', () => {
  it('reads a 5 MB file', () => {
    let text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n';
    let i = 0;
    while (text.length < 5 * 1024 * 1024) text += `  key${i++}: "value number ${i} with some text to fill the line"\n`;
    const r = readManifests(text);
    expect(r.errors).toEqual([]);
    expect(Object.keys((r.documents[0]!.value as { data: object }).data)).toHaveLength(i);
  });

  it('reads a 10,000-document file', () => {
    const docs: string[] = [];
    for (let i = 0; i < 10000; i++) docs.push(`apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-${i}\ndata:\n  a: "1"\n`);
    const r = readManifests(docs.join('---\n'));
    expect(r.errors).toEqual([]);
    expect(r.documents).toHaveLength(10000);
    expect(r.documents[9999]!.index).toBe(9999);
    expect(r.documents[9999]!.startLine).toBe(9999 * 7 + 1);
  });
});

describe('characters and keys', () => {
  it('refuses control characters (also NUL, as in UTF-16 read without a BOM)', () => {
    expect(onlyError('kind: X\nv: a\u0001b\n').message).toBe(`${WRAP}yaml: control characters are not allowed`);
    expect(onlyError('k\u0000i\u0000n\u0000d\u0000:\u0000 \u0000X\u0000').message).toBe(`${WRAP}yaml: control characters are not allowed`);
  });

  it('refuses a 1030-character implicit key', () => {
    expect(onlyError(`# c\n${'k'.repeat(1030)}: v\n`).message).toBe(`${WRAP}yaml: line 2: mapping values are not allowed in this context`);
  });
});
