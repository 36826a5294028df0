// `kubectl get` on a simulated cluster running corpus manifests (nginx-deployment.yaml, job.yaml) and a
// per-minute CronJob. Expected tables are written from the reference's column definitions (§1.6 pods,
// §2.5 rs, §3.13 deploy, §4.14 jobs, §5.13 cronjobs) and the recorded kubectl 1.35 outputs (errors,
// `No resources found`, List wrapping, `kind/` prefixes and blank lines of `get all`).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Deployment, Pod, ReplicaSet } from '../../../src/engine/api/kinds.ts';
import type { KubeObject } from '../../../src/engine/api/objects.ts';
import { runGet } from '../../../src/engine/kubectl/get.ts';
import { defaultControllers } from '../../../src/engine/sim/default-controllers.ts';
import { Simulation } from '../../../src/engine/sim/simulation.ts';
import { readManifests } from '../../../src/engine/yaml/index.ts';

const corpus = join(import.meta.dirname, '../../../../shared/corpus/kubernetes-website');
const recorded = join(import.meta.dirname, '../../golden/kubectl-oracle/recorded');
const rec = (dir: string, f: string) => readFileSync(join(recorded, dir, f), 'utf8');

const START = Date.parse('2026-01-01T00:00:00Z');
const CRONJOB = {
  apiVersion: 'batch/v1',
  kind: 'CronJob',
  metadata: { name: 'hello' },
  spec: { schedule: '*/1 * * * *', jobTemplate: { spec: { template: { spec: { containers: [{ name: 'hello', image: 'busybox:1.28', command: ['sh', '-c', 'date; echo Hello'] }], restartPolicy: 'OnFailure' } } } } },
};

let sim: Simulation;
let now: number;
const get = (...args: string[]) => runGet(sim.api, now, args);

/** A table row as kubectl's tabwriter lays it out: each cell but the last padded to `widths[i]`. */
const row = (widths: number[], cells: string[]) => cells.map((c, i) => (i < cells.length - 1 ? c.padEnd(widths[i]!) : c)).join('') + '\n';
/** Column width = longest cell + 3 (tabwriter padding), at least 6. */
const colWidth = (...cells: string[]) => Math.max(6, ...cells.map((c) => c.length + 3));

beforeAll(() => {
  sim = new Simulation({ startMs: START, controllers: defaultControllers() });
  for (const f of ['nginx-deployment.yaml', 'job.yaml']) {
    for (const d of readManifests(readFileSync(join(corpus, f), 'utf8')).documents) expect(sim.apply(d.value as Record<string, unknown>).error).toBeUndefined();
  }
  expect(sim.apply(CRONJOB).error).toBeUndefined();
  sim.runFor(150_000);
  now = sim.clock.now();
  expect(now).toBe(START + 150_000);
});

describe('tables', () => {
  it('get deploy: READY = ready/desired, UP-TO-DATE, AVAILABLE, AGE (§3.13)', () => {
    const r = get('deploy');
    expect(r).toEqual({
      exitCode: 0,
      stderr: '',
      stdout: 'NAME               READY   UP-TO-DATE   AVAILABLE   AGE\n' + 'nginx-deployment   3/3     3            3           2m30s\n',
    });
  });

  it('get deploy -o wide adds CONTAINERS, IMAGES, SELECTOR (§3.13)', () => {
    expect(get('deployments.apps', '-o', 'wide').stdout).toBe(
      'NAME               READY   UP-TO-DATE   AVAILABLE   AGE     CONTAINERS   IMAGES         SELECTOR\n' +
        'nginx-deployment   3/3     3            3           2m30s   nginx        nginx:1.14.2   app.kubernetes.io/name=nginx\n',
    );
  });

  it('get rs: DESIRED, CURRENT, READY, AGE (§2.5)', () => {
    const [rs] = sim.api.list<ReplicaSet>('ReplicaSet');
    const name = rs!.metadata.name;
    const w = [colWidth('NAME', name), 10, 10, 8];
    expect(get('rs').stdout).toBe(row(w, ['NAME', 'DESIRED', 'CURRENT', 'READY', 'AGE']) + row(w, [name, '3', '3', '3', '2m30s']));
  });

  it('get pods: READY, STATUS, RESTARTS, AGE (§1.6)', () => {
    const pods = sim.api.list<Pod>('Pod');
    for (const p of pods) expect(p.metadata.creationTimestamp.slice(0, 17)).toMatch(/^2026-01-01T00:0[0-2]:$/);
    const nginx = pods.filter((p) => p.metadata.name.startsWith('nginx-deployment-'));
    const pi = pods.filter((p) => p.metadata.labels?.['job-name'] === 'pi');
    expect(nginx).toHaveLength(3);
    expect(pi).toHaveLength(1);
    const r = get('pods', '-l', 'app.kubernetes.io/name=nginx');
    const nameW = colWidth('NAME', ...nginx.map((p) => p.metadata.name));
    const w = [nameW, 8, 10, 11];
    const expected = row(w, ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE']) + nginx.map((p) => row(w, [p.metadata.name, '1/1', 'Running', '0', '2m30s'])).join('');
    expect(r.stdout).toBe(expected);
    // The pi pod ran to completion with exit 0: 0/1 Completed (§1.6 table).
    const line = get('pod', pi[0]!.metadata.name).stdout.split('\n')[1]!;
    expect(line.split(/ {2,}/)).toEqual([pi[0]!.metadata.name, '0/1', 'Completed', '0', '2m30s']);
  });

  it('get jobs: STATUS, COMPLETIONS, DURATION, AGE (§4.14)', () => {
    const job = sim.api.get('Job', 'default', 'pi')!;
    const st = job.status as { startTime: string; completionTime: string };
    const seconds = (Date.parse(st.completionTime) - Date.parse(st.startTime)) / 1000;
    expect(seconds).toBeLessThan(120); // HumanDuration prints whole seconds below two minutes
    const r = get('jobs', 'pi');
    const w = [colWidth('NAME', 'pi'), colWidth('STATUS', 'Complete'), colWidth('COMPLETIONS'), colWidth('DURATION')];
    expect(r.stdout).toBe(row(w, ['NAME', 'STATUS', 'COMPLETIONS', 'DURATION', 'AGE']) + row(w, ['pi', 'Complete', '1/1', `${seconds}s`, '2m30s']));
  });

  it('get cronjobs: SCHEDULE, TIMEZONE <none>, SUSPEND False, ACTIVE, LAST SCHEDULE, AGE (§5.13)', () => {
    const cj = sim.api.get('CronJob', 'default', 'hello')!;
    expect((cj.status as { active?: unknown[] }).active ?? []).toHaveLength(0);
    // Scheduled at 00:01:00 and 00:02:00; at 00:02:30 the last schedule is 30s old.
    expect(get('cj').stdout).toBe(
      'NAME    SCHEDULE      TIMEZONE   SUSPEND   ACTIVE   LAST SCHEDULE   AGE\n' + 'hello   */1 * * * *   <none>     False     0        30s             2m30s\n',
    );
  });

  it('get all: pods, deployments, replicasets, cronjobs, jobs with kind/ prefixes and blank lines (recorded 08)', () => {
    const out = get('all').stdout;
    const tables = out.split('\n\n');
    expect(tables).toHaveLength(5);
    const prefixes = tables.map((t) => t.split('\n')[1]!.split('/')[0]);
    expect(prefixes).toEqual(['pod', 'deployment.apps', 'replicaset.apps', 'cronjob.batch', 'job.batch']);
    for (const t of tables) expect(t.startsWith('NAME ')).toBe(true);
  });

  it('several types: prefixes only when more than one kind is printed', () => {
    const out = get('deploy,jobs.batch').stdout;
    expect(out).toContain('deployment.apps/nginx-deployment ');
    expect(out).toContain('\n\nNAME ');
    expect(out).toContain('job.batch/pi ');
    expect(get('deploy,tfjobs').stdout.startsWith('NAME               READY')).toBe(true);
  });

  it('--show-labels appends LABELS; -A prepends NAMESPACE', () => {
    const labels = get('deploy', '--show-labels').stdout.split('\n');
    // AGE column: widest cell '2m30s' + 3 = 8 characters.
    expect(labels[0]).toBe('NAME               READY   UP-TO-DATE   AVAILABLE   AGE     LABELS');
    expect(labels[1]).toBe('nginx-deployment   3/3     3            3           2m30s   app.kubernetes.io/name=nginx');
    expect(get('deploy', '-A').stdout.split('\n')[0]).toBe('NAMESPACE   NAME               READY   UP-TO-DATE   AVAILABLE   AGE');
    expect(get('nodes', '-A').stdout.startsWith('NAME ')).toBe(true); // cluster-scoped: no NAMESPACE column
  });
});

describe('-o name, json, yaml', () => {
  it('-o name: resource[.group]/name (§7.4, recorded 05)', () => {
    expect(get('deploy', '-o', 'name').stdout).toBe('deployment.apps/nginx-deployment\n');
    expect(get('cronjob', 'hello', '-o', 'name').stdout).toBe('cronjob.batch/hello\n');
    const pods = get('pods', '-o', 'name').stdout.trimEnd().split('\n');
    expect(pods).toHaveLength(sim.api.list('Pod').length);
    for (const l of pods) expect(l).toMatch(/^pod\/[a-z0-9-]+$/);
  });

  it('-o json of one named Job has the structure of recorded 17-get-job-pi-o-json', () => {
    const r = get('job', 'pi', '-o', 'json');
    const ours = JSON.parse(r.stdout) as KubeObject;
    const real = JSON.parse(rec('17-get-job-pi-o-json', 'stdout.txt')) as KubeObject;
    expect(Object.keys(ours)).toEqual(Object.keys(real));
    // Our Job was created by `kubectl apply`, which adds the last-applied annotation; recorded 17's was not.
    expect(Object.keys(ours.metadata).filter((k) => k !== 'annotations')).toEqual(Object.keys(real.metadata));
    expect(Object.keys(ours.spec!)).toEqual(Object.keys(real.spec!));
    expect(Object.keys(ours.status!)).toEqual(Object.keys(real.status!));
    expect(r.stdout.startsWith('{\n    "apiVersion": "batch/v1",\n    "kind": "Job",\n    "metadata": {\n        "annotations": {\n')).toBe(true);
    expect(r.stdout).toContain('\n        "creationTimestamp": "2026-01-01T00:00:00Z",\n');
  });

  it('-o json|yaml of a list: a v1 List with metadata.resourceVersion "" (recorded 14)', () => {
    const json = get('deploy', '-o', 'json').stdout;
    expect(json.startsWith('{\n    "apiVersion": "v1",\n    "items": [\n        {\n            "apiVersion": "apps/v1",')).toBe(true);
    expect(json.endsWith('    ],\n    "kind": "List",\n    "metadata": {\n        "resourceVersion": ""\n    }\n}\n')).toBe(true);
    const yaml = get('deploy', '-o', 'yaml').stdout;
    expect(yaml.startsWith('apiVersion: v1\nitems:\n- apiVersion: apps/v1\n  kind: Deployment\n')).toBe(true);
    expect(yaml.endsWith('kind: List\nmetadata:\n  resourceVersion: ""\n')).toBe(true);
    expect(get('pods', '-n', 'empty', '-o', 'json').stdout).toBe('{\n    "apiVersion": "v1",\n    "items": [],\n    "kind": "List",\n    "metadata": {\n        "resourceVersion": ""\n    }\n}\n');
  });

  it('-o yaml of one named object is the object itself', () => {
    const d = sim.api.get<Deployment>('Deployment', 'default', 'nginx-deployment')!;
    const y = get('deploy', 'nginx-deployment', '-o', 'yaml').stdout;
    expect(y.startsWith('apiVersion: apps/v1\nkind: Deployment\nmetadata:\n')).toBe(true);
    expect(y).toContain(`  resourceVersion: "${d.metadata.resourceVersion}"\n`);
  });
});

describe('errors and empty results (recorded outputs)', () => {
  it.each([
    ['40-get-podz', ['podz']],
    ['41-get-pod-nope', ['pod', 'nope']],
    ['42-get-deployment-nope', ['deployment', 'nope']],
  ])('%s', (dir, args) => {
    const r = get(...args);
    expect(r.stderr).toBe(rec(dir, 'stderr.txt'));
    expect(r.stdout).toBe(rec(dir, 'stdout.txt'));
    expect(String(r.exitCode)).toBe(rec(dir, 'exit-code.txt').trim());
  });

  it('NotFound names the qualified resource (§7.3)', () => {
    expect(get('jobs', 'nope').stderr).toBe('Error from server (NotFound): jobs.batch "nope" not found\n');
    expect(get('cj/nope').stderr).toBe('Error from server (NotFound): cronjobs.batch "nope" not found\n');
  });

  it('found and missing names: the table for the found ones, the error after, exit 1', () => {
    const r = get('deploy', 'nginx-deployment', 'nope');
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toContain('nginx-deployment   3/3');
    expect(r.stderr).toBe('Error from server (NotFound): deployments.apps "nope" not found\n');
  });

  it('No resources found in <ns> namespace. on stderr, exit 0 (§1.6)', () => {
    expect(get('pods', '-n', 'kube-system')).toEqual({ exitCode: 0, stdout: '', stderr: 'No resources found in kube-system namespace.\n' });
    expect(get('tfjobs')).toEqual({ exitCode: 0, stdout: '', stderr: 'No resources found in default namespace.\n' });
    expect(get('tfjobs', '-A')).toEqual({ exitCode: 0, stdout: '', stderr: 'No resources found\n' });
  });

  it('unknown flag, missing resource type, watch', () => {
    expect(get('pods', '--foo')).toEqual({ exitCode: 1, stdout: '', stderr: "error: unknown flag: --foo\nSee 'kubectl get --help' for usage.\n" });
    expect(get().stderr).toContain('error: Required resource not specified.\n');
    const w = get('pods', '-w');
    expect(w.exitCode).toBe(1);
    expect(w.stderr).toMatch(/not supported/);
    expect(get('pod', 'x', '-A').stderr).toBe('error: a resource cannot be retrieved by name across all namespaces\n');
  });
});

describe('runKubectl (a whole typed line)', () => {
  it('splits the line, accepts flags before the subcommand, and runs get', async () => {
    const { runKubectl } = await import('../../../src/engine/kubectl/index.ts');
    expect(runKubectl({ sim }, `kubectl -n default get deploy -o 'name'`)).toEqual({ exitCode: 0, stdout: 'deployment.apps/nginx-deployment\n', stderr: '' });
    expect(runKubectl({ sim }, 'kubectl get podz').stderr).toBe(rec('40-get-podz', 'stderr.txt'));
    expect(runKubectl({ sim }, 'kubectl logs x').exitCode).toBe(1);
  });
});
