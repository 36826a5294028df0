// `kubectl get -o jsonpath|jsonpath-as-json|custom-columns` against kubectl 1.35.2 recordings
// (tests/golden/kubectl-oracle 15, 18 and tests/golden/kubectl-output): client-go's JSONPath evaluation
// and errors, cli-runtime's printers, kubectl's custom columns. The objects are the oracle store's, loaded into a
// simulated API server; a few values differ by construction and are normalized or left out (see below).
import { describe, expect, it } from 'vitest';
import { runGet } from '../../../../src/engine/kubectl/get.ts';
import { printJsonPath } from '../../../../src/engine/kubectl/printers/jsonpath.ts';
import { parseJsonPath } from '../../../../src/engine/kubectl/printers/jsonpath-parser.ts';
import { loadOracleSim } from './oracle-sim.ts';
import { printed, recording, recordings } from './recordings.ts';

const { sim } = loadOracleSim();
const get = (args: string[]) => runGet(sim.api, sim.now(), args);

/**
 * Values that are not kubectl's doing: the recordings' timestamps were shifted to the time of the run, and
 * resourceVersion/generation are assigned by the fake server in one case and by the simulated server in the
 * other. Both sides are compared with these replaced (they appear only in jsonpath's debugging dump).
 */
const normalize = (s: string) =>
  s
    .replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z/g, '<time>')
    .replace(/"resourceVersion":"\d+"|resourceVersion:\d+/g, '<rv>')
    .replace(/"generation":\d+|generation:\d+/g, '<generation>');

/** Recordings whose difference is expected: what is compared instead is in the tests below. */
const NOT_COMPARED: Record<string, string> = {
  '47': 'prints resourceVersions, which the simulated server assigns itself',
  '57': '-o go-template is not simulated (checked below)',
  '61': 'a table: its columns come from the server (the fake server sends only NAME/AGE)',
};

describe('kubectl get -o jsonpath|custom-columns match kubectl 1.35.2 (tests/golden/kubectl-oracle)', () => {
  for (const prefix of ['15', '18']) {
    const rec = recording('kubectl-oracle', prefix);
    it(rec.command, () => {
      expect(printed(get(rec.args))).toEqual(printed(rec));
    });
  }
});

describe('kubectl get -o jsonpath|jsonpath-as-json|custom-columns match kubectl 1.35.2 (tests/golden/kubectl-output)', () => {
  for (const rec of recordings('kubectl-output')) {
    const n = rec.dir.slice(0, 2);
    if (NOT_COMPARED[n]) continue;
    it(rec.command, () => {
      const r = get(rec.args);
      expect({ stdout: normalize(r.stdout), stderr: normalize(r.stderr), exitCode: r.exitCode }).toEqual({ stdout: normalize(rec.stdout), stderr: normalize(rec.stderr), exitCode: rec.exitCode });
    });
  }

  it('custom-columns print every pod row with the value at the path (47, values aside)', () => {
    const rec = recording('kubectl-output', '47');
    const r = get(rec.args);
    const firstColumn = (s: string) => s.split('\n').map((l) => l.split(/\s+/)[0]);
    expect(firstColumn(r.stdout)).toEqual(firstColumn(rec.stdout));
    expect(r.stdout.split('\n')[1]).toMatch(/^mnist-ps-0 {13}\d+$/);
  });

  it('-o go-template says the simulator does not print it (kubectl 1.35 prints the template; 57)', () => {
    expect(get(['pods', '-o', 'go-template={{.kind}}']).stderr).toMatch(/^error: the output format "go-template=\{\{\.kind\}\}" is not supported by this simulator yet/);
  });

  it('--no-headers drops the header row of the table (61; the columns then fit the rows alone)', () => {
    const cells = (s: string) => s.split('\n').filter((l) => l !== '').map((l) => l.split(/ {2,}/));
    expect(cells(get(['pods', '--no-headers']).stdout)).toEqual(cells(get(['pods']).stdout).slice(1));
    expect(get(['pods', '--no-headers']).stdout.split('\n')[0]).toMatch(/^mnist-ps-0 {13}\S/);
  });
});

describe('client-go JSONPath details (util/jsonpath jsonpath.go, parser.go)', () => {
  const obj = { a: { b: [1, 2, 3], s: 'x', f: 1.5, n: null, m: { k2: 'v2', k1: 'v1' } } };
  const run = (t: string, allowMissingKeys = true) => printJsonPath(t, obj, { allowMissingKeys, outputJSON: false });

  it('prints numbers as Go does (1.5, ints without a point), null as null, maps as compact JSON with sorted keys', () => {
    expect(run('{.a.f} {.a.b[0]} {.a.n} {.a.m}')).toEqual({ ok: true, text: '1.5 1 null {"k1":"v1","k2":"v2"}' });
  });
  it('slices with steps and negative indices', () => {
    expect(run('{.a.b[::2]}|{.a.b[-2:]}')).toEqual({ ok: true, text: '1 3|2 3' });
  });
  it('a filter comparing a number with a float is an error in client-go (incompatible types)', () => {
    const r = run('{.a.b[?(@==1.0)]}');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/^error executing jsonpath "\{\.a\.b\[\?\(@==1\.0\)\]\}": Error executing template: incompatible types for comparison\./);
  });
  it('parser errors carry client-go texts', () => {
    expect(parseJsonPath('{.a[}')).toEqual({ ok: false, error: 'unterminated array' });
    expect(parseJsonPath('{.a[x]}')).toEqual({ ok: false, error: 'invalid array index x' });
    expect(parseJsonPath('{.a')).toEqual({ ok: false, error: 'unclosed action' });
    expect(parseJsonPath('{....a}')).toEqual({ ok: false, error: 'invalid multiple recursive descent' });
  });
});
