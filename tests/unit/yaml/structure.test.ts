import { describe, expect, it } from 'vitest';
import { readManifests } from '../../../src/engine/yaml/index.ts';
import { only, onlyError, WRAP } from './helpers.ts';

// Expected values: reference §8.3 (map keys) and §8.4 (anchors, merge keys, duplicates, tags).
describe('merge keys are applied in document order (§8.4)', () => {
  it('reproduces the checked example: a << overwrites keys before it, later keys overwrite merged ones', () => {
    const doc = only(['kind: X', 'b: &b {a: from-b, c: 1}', 'before: {a: explicit, <<: *b}', 'after: {<<: *b, a: explicit}', ''].join('\n')) as Record<string, unknown>;
    expect(doc['before']).toEqual({ a: 'from-b', c: 1 });
    expect(doc['after']).toEqual({ a: 'explicit', c: 1 });
  });

  it('applies a merge list last-to-first, so the first map wins', () => {
    const doc = only('kind: X\na: &a {x: 1}\nb: &b {x: 2, z: 2}\nm: {<<: [*a, *b]}\n') as Record<string, unknown>;
    expect(doc['m']).toEqual({ x: 1, z: 2 });
  });

  it('merges an inline mapping and block-style merges', () => {
    const doc = only(['kind: X', 'base: &base', '  image: nginx', '  pull: Always', 'c:', '  <<: *base', '  pull: Never', ''].join('\n')) as Record<string, unknown>;
    expect(doc['c']).toEqual({ image: 'nginx', pull: 'Never' });
    expect(only('kind: X\nm: {<<: {a: 1}, b: 2}\n')).toEqual({ kind: 'X', m: { a: 1, b: 2 } });
  });

  it('treats a quoted "<<" as an ordinary key and !!merge as a merge key', () => {
    expect(only('kind: X\n"<<": {a: 1}\n')).toEqual({ kind: 'X', '<<': { a: 1 } });
    expect(only('kind: X\nm: {!!merge <<: {a: 1}}\n')).toEqual({ kind: 'X', m: { a: 1 } });
  });

  it('requires a mapping or a list of mappings', () => {
    const text = `${WRAP}yaml: map merge requires map or sequence of maps as the value`;
    expect(onlyError('kind: X\nm: {<<: 1}\n').message).toBe(text);
    expect(onlyError('kind: X\ns: &s [1]\nm: {<<: *s}\n').message).toBe(text);
    expect(onlyError('kind: X\nm: {<<: [{a: 1}, 2]}\n').message).toBe(text);
  });
});

describe('duplicate keys (§8.4)', () => {
  it('keeps the last value, replacing it whole', () => {
    expect(only('kind: X\nspec:\n  a: 1\n  b: 2\nspec:\n  c: 3\n')).toEqual({ kind: 'X', spec: { c: 3 } });
  });

  it('compares keys as Go values: 1 and 0x1 are the same key, 1 and "1" are not', () => {
    expect(only('kind: X\nm: {1: a, 0x1: b}\n')).toEqual({ kind: 'X', m: { '1': 'b' } });
    expect(only('kind: X\nm: {yes: a, on: b}\n')).toEqual({ kind: 'X', m: { true: 'b' } });
  });
});

describe('anchors and aliases (§8.4)', () => {
  it('copies aliased values (no shared objects)', () => {
    const doc = only('kind: X\na: &a {x: [1]}\nb: *a\n') as Record<string, { x: number[] }>;
    expect(doc['b']).toEqual({ x: [1] });
    expect(doc['b']).not.toBe(doc['a']);
    expect(doc['b']!.x).not.toBe(doc['a']!.x);
  });

  it('fails on an unknown anchor, also one defined later or in another document', () => {
    const text = `${WRAP}yaml: unknown anchor 'x' referenced`;
    expect(onlyError('kind: X\na: *x\n').message).toBe(text);
    expect(onlyError('kind: X\na: *x\nb: &x 1\n').message).toBe(text);
    const r = readManifests('kind: X\na: &x 1\n---\nkind: Y\nb: *x\n');
    expect(r.documents.map((d) => d.value)).toEqual([{ kind: 'X', a: 1 }]);
    expect(r.errors.map((e) => [e.document, e.message])).toEqual([[1, text]]);
  });

  it('lets later aliases see the newest definition', () => {
    expect(only('kind: X\na: &x 1\nb: *x\nc: &x 2\nd: *x\n')).toEqual({ kind: 'X', a: 1, b: 1, c: 2, d: 2 });
  });

  it('fails on an anchored node that contains its own alias', () => {
    const text = `${WRAP}yaml: anchor 'a' value contains itself`;
    expect(onlyError('kind: X\na: &a [1, *a]\n').message).toBe(text);
    expect(onlyError('kind: X\na: &a\n  b: *a\n').message).toBe(text);
  });
});

describe('map keys become strings as sigs.k8s.io/yaml writes them (§8.3)', () => {
  it('formats ints, 32-bit floats, bools, dates and infinities', () => {
    const doc = only(['kind: X', 'm:', '  1.5: a', '  123456789.123: b', '  1e3: c', '  .inf: d', '  yes: e', '  2024-01-01: f', '  0x1F: g', ''].join('\n'));
    expect((doc as Record<string, unknown>)['m']).toEqual({
      '1.5': 'a',
      '1.2345679e+08': 'b',
      '1000': 'c',
      '.inf': 'd',
      true: 'e',
      '2024-01-01': 'f',
      '31': 'g',
    });
  });

  it('refuses a null key, after go-yaml succeeded', () => {
    expect(onlyError('kind: X\n~: a\n').message).toBe(`${WRAP}unsupported map key of type: %!s(<nil>), key: <nil>, value: "a"`);
  });

  it('refuses a sequence key in go-yaml', () => {
    const e = onlyError('kind: X\n? [a, b]\n: 1\n');
    expect(e.message).toBe(`${WRAP}yaml: invalid map key: []interface {}{"a", "b"}`);
  });

  it('sends object keys in Go (sorted) order', () => {
    const doc = only('kind: X\nmetadata: {name: a}\napiVersion: v1\nspec: {}\n') as object;
    expect(Object.keys(doc)).toEqual(['apiVersion', 'kind', 'metadata', 'spec']);
  });
});

describe('documents inside a chunk (§8.1, §8.4)', () => {
  it('reads only the first YAML document of a chunk: after `...` nothing counts', () => {
    const r = readManifests('kind: A\n...\nkind: B\nbroken: [\n');
    expect(r.errors).toEqual([]);
    expect(r.documents.map((d) => d.value)).toEqual([{ kind: 'A' }]);
  });

  it('fails directives, whose `---` kubectl cut off', () => {
    expect(onlyError('%YAML 1.1\n---\nkind: X\n').message).toBe(`${WRAP}yaml: line 1: did not find expected <document start>`);
    expect(onlyError('%YAML 1.2\n---\nkind: X\n').message).toBe(`${WRAP}yaml: found incompatible YAML document`);
    expect(onlyError('%TAG ! tag:example.com,2000:\n---\nkind: X\n').message).toBe(`${WRAP}yaml: line 1: did not find expected <document start>`);
  });
});
