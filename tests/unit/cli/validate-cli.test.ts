// The CLI contract of ../shared/notes/cli.md, run as a learner runs it: a child process.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../../..');
const corpus = join(root, '../shared/corpus');
const dir = mkdtempSync(join(tmpdir(), 'wl-cli-'));

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [join(root, 'bin/workload-lab.mjs'), ...args], { encoding: 'utf8', cwd: dir });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const badJob = join(dir, 'job.yaml');
writeFileSync(badJob, `apiVersion: batch/v1
kind: Job
metadata:
  name: pi
spec:
  backoffLimit: -1
  template:
    spec:
      restartPolicy: Always
      containers:
      - name: pi
        image: perl:5.34.0
`);

describe('workload-lab validate', () => {
  it('exits 0 and prints no problems for valid files', () => {
    const r = cli('validate', join(corpus, 'kubernetes-website/job.yaml'), join(corpus, 'kubeflow-training/tensorflow_simple.yaml'));
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('2 documents checked: all valid');
  });

  it('prints FILE:LINE:COLUMN: MESSAGE per problem and exits 1', () => {
    const r = cli('validate', badJob);
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n').filter(Boolean)).toEqual([
      `${badJob}:6:3: spec.backoffLimit: Invalid value: -1: must be greater than or equal to 0`,
      // reference §4.3: Always is reported as a missing value, not an unsupported one
      `${badJob}:9:7: spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"`,
    ]);
  });

  it('--json prints the documented objects', () => {
    const r = cli('validate', '--json', badJob, join(corpus, 'kubernetes-website/cronjob-batch-v1beta1.yaml'));
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out).toHaveLength(3);
    expect(out[0]).toEqual({
      file: badJob, document: 0, kind: 'Job', name: 'pi', field: 'spec.backoffLimit', type: 'FieldValueInvalid',
      message: 'spec.backoffLimit: Invalid value: -1: must be greater than or equal to 0', line: 6, column: 3,
    });
    expect(out[2]).toMatchObject({ type: 'NoKindMatch', kind: 'CronJob', document: 0, line: 2 });
  });

  it('reports a YAML syntax error with its line', () => {
    const r = cli('validate', '--json', join(corpus, 'kubernetes-website/job-pod-failure-policy-ignore-tab.yaml'));
    expect(r.code).toBe(1);
    const [p] = JSON.parse(r.stdout);
    expect(p).toMatchObject({ type: 'YAMLSyntax', line: 24, field: null });
  });

  it('exits 2 on an unreadable file, a usage error or an unknown command', () => {
    const missing = cli('validate', join(dir, 'nope.yaml'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('nope.yaml" cannot be read: no such file or directory');
    expect(cli('validate').code).toBe(2);
    expect(cli('validate', '--yaml', badJob).code).toBe(2);
    expect(cli('frobnicate').code).toBe(2);
    expect(cli().code).toBe(2);
  });
});
