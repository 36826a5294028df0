// Bad input never crashes the engine: mutated corpus files, YAML bombs, deep nesting, huge files and numbers.
// Each case must come back with a result or a clear error (the suite's timeout is the hang guard; speed is
// measured by `npm run bench`, not here).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateManifests, type ManifestCheck } from '../../../src/engine/validate/validate-manifests.ts';

const corpus = join(import.meta.dirname, '../../../../shared/corpus');
const sources = ['kubernetes-website', 'kubeflow-training'].flatMap((d) =>
  readdirSync(join(corpus, d)).filter((f) => f.endsWith('.yaml')).map((f) => readFileSync(join(corpus, d, f), 'utf8')));

/** mulberry32: a small seeded PRNG so the fuzz cases are the same on every run. */
function prng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const snippets = [':', '- ', '\t', '  ', '\n', '{', '}', '[', ']', '&a ', '*a', '<<: *a\n', '!!binary ', '"', "'", '#', '---\n', '|', '>', '?', '%YAML 1.1\n', '\u0000', '1e400', '0777', 'yes', '~', '-1', '99999999999999999999'];

function mutate(text: string, rnd: () => number): string {
  let s = text;
  const edits = 1 + Math.floor(rnd() * 4);
  for (let i = 0; i < edits; i++) {
    const at = Math.floor(rnd() * (s.length + 1));
    const op = rnd();
    if (op < 0.35) s = s.slice(0, at) + s.slice(at + 1 + Math.floor(rnd() * 8));
    else if (op < 0.7) s = s.slice(0, at) + snippets[Math.floor(rnd() * snippets.length)] + s.slice(at);
    else {
      const from = Math.floor(rnd() * s.length);
      s = s.slice(0, at) + s.slice(from, from + Math.floor(rnd() * 40)) + s.slice(at);
    }
  }
  return s;
}

function expectSane(text: string, check: ManifestCheck): void {
  const lines = text.split(/\r\n|\r|\n/).length;
  for (const p of check.problems) {
    expect(p.message).not.toMatch(/internal error in workload-lab/);
    expect(p.message.length).toBeGreaterThan(0);
    expect(p.line).toBeGreaterThanOrEqual(1);
    expect(p.line).toBeLessThanOrEqual(lines);
    expect(p.column).toBeGreaterThanOrEqual(1);
  }
}

describe('fuzzing the corpus through the whole pipeline', () => {
  it('600 mutated manifests: never a throw, never an internal error, every line inside the file', () => {
    const rnd = prng(20261129);
    let invalid = 0;
    for (let i = 0; i < 600; i++) {
      const text = mutate(sources[i % sources.length], rnd);
      const check = validateManifests(text);
      expectSane(text, check);
      if (check.problems.length) invalid++;
    }
    // The mutations must actually exercise the error paths.
    expect(invalid).toBeGreaterThan(200);
  });
});

describe('hostile input', () => {
  it('an alias bomb (billion laughs) is refused with go-yaml\'s message', () => {
    const lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 10; i++) lines.push(`a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(',')}]`);
    const text = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: bomb}\ndata:\n${lines.map((l) => `  ${l}`).join('\n')}\n`;
    const check = validateManifests(text);
    expect(check.problems.map((p) => p.message)).toContainEqual(expect.stringContaining('document contains excessive aliasing'));
    expectSane(text, check);
  });

  it('200 levels of nesting give errors, not a stack overflow', () => {
    let nested = 'x';
    for (let i = 0; i < 200; i++) nested = `{a: ${nested}}`;
    const text = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: deep\nspec: ${nested}\n`;
    const check = validateManifests(text);
    expect(check.problems[0]).toMatchObject({ type: 'UnknownField', line: 5 });
    expectSane(text, check);
  });

  it('20,000 levels of block nesting are refused by the depth limit', () => {
    const lines: string[] = ['apiVersion: v1', 'kind: Pod', 'metadata:', '  name: deep', 'spec:'];
    for (let i = 1; i <= 20_000; i++) lines.push(`${' '.repeat(i)}a:`);
    const text = lines.join('\n') + '\n';
    const check = validateManifests(text);
    expect(check.problems.length).toBeGreaterThan(0);
    expect(check.problems[0].message).toContain('exceeded max depth of 10000');
    expectSane(text, check);
  });

  it('10,000 documents in one file are all checked', () => {
    const doc = (i: number) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p${i}\nspec:\n  containers:\n  - name: c\n    image: busybox\n`;
    const text = Array.from({ length: 10_000 }, (_, i) => doc(i)).join('---\n');
    const check = validateManifests(text);
    expect(check.documents).toHaveLength(10_000);
    expect(check.problems).toEqual([]);
  });

  it('a 5 MB file (one huge ConfigMap value) gives a result', () => {
    const big = 'x'.repeat(5 * 1024 * 1024);
    const text = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n  blob: ${big}\n`;
    const check = validateManifests(text);
    expect(check.documents).toHaveLength(1);
    expectSane(text, check);
  });

  it('huge numbers become the decoding errors kubectl shows, with the literal as written', () => {
    const text = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 99999999999999999999
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: web, image: nginx}]}
`;
    const [p] = validateManifests(text).problems;
    // §8.2/§8.3: beyond uint64 go-yaml reads a float; kubectl sends its JSON text (exponent form only from 1e21),
    // and the server names that literal.
    expect(p.message).toBe('Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal number 100000000000000000000 into Go struct field DeploymentSpec.spec.replicas of type int32');
    expect(p.line).toBe(5);
    const [q] = validateManifests(text.replace('99999999999999999999', '99999999999999999999999')).problems;
    expect(q.message).toContain('cannot unmarshal number 1e+23 into Go struct field DeploymentSpec.spec.replicas of type int32');
    const [r] = validateManifests(text.replace('99999999999999999999', '1e400')).problems;
    expect(r.message).toContain('cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32');
  });
});
