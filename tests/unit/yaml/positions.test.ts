import { describe, expect, it } from 'vitest';
import { readManifests } from '../../../src/engine/yaml/index.ts';

// Positions are counted by hand from the text below (1-based lines and columns).
const FILE = [
  'apiVersion: v1', //                                  1
  'kind: ConfigMap', //                                 2
  'metadata: {name: first}', //                         3
  '---', //                                             4
  '# the second document', //                           5
  'apiVersion: batch/v1', //                            6
  'kind: Job', //                                       7
  'metadata:', //                                       8
  '  name: pi', //                                      9
  'spec:', //                                          10
  '  template:', //                                    11
  '    spec:', //                                      12
  '      containers:', //                              13
  '      - name: pi', //                               14
  '        image: &img "perl:5.34"', //                15
  '        args: [a, 0777]', //                        16
  '      - name: side', //                             17
  '        image: *img', //                            18
  '      restartPolicy: Never', //                     19
  '  backoffLimit: 4', //                              20
  '',
].join('\n');

describe('source positions', () => {
  const r = readManifests(FILE);
  const job = r.documents[1]!;

  it('reads both documents', () => {
    expect(r.errors).toEqual([]);
    expect(r.documents.map((d) => [d.index, d.startLine])).toEqual([[0, 1], [1, 5]]);
  });

  it('locates a key and its value in the second document', () => {
    expect(job.locate(['spec', 'template', 'spec', 'containers', 0, 'image'])).toEqual({
      key: { line: 15, column: 9 },
      value: { line: 15, column: 21 }, // after the anchor: the quoted scalar
    });
    expect(job.locate(['spec', 'backoffLimit'])).toEqual({ key: { line: 20, column: 3 }, value: { line: 20, column: 17 } });
  });

  it('locates array items (no key) and whole collections', () => {
    expect(job.locate(['spec', 'template', 'spec', 'containers', 1])).toEqual({ value: { line: 17, column: 9 } });
    expect(job.locate(['spec', 'template', 'spec', 'containers', 0, 'args', 1])).toEqual({ value: { line: 16, column: 19 } });
    expect(job.locate(['metadata'])).toEqual({ key: { line: 8, column: 1 }, value: { line: 9, column: 3 } });
    expect(job.locate([])).toEqual({ value: { line: 6, column: 1 } });
  });

  it('locates an alias where it is written', () => {
    expect(job.locate(['spec', 'template', 'spec', 'containers', 1, 'image'])).toEqual({
      key: { line: 18, column: 9 },
      value: { line: 18, column: 16 },
    });
  });

  it('returns undefined for paths that do not exist', () => {
    expect(job.locate(['spec', 'nope'])).toBeUndefined();
    expect(job.locate(['spec', 'template', 'spec', 'containers', 5])).toBeUndefined();
    expect(job.locate(['kind', 'x'])).toBeUndefined();
  });

  it('gives the source text of scalars', () => {
    expect(job.literal(['spec', 'template', 'spec', 'containers', 0, 'image'])).toBe('"perl:5.34"');
    expect(job.literal(['spec', 'template', 'spec', 'containers', 0, 'args', 1])).toBe('0777');
    const spec = (job.value as { spec: { template: { spec: { containers: Array<{ args?: unknown[] }> } } } }).spec;
    expect(spec.template.spec.containers[0]!.args).toEqual(['a', 511]);
    // Through an alias: the anchored scalar's text.
    expect(job.literal(['spec', 'template', 'spec', 'containers', 1, 'image'])).toBe('"perl:5.34"');
    expect(job.literal(['spec'])).toBeUndefined();
  });

  it('locates values in JSON input too', () => {
    // Not JSON (1e400x); retried as YAML, where 1e400x is a plain string.
    const y = readManifests('{"kind": "A",\n "spec": {"n": 1e400x}}\n').documents[0]!;
    expect(y.value).toEqual({ kind: 'A', spec: { n: '1e400x' } });
    expect(y.locate(['spec', 'n'])).toEqual({ key: { line: 2, column: 11 }, value: { line: 2, column: 16 } });
    const ok = readManifests('{"kind": "A",\n "spec": {"n": 123}}\n').documents[0]!;
    expect(ok.locate(['spec', 'n'])).toEqual({ key: { line: 2, column: 11 }, value: { line: 2, column: 16 } });
    expect(ok.literal(['spec', 'n'])).toBe('123');
  });
});
