// Every manifest in ../shared/corpus gets the verdict its README gives (a 1.35 cluster with the Kubeflow v1.9 CRDs).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateManifests } from '../../../src/engine/validate/validate-manifests.ts';

const corpus = join(import.meta.dirname, '../../../../shared/corpus');
const files = ['kubernetes-website', 'kubeflow-training'].flatMap((dir) =>
  readdirSync(join(corpus, dir)).filter((f) => f.endsWith('.yaml')).map((f) => `${dir}/${f}`));

const rejected: Record<string, { type: string; message: string; line: number }> = {
  'kubernetes-website/cronjob-batch-v1beta1.yaml': {
    type: 'NoKindMatch', message: 'no matches for kind "CronJob" in version "batch/v1beta1"', line: 2,
  },
  'kubernetes-website/job-pod-failure-policy-ignore-tab.yaml': {
    type: 'YAMLSyntax', message: 'error converting YAML to JSON: yaml: line 24: found a tab character that violates indentation', line: 24,
  },
};

describe('corpus verdicts', () => {
  it('finds all 24 corpus manifests', () => {
    expect(files).toHaveLength(24);
  });
  for (const file of files) {
    const expected = rejected[file];
    it(`${file} is ${expected ? 'rejected' : 'valid'}`, () => {
      const check = validateManifests(readFileSync(join(corpus, file), 'utf8'));
      if (!expected) {
        expect(check.problems).toEqual([]);
        expect(check.documents.length).toBeGreaterThan(0);
      } else {
        expect(check.problems).toHaveLength(1);
        expect(check.problems[0]).toMatchObject(expected);
      }
    });
  }
});
