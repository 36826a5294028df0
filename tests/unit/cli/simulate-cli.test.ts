// The `workload-lab simulate` contract of ../shared/notes/cli.md, run as a learner runs it: a child process.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../../..');
const dir = mkdtempSync(join(tmpdir(), 'wl-sim-'));

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [join(root, 'bin/workload-lab.mjs'), 'simulate', ...args], { encoding: 'utf8', cwd: dir });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const app = file('app.yaml', `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: nginx:1.27
---
apiVersion: v1
kind: Pod
metadata:
  name: solo
  labels: {app: solo}
spec:
  containers:
  - name: main
    image: busybox
`);

const badJob = file('job.yaml', `apiVersion: batch/v1
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

describe('workload-lab simulate', () => {
  it('exits 0 and prints the documented --json object', () => {
    const r = cli('--json', app);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(['start', 'end', 'objects', 'events', 'commands']);
    // default start (2026-01-01T00:00:00Z) and default --until (10m)
    expect(out.start).toBe('2026-01-01T00:00:00Z');
    expect(out.end).toBe('2026-01-01T00:10:00Z');
    expect(out.commands).toEqual([]);
    const web = out.objects.find((o: { kind: string }) => o.kind === 'Deployment');
    expect(web).toMatchObject({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default', creationTimestamp: '2026-01-01T00:00:00Z' } });
    expect(out.objects.some((o: { kind: string }) => o.kind === 'Event')).toBe(false);
  });

  it('honours --start and --until, and adds watch with --watch', () => {
    const r = cli('--json', '--watch', '--start', '2031-03-04T05:06:07Z', '--until=1h30m', app);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(['start', 'end', 'objects', 'events', 'commands', 'watch']);
    expect(out.start).toBe('2031-03-04T05:06:07Z');
    expect(out.end).toBe('2031-03-04T06:36:07Z');
    expect(out.watch.slice(0, 2).map((w: { time: string; type: string; object: { metadata: { name: string } } }) => [w.time, w.type, w.object.metadata.name]))
      .toEqual([['2031-03-04T05:06:07Z', 'ADDED', 'web'], ['2031-03-04T05:06:07Z', 'ADDED', 'solo']]);
  });

  it('runs --at commands at their times and reports their exit codes and output', () => {
    const r = cli('--json', '--until', 'done',
      '--at', '30s kubectl scale deployment/web --replicas=5',
      '--at', '1m kubectl delete pod -l app=solo',
      '--at', '90s kubectl get pods',
      app);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.commands.slice(0, 2)).toEqual([
      { at: '2026-01-01T00:00:30Z', command: 'kubectl scale deployment/web --replicas=5', exitCode: 0, output: 'deployment.apps/web scaled' },
      { at: '2026-01-01T00:01:00Z', command: 'kubectl delete pod -l app=solo', exitCode: 0, output: 'pod "solo" deleted from default namespace' },
    ]);
    // kubectl get: the pod table (§1.6 columns) with the five web replicas.
    const get = out.commands[2];
    expect(get).toMatchObject({ at: '2026-01-01T00:01:30Z', command: 'kubectl get pods', exitCode: 0 });
    const lines = get.output.split('\n');
    expect(lines[0]).toMatch(/^NAME +READY +STATUS +RESTARTS +AGE$/);
    expect(lines.filter((l: string) => /^web-[4-9bcdf]+-[bcdfghjklmnpqrstvwxz2456789]{5} /.test(l))).toHaveLength(5);
    expect(out.objects.find((o: { kind: string }) => o.kind === 'Deployment').spec.replicas).toBe(5);
  });

  it('prints a human summary without --json', () => {
    const r = cli('--at', '30s kubectl scale deployment/web --replicas=3', app);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Simulated 2026-01-01T00:00:00Z to 2026-01-01T00:10:00Z (10m0s)');
    expect(r.stdout).toMatch(/^deployment\/web +\S/m);
    expect(r.stdout).toMatch(/^pod\/solo +\S/m);
    expect(r.stdout).toContain('+30s  $ kubectl scale deployment/web --replicas=3\n        deployment.apps/web scaled');
  });

  it('is deterministic: the same input and seed give byte-identical output, another seed other uids', () => {
    const a = cli('--json', '--watch', '--seed', '42', '--at', '1m kubectl delete pod solo', app);
    const b = cli('--json', '--watch', '--seed', '42', '--at', '1m kubectl delete pod solo', app);
    expect(a.code).toBe(0);
    expect(b.stdout).toBe(a.stdout);
    const c = cli('--json', '--watch', '--seed', '43', '--at', '1m kubectl delete pod solo', app);
    const uids = (s: string) => JSON.parse(s).objects.map((o: { metadata: { uid: string } }) => o.metadata.uid);
    const first = uids(a.stdout);
    const other = uids(c.stdout);
    expect(other).toHaveLength(first.length);
    for (let i = 0; i < first.length; i++) expect(other[i]).not.toBe(first[i]);
  });

  it('exits 1 on rejected input, printing the problems as validate does', () => {
    const r = cli(app, badJob);
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n').filter(Boolean)).toEqual([
      `${badJob}:6:3: spec.backoffLimit: Invalid value: -1: must be greater than or equal to 0`,
      `${badJob}:9:7: spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"`,
    ]);
    const j = cli('--json', badJob);
    expect(j.code).toBe(1);
    expect(JSON.parse(j.stdout)[0]).toEqual({
      file: badJob, document: 0, kind: 'Job', name: 'pi', field: 'spec.backoffLimit', type: 'FieldValueInvalid',
      message: 'spec.backoffLimit: Invalid value: -1: must be greater than or equal to 0', line: 6, column: 3,
    });
  });

  it('exits 2 on usage errors and unreadable files, without a stack trace', () => {
    const cases: [string[], string][] = [
      [['--frobnicate', app], 'unknown flag: --frobnicate'],
      [['--until', '10 minutes', app], 'invalid argument "10 minutes" for "--until" flag'],
      [['--until', '-5m', app], '--until'],
      [['--start', '2026-01-01', app], 'invalid argument "2026-01-01" for "--start" flag'],
      [['--seed', 'abc', app], '--seed'],
      [['--at', '30s', app], '--at'],
      [['--at', 'soon kubectl get pods', app], '--at'],
      [['--until', '1m', '--at', '2m kubectl get pods', app], 'after the end of the simulation'],
      [['--until'], 'flag needs an argument: --until'],
      [[], 'must specify at least one FILE'],
      [[join(dir, 'nope.yaml')], 'nope.yaml" cannot be read: no such file or directory'],
    ];
    for (const [args, message] of cases) {
      const r = cli(...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toContain(message);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(r.stdout).toBe('');
    }
  });
});

describe('simulate: long runs of a CronJob are fast-forwarded', () => {
  // as a learner runs it: outside the test runner, whose VITEST variable freezes stored objects (which rules
  // the fast-forward out)
  function learnerCli(...args: string[]) {
    const env = { ...process.env };
    delete env.VITEST;
    const r = spawnSync(process.execPath, [join(root, 'bin/workload-lab.mjs'), 'simulate', ...args], { encoding: 'utf8', cwd: dir, env, maxBuffer: 256 * 1024 * 1024 });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  }
  const tick = (schedule: string) => file(`tick-${schedule.length}.yaml`, `apiVersion: batch/v1
kind: CronJob
metadata: {name: tick}
spec:
  schedule: "${schedule}"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers: [{name: tick, image: busybox:1.36, command: [sh, -c, "date; sleep 5"]}]
`);

  it('a year of `* * * * *` says which hours it skipped and ends with the last three Jobs', () => {
    const r = learnerCli('--until', '8760h', tick('* * * * *'));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Simulated 2026-01-01T00:00:00Z to 2027-01-01T00:00:00Z \(8760h0m0s\)\nFast-forwarded (\d+) hours \(2026-01-01T\d\d:00:00Z to 2026-12-31T\d\d:00:00Z\)/);
    // Jobs are named by their scheduled minute since the epoch: the last three minutes of 2026
    const last = Date.UTC(2027, 0, 1) / 60_000 - 1;
    expect(r.stdout).toContain(`job/tick-${last - 2}   Complete\njob/tick-${last - 1}   Complete\njob/tick-${last}   Complete\n`);
  }, 60_000);

  it('--json reports the skipped hours; --watch, which reports every change, turns the fast-forward off', () => {
    const cron = tick('*/30 * * * *');
    const plain = JSON.parse(learnerCli('--json', '--until', '14h', cron).stdout);
    expect(plain.fastForward).toHaveLength(1);
    const [ff] = plain.fastForward;
    expect(ff.hours).toBeGreaterThan(0);
    expect(ff.period).toBe('1h0m0s');
    expect(Date.parse(ff.to) - Date.parse(ff.from)).toBe(ff.hours * 3600_000);
    const watched = JSON.parse(learnerCli('--json', '--watch', '--until', '14h', cron).stdout);
    expect(watched.fastForward).toBeUndefined();
    // the same end either way
    expect(plain.objects).toEqual(watched.objects);
    expect(plain.events).toEqual(watched.events);
  }, 60_000);
});
