// `kubectl explain` against what kubectl 1.35.2 printed from the 1.35 OpenAPI v3 documents and the Kubeflow CRDs
// (tests/golden/kubectl-oracle recordings 28–31 and every recording in tests/golden/kubectl-explain), byte for
// byte: header, FIELD/DESCRIPTION/FIELDS, type guesses, -required-, go-wordwrap wrapping, --recursive, and the
// errors (unknown type, missing field, bad jsonpath, --api-version, -o).
import { describe, expect, it } from 'vitest';
import { explain } from '../../../../src/engine/kubectl/explain/index.ts';
import { wrapString } from '../../../../src/engine/kubectl/explain/word-wrap.ts';
import { Simulation } from '../../../../src/engine/sim/simulation.ts';
import { printed, recording, recordings } from './recordings.ts';

const sim = new Simulation();

describe('kubectl explain matches kubectl 1.35.2 (tests/golden/kubectl-oracle 28–31)', () => {
  for (const prefix of ['28', '29', '30', '31']) {
    const rec = recording('kubectl-oracle', prefix);
    it(rec.command, () => {
      expect(printed(explain(sim, rec.args))).toEqual(printed(rec));
    });
  }
});

describe('kubectl explain matches kubectl 1.35.2 (tests/golden/kubectl-explain)', () => {
  for (const rec of recordings('kubectl-explain')) {
    it(rec.command, () => {
      expect(printed(explain(sim, rec.args))).toEqual(printed(rec));
    });
  }
});

describe('kubectl explain on resources the lab does not simulate', () => {
  it('secrets exist in discovery but have no schema here: says so instead of inventing one', () => {
    const r = explain(sim, ['secrets']);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^error: secrets exist on a real cluster, but this lab does not simulate them/);
  });

  it('-o plaintext-openapiv2 (the OpenAPI v2 renderer) is refused with an explanation', () => {
    expect(explain(sim, ['pod', '-o', 'plaintext-openapiv2']).stderr).toMatch(/^error: --output=plaintext-openapiv2/);
  });
});

describe('go-wordwrap WrapString (mitchellh/go-wordwrap v1.0.1, which kubectl explain uses)', () => {
  it('breaks at the last blank that keeps a line within the limit and drops that blank', () => {
    expect(wrapString('aaa bbb ccc', 7)).toBe('aaa bbb\nccc');
  });
  it('keeps a word longer than the limit whole on its own line', () => {
    expect(wrapString('a https://example.com/very/long b', 10)).toBe('a\nhttps://example.com/very/long\nb');
  });
  it('keeps newlines and the blanks after them', () => {
    expect(wrapString('one\n  two', 80)).toBe('one\n  two');
  });
});
