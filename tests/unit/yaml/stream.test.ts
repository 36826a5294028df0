import { describe, expect, it } from 'vitest';
import { readManifests } from '../../../src/engine/yaml/index.ts';
import { onlyError } from './helpers.ts';

const values = (text: string) => readManifests(text).documents.map((d) => d.value);

// Expected behaviour: reference §8.1 (the reading pipeline of `kubectl apply -f`).
describe('splitting a file into chunks', () => {
  it('splits at `---` lines, also with a trailing comment; a trailing separator adds nothing', () => {
    const r = readManifests('kind: A\n---\nkind: B\n--- # next\nkind: C\n---\n');
    expect(r.errors).toEqual([]);
    expect(r.documents.map((d) => [d.index, d.startLine, d.value])).toEqual([
      [0, 1, { kind: 'A' }],
      [1, 3, { kind: 'B' }],
      [2, 5, { kind: 'C' }],
    ]);
  });

  it('skips empty, comment-only and null chunks; consecutive separators yield no chunk', () => {
    const r = readManifests('# header\n---\n\n---\n---\nkind: A\n---\n~\n---\nnull\n---\nkind: B\n');
    expect(r.errors).toEqual([]);
    // chunks: "# header" (0), "" (1), kind A (2), ~ (3), null (4), kind B (5)
    expect(r.documents.map((d) => [d.index, d.value])).toEqual([
      [2, { kind: 'A' }],
      [5, { kind: 'B' }],
    ]);
    expect(readManifests('').documents).toEqual([]);
    expect(readManifests('# nothing\n').errors).toEqual([]);
  });

  it('fails the file on a separator line with content, dropping the chunk before it', () => {
    for (const [line, rest] of [['--- {a: 1}', '{a: 1}'], ['--- !tag', '!tag'], ['--- |', '|'], ['----', '-'], ['---foo: 1', 'foo: 1']]) {
      const r = readManifests(`kind: A\n---\nkind: B\n${line}\nkind: C\n`);
      expect(r.documents.map((d) => d.value)).toEqual([{ kind: 'A' }]);
      expect(r.errors).toHaveLength(1);
      expect(r.errors[0]).toMatchObject({ document: 1, line: 4, message: `invalid Yaml document separator: ${rest}`, stage: 'syntax' });
    }
  });

  it('reads CRLF files as LF files', () => {
    const r = readManifests('kind: A\r\nv: |\r\n  x\r\n  y\r\n---\r\nkind: B\r\n');
    expect(r.errors).toEqual([]);
    expect(r.documents.map((d) => d.value)).toEqual([{ kind: 'A', v: 'x\ny\n' }, { kind: 'B' }]);
  });

  it('does not split at a lone CR: go-yaml reads only the first document of the chunk', () => {
    expect(values('kind: A\r---\rkind: B\r')).toEqual([{ kind: 'A' }]);
  });

  it('splits inside a block scalar at a `---` line', () => {
    const r = readManifests('kind: A\nv: |\n  x\n---\nkind: B\n');
    expect(r.documents.map((d) => d.value)).toEqual([{ kind: 'A', v: 'x\n' }, { kind: 'B' }]);
  });

  it('drops a UTF-8 byte order mark', () => {
    expect(values('\ufeffkind: A\n')).toEqual([{ kind: 'A' }]);
  });

  it('stops the file at the first syntax error, keeping the documents before it', () => {
    const r = readManifests('kind: A\n---\nkind: B\nx: [\n---\nkind: C\n');
    expect(r.documents.map((d) => d.value)).toEqual([{ kind: 'A' }]);
    expect(r.errors.map((e) => e.document)).toEqual([1]);
  });
});

describe('per-document decode errors do not stop the file (§8.1 step 6)', () => {
  it('rejects documents that are not objects', () => {
    const r = readManifests('"str"\n---\n42\n---\ntrue\n---\n- a\n---\nkind: A\n');
    expect(r.documents.map((d) => d.value)).toEqual([{ kind: 'A' }]);
    expect(r.errors.map((e) => [e.document, e.stage, e.message])).toEqual([
      [0, 'decode', 'json: cannot unmarshal string into Go value of type unstructured.detector'],
      [1, 'decode', 'json: cannot unmarshal number into Go value of type unstructured.detector'],
      [2, 'decode', 'json: cannot unmarshal bool into Go value of type unstructured.detector'],
      [3, 'decode', 'json: cannot unmarshal array into Go value of type unstructured.detector'],
    ]);
  });

  it('requires a kind, quoting the compact JSON of the document', () => {
    const r = readManifests('apiVersion: v1\nmetadata:\n  name: x\n  labels: {b: "<&>", a: 1}\n---\nkind: A\n');
    expect(r.documents.map((d) => d.value)).toEqual([{ kind: 'A' }]);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({
      document: 0,
      stage: 'decode',
      line: 1,
      column: 1,
      message: `Object 'Kind' is missing in '{"apiVersion":"v1","metadata":{"labels":{"a":1,"b":"\\u003c\\u0026\\u003e"},"name":"x"}}'`,
    });
  });

  it('leaves lists to the caller: an object with items is a document even without kind', () => {
    expect(values('items:\n- kind: A\n')).toEqual([{ items: [{ kind: 'A' }] }]);
  });
});

describe('JSON input (§8.1 step 2)', () => {
  it('reads concatenated JSON values without YAML resolution', () => {
    const r = readManifests('  {"kind": "A", "v": "yes", "n": 511}\n{"kind": "B"}{"kind": "C"}\n');
    expect(r.errors).toEqual([]);
    expect(r.documents.map((d) => d.value)).toEqual([{ kind: 'A', v: 'yes', n: 511 }, { kind: 'B' }, { kind: 'C' }]);
    expect(r.documents.map((d) => d.index)).toEqual([0, 1, 2]);
  });

  it('falls back to YAML for flow YAML and for JSON with a trailing comma', () => {
    expect(values('{apiVersion: v1, kind: ConfigMap, data: {a: yes}}')).toEqual([{ apiVersion: 'v1', kind: 'ConfigMap', data: { a: true } }]);
    expect(values('{"kind": "A", "a": 1,}\n')).toEqual([{ kind: 'A', a: 1 }]);
  });

  it('reports the JSON error when YAML fails too', () => {
    //                     1         2         3         4
    //            1234567890123456789012345678901234567890123
    const text = '{"kind": "A", "metadata": {"name": "x"} "spec": {}}';
    const e = onlyError(text);
    expect(e.message).toBe(`json: offset 41: invalid character '"' after object key:value pair`);
    expect([e.line, e.column]).toEqual([1, 41]);
    expect(onlyError('{"kind": "A"').message).toBe('unexpected EOF');
  });

  it('after two JSON objects, a JSON error is final and printed without the offset', () => {
    const r = readManifests('{"kind":"A"}\n{"kind":"B"}\n{"kind": x}\n');
    expect(r.documents.map((d) => d.value)).toEqual([{ kind: 'A' }, { kind: 'B' }]);
    expect(r.errors.map((e) => [e.document, e.message])).toEqual([[2, "invalid character 'x' looking for beginning of value"]]);
  });

  it('after one JSON object, the rest is retried as YAML', () => {
    expect(values('{"kind":"A"}\n{"kind": x}\n')).toEqual([{ kind: 'A' }, { kind: 'x' }]);
  });

  it('treats a top-level array as YAML, which then fails per document', () => {
    const e = onlyError('[{"kind": "A"}]\n');
    expect(e).toMatchObject({ stage: 'decode', message: 'json: cannot unmarshal array into Go value of type unstructured.detector' });
  });

  it('only sniffs the first 4096 bytes', () => {
    const r = readManifests(`${' '.repeat(4096)}{"kind": "A"}`);
    // Read as YAML: a flow mapping, indented; same value.
    expect(r.documents.map((d) => d.value)).toEqual([{ kind: 'A' }]);
  });
});
