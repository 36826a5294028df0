// runSimulation and the --at commands (../shared/notes/cli.md "simulate"; reference §6, §7.3, §7.4), in process.
// The fault functions of src/engine/node/faults.ts are replaced by spies: these tests check that the commands
// reach them with the right arguments and report their answers, not what a crash does to a pod.
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('../../../src/engine/node/faults.ts', () => ({
  crashContainer: vi.fn((): string | null => null),
  failNode: vi.fn((): string | null => null),
  restoreNode: vi.fn((): string | null => null),
}));

import { crashContainer, failNode, restoreNode } from '../../../src/engine/node/faults.ts';
import { runSimulation, type SimulationInput } from '../../../src/engine/sim/run-simulation.ts';
import { runCommand, splitWords } from '../../../src/engine/sim/commands.ts';
import { Simulation } from '../../../src/engine/sim/simulation.ts';
import type { SimulationReport } from '../../../src/engine/sim/report.ts';
import { GarbageCollector } from '../../../src/engine/controllers/garbage-collector/garbage-collector.ts';
import { WorkCapExceeded } from '../../../src/engine/clock/virtual-clock.ts';
import type { Controller } from '../../../src/engine/controllers/runtime.ts';

const T0 = Date.UTC(2026, 0, 1);

const deployment = `apiVersion: apps/v1
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
`;

function pod(name: string, labels: Record<string, string>, nodeName?: string): string {
  return `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  labels: ${JSON.stringify(labels)}
spec:
  ${nodeName ? `nodeName: ${nodeName}` : ''}
  containers:
  - name: main
    image: busybox
`;
}

function simulate(input: Partial<SimulationInput> & { files: SimulationInput['files'] }): SimulationReport {
  const r = runSimulation({ controllers: [], ...input });
  if ('errors' in r) throw new Error(`unexpected input errors: ${JSON.stringify(r.errors)}`);
  return r;
}

function object(report: SimulationReport, kind: string, name: string) {
  return report.objects.find((o) => o.kind === kind && o.metadata.name === name);
}

beforeEach(() => {
  vi.mocked(crashContainer).mockReset().mockReturnValue(null);
  vi.mocked(failNode).mockReset().mockReturnValue(null);
  vi.mocked(restoreNode).mockReset().mockReturnValue(null);
});

describe('runSimulation: input', () => {
  it('returns the problems of rejected input as validate reports them, and simulates nothing', () => {
    const bad = `apiVersion: batch/v1
kind: Job
metadata:
  name: pi
spec:
  backoffLimit: -1
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: pi
        image: perl
`;
    const r = runSimulation({ files: [{ name: 'ok.yaml', text: deployment }, { name: 'job.yaml', text: bad }] });
    expect(r).toEqual({
      errors: [{
        file: 'job.yaml', document: 0, kind: 'Job', name: 'pi', field: 'spec.backoffLimit', type: 'FieldValueInvalid',
        message: 'spec.backoffLimit: Invalid value: -1: must be greater than or equal to 0', line: 6, column: 3,
      }],
    });
  });

  it('applies every document at the start time and runs 10m by default', () => {
    const r = simulate({ files: [{ name: 'a.yaml', text: `${deployment}---\n${pod('solo', { app: 'solo' })}` }] });
    expect(r.start).toBe('2026-01-01T00:00:00Z');
    expect(r.end).toBe('2026-01-01T00:10:00Z');
    const web = object(r, 'Deployment', 'web')!;
    expect(web.metadata.creationTimestamp).toBe('2026-01-01T00:00:00Z');
    // spec with defaults applied (§3.1)
    expect(web.spec).toMatchObject({ replicas: 2, revisionHistoryLimit: 10, progressDeadlineSeconds: 600 });
    expect(object(r, 'Pod', 'solo')!.metadata.creationTimestamp).toBe('2026-01-01T00:00:00Z');
  });

  it('honours start and until', () => {
    const r = simulate({ files: [{ name: 'a.yaml', text: deployment }], start: Date.UTC(2030, 5, 1, 12), until: 90_000 });
    expect(r.start).toBe('2030-06-01T12:00:00Z');
    expect(r.end).toBe('2030-06-01T12:01:30Z');
    expect(object(r, 'Deployment', 'web')!.metadata.creationTimestamp).toBe('2030-06-01T12:00:00Z');
  });

  it('until done stops when nothing is left to happen (a pending command counts)', () => {
    expect(simulate({ files: [{ name: 'a.yaml', text: deployment }], until: 'done' }).end).toBe('2026-01-01T00:00:00Z');
    const r = simulate({ files: [{ name: 'a.yaml', text: deployment }], until: 'done', at: [{ offsetMs: 300_000, command: 'kubectl scale deployment/web --replicas=1' }] });
    expect(r.end).toBe('2026-01-01T00:05:00Z');
    expect(object(r, 'Deployment', 'web')!.spec).toMatchObject({ replicas: 1 });
  });

  it('uses the v1 Node documents as the cluster, else the default cluster', () => {
    const nodes = ['a', 'b'].map((n) => `apiVersion: v1
kind: Node
metadata:
  name: ${n}
status:
  capacity: {cpu: "2", memory: 4Gi, pods: "110"}
  allocatable: {cpu: "2", memory: 4Gi, pods: "110"}
`).join('---\n');
    const custom = simulate({ files: [{ name: 'nodes.yaml', text: nodes }, { name: 'd.yaml', text: deployment }] });
    expect(custom.objects.filter((o) => o.kind === 'Node').map((o) => o.metadata.name)).toEqual(['a', 'b']);
    const dflt = simulate({ files: [{ name: 'd.yaml', text: deployment }] });
    expect(dflt.objects.filter((o) => o.kind === 'Node').map((o) => o.metadata.name)).toEqual(['gpu-node-1', 'gpu-node-2', 'node-1', 'node-2', 'node-3']);
  });
});

describe('runSimulation: report', () => {
  it('lists every object but Events sorted by kind, namespace and name, with sorted keys', () => {
    const other = pod('z', { app: 'z' }).replace('name: z', 'name: z\n  namespace: aaa');
    const r = simulate({ files: [{ name: 'a.yaml', text: `${pod('b', { app: 'b' })}---\n${deployment}---\n${pod('a', { app: 'a' })}---\n${other}` }] });
    const keys = r.objects.map((o) => `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`);
    expect(keys).toEqual([
      'Deployment/default/web',
      'Node//gpu-node-1', 'Node//gpu-node-2', 'Node//node-1', 'Node//node-2', 'Node//node-3',
      'Pod/aaa/z', 'Pod/default/a', 'Pod/default/b',
    ]);
    for (const o of r.objects) expect(Object.keys(o)).toEqual([...Object.keys(o)].sort());
    expect(Object.keys(object(r, 'Pod', 'a')!.metadata)).toEqual([...Object.keys(object(r, 'Pod', 'a')!.metadata)].sort());
    expect(Object.keys(r)).toEqual(['start', 'end', 'objects', 'events', 'commands']);
  });

  it('reports events as core/v1 Events (here: the garbage collector\'s OwnerRefInvalidNamespace, §6)', () => {
    // A ConfigMap in team-b owned by a uid that lives in team-a: the collector warns, then deletes it.
    const input = { files: [{ name: 'a.yaml', text: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: owner\n  namespace: team-a\n' }] };
    const sim = runSimulation({ ...input, controllers: [] });
    if ('errors' in sim) throw new Error('rejected');
    const ownerUid = sim.objects.find((o) => o.kind === 'ConfigMap')!.metadata.uid;
    const gc = new GarbageCollector();
    const seeder: Controller = {
      name: 'test-seeder',
      start(ctx) {
        // Same seed, so the owner gets the same uid; the dependent is created 5 s in.
        ctx.clock.after(5000, 'seed', () => {
          ctx.api.createInternal({
            apiVersion: 'v1', kind: 'ConfigMap',
            metadata: { name: 'dep', namespace: 'team-b', uid: '', resourceVersion: '', creationTimestamp: '',
              ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'owner', uid: ownerUid }] },
          });
        });
      },
    };
    const r = simulate({ ...input, controllers: [gc, seeder] });
    expect(r.events).toHaveLength(1);
    expect(r.events[0]).toMatchObject({
      type: 'Warning', reason: 'OwnerRefInvalidNamespace',
      message: `ownerRef [v1/ConfigMap, namespace: team-b, name: owner, uid: ${ownerUid}] does not exist in namespace "team-b"`,
      involvedObject: { kind: 'ConfigMap', name: 'dep', namespace: 'team-b' },
      firstTimestamp: '2026-01-01T00:00:05Z', lastTimestamp: '2026-01-01T00:00:05Z', count: 1,
      source: { component: 'garbage-collector-controller' },
    });
    expect(object(r, 'ConfigMap', 'dep')).toBeUndefined();
  });

  it('records every change with --watch, from the first apply on', () => {
    const r = simulate({
      files: [{ name: 'a.yaml', text: `${deployment}---\n${pod('solo', { app: 'solo' })}` }], watch: true,
      at: [{ offsetMs: 30_000, command: 'kubectl scale deployment/web --replicas=3' }, { offsetMs: 60_000, command: 'kubectl delete pod solo' }],
    });
    expect(r.watch!.map((w) => `${w.time} ${w.type} ${w.object.kind}/${w.object.metadata.name}`)).toEqual([
      '2026-01-01T00:00:00Z ADDED Deployment/web',
      '2026-01-01T00:00:00Z ADDED Pod/solo',
      '2026-01-01T00:00:30Z MODIFIED Deployment/web',
      '2026-01-01T00:01:00Z DELETED Pod/solo',
    ]);
    expect(r.watch![2]!.object.spec).toMatchObject({ replicas: 3 });
  });

  it('is deterministic: the same input and seed give the same report, another seed other generated names', () => {
    // A stand-in for the workload controllers: one pod from generateName (§0.1) a second in.
    const spawner = (): Controller => ({
      name: 'test-spawner',
      start(ctx) {
        ctx.clock.after(1000, 'spawn', () => {
          ctx.api.createInternal({
            apiVersion: 'v1', kind: 'Pod',
            metadata: { name: '', generateName: 'web-', namespace: 'default', uid: '', resourceVersion: '', creationTimestamp: '' },
            spec: { containers: [{ name: 'main', image: 'busybox' }] },
          });
        });
      },
    });
    const run = (seed: number) => simulate({ files: [{ name: 'a.yaml', text: `${deployment}---\n${pod('solo', { app: 'solo' })}` }], watch: true, seed, controllers: [spawner()] });
    const a = JSON.stringify(run(7));
    expect(JSON.stringify(run(7))).toBe(a);
    const generated = (r: SimulationReport) => r.objects.find((o) => o.metadata.generateName === 'web-')!.metadata.name;
    const first = JSON.parse(a) as SimulationReport;
    const other = run(8);
    expect(generated(first)).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(generated(other)).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(generated(other)).not.toBe(generated(first));
    expect(object(other, 'Pod', 'solo')!.metadata.uid).not.toBe(object(first, 'Pod', 'solo')!.metadata.uid);
  });

  it('stops a runaway simulation with WorkCapExceeded', () => {
    const runaway: Controller = { name: 'runaway', start(ctx) { const loop = () => ctx.clock.after(1, 'loop', loop); loop(); } };
    expect(() => runSimulation({ files: [{ name: 'a.yaml', text: deployment }], controllers: [runaway], maxTasks: 1000 })).toThrow(WorkCapExceeded);
  });
});

describe('--at commands', () => {
  it('run at their offsets, in the order given for equal offsets, and report kubectl output (§7.4)', () => {
    const r = simulate({
      files: [{ name: 'a.yaml', text: deployment }],
      at: [
        { offsetMs: 90_000, command: 'kubectl scale deployment web --replicas 4' },
        { offsetMs: 30_000, command: 'kubectl scale deployment/web --replicas=5' },
        { offsetMs: 30_000, command: 'kubectl scale deploy/nope --replicas=5' },
      ],
    });
    expect(r.commands).toEqual([
      { at: '2026-01-01T00:00:30Z', command: 'kubectl scale deployment/web --replicas=5', exitCode: 0, output: 'deployment.apps/web scaled' },
      // §7.3: kubectl 1.35 prints the NotFound server error for scale
      { at: '2026-01-01T00:00:30Z', command: 'kubectl scale deploy/nope --replicas=5', exitCode: 1, output: 'Error from server (NotFound): deployments.apps "nope" not found' },
      { at: '2026-01-01T00:01:30Z', command: 'kubectl scale deployment web --replicas 4', exitCode: 0, output: 'deployment.apps/web scaled' },
    ]);
    const web = object(r, 'Deployment', 'web')!;
    expect(web.spec).toMatchObject({ replicas: 4 });
    expect(web.metadata.generation).toBe(3);
  });
});

describe('runCommand', () => {
  function sim() {
    const s = new Simulation({ startMs: T0, seed: 2 });
    const pods: [string, Record<string, string>, string?][] = [['web-1', { app: 'web' }, 'node-1'], ['web-2', { app: 'web', tier: 'x' }, 'node-2'], ['db', { app: 'db' }]];
    for (const [name, labels, nodeName] of pods) {
      const r = s.apply({ apiVersion: 'v1', kind: 'Pod', metadata: { name, labels }, spec: { ...(nodeName ? { nodeName } : {}), containers: [{ name: 'main', image: 'busybox' }] } });
      if (r.error) throw new Error(r.error.message);
    }
    return s;
  }

  it('kubectl delete pod NAME: graceful for a bound pod, kubectl 1.34+ wording (§1.9, §7.4)', () => {
    const s = sim();
    expect(runCommand(s, 'kubectl delete pod web-1')).toEqual({ exitCode: 0, output: 'pod "web-1" deleted from default namespace' });
    expect(s.api.get('Pod', 'default', 'web-1')!.metadata.deletionGracePeriodSeconds).toBe(30);
    // an unbound pod goes at once
    expect(runCommand(s, 'kubectl delete pods/db').exitCode).toBe(0);
    expect(s.api.get('Pod', 'default', 'db')).toBeUndefined();
  });

  it('kubectl delete pod -l SELECTOR deletes every match; NotFound and empty matches as kubectl prints them', () => {
    const s = sim();
    expect(runCommand(s, 'kubectl delete pod -l app=web')).toEqual({
      exitCode: 0, output: 'pod "web-1" deleted from default namespace\npod "web-2" deleted from default namespace',
    });
    expect(runCommand(s, 'kubectl delete pod -l "app in (nothing)"')).toEqual({ exitCode: 0, output: 'No resources found' });
    expect(runCommand(s, 'kubectl delete pod ghost')).toEqual({ exitCode: 1, output: 'Error from server (NotFound): pods "ghost" not found' });
    expect(runCommand(s, 'kubectl delete pod ghost --ignore-not-found')).toEqual({ exitCode: 0, output: '' });
  });

  it('understands selector operators and namespaces', () => {
    const s = sim();
    expect(runCommand(s, "kubectl delete po -l 'app=web,tier!=x'").output).toBe('pod "web-1" deleted from default namespace');
    expect(runCommand(s, 'kubectl delete pod -l tier').output).toBe('pod "web-2" deleted from default namespace');
    expect(runCommand(s, 'kubectl -n other delete pod -l app')).toEqual({ exitCode: 0, output: 'No resources found' });
    expect(runCommand(s, 'kubectl delete pod -l "a in (b"').exitCode).toBe(1);
  });

  it('kubectl delete --force removes at once with the warning; --now uses a 1 s grace period', () => {
    const s = sim();
    expect(runCommand(s, 'kubectl delete pod web-1 --force')).toEqual({
      exitCode: 0,
      output: 'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\npod "web-1" force deleted from default namespace',
    });
    expect(s.api.get('Pod', 'default', 'web-1')).toBeUndefined();
    expect(runCommand(s, 'kubectl delete pod web-2 --now').exitCode).toBe(0);
    expect(s.api.get('Pod', 'default', 'web-2')!.metadata.deletionGracePeriodSeconds).toBe(1);
    expect(runCommand(s, 'kubectl delete pod db --force --grace-period=5')).toEqual({ exitCode: 1, output: 'error: --force and --grace-period greater than 0 cannot be specified together' });
  });

  it('answers other kubectl commands with a clear error, never a throw', () => {
    const s = sim();
    // Commands kubectl has but the lab does not simulate say so, and what to do instead.
    expect(runCommand(s, 'kubectl exec web-1 -- ls')).toMatchObject({ exitCode: 1, output: expect.stringMatching(/^error: "kubectl exec" is not simulated: /) });
    // kubectl delete works on every kind now; this cluster has no Deployment (§7.3 NotFound).
    expect(runCommand(s, 'kubectl delete deployment web')).toEqual({ exitCode: 1, output: 'Error from server (NotFound): deployments.apps "web" not found' });
    expect(runCommand(s, 'kubectl delete frobs x')).toEqual({ exitCode: 1, output: 'error: the server doesn\'t have a resource type "frobs"' });
    expect(runCommand(s, 'kubectl delete pod')).toEqual({ exitCode: 1, output: 'error: resource(s) were provided, but no name was specified' });
    expect(runCommand(s, 'kubectl scale deployment/web')).toEqual({ exitCode: 1, output: 'error: required flag(s) "replicas" not set' });
    expect(runCommand(s, 'kubectl scale deployment/web --replicas=-1').exitCode).toBe(1);
    // kubectl 1.35.2 adds its usage line to flag errors (tests/golden/kubectl-write/recorded/06).
    expect(runCommand(s, 'kubectl delete pod web-1 --bogus')).toEqual({ exitCode: 1, output: "error: unknown flag: --bogus\nSee 'kubectl delete --help' for usage." });
    for (const line of ['', 'kubectl', 'rm -rf /', 'lab', 'lab explode', 'kubectl delete pod "web-1', 'lab crash', 'lab crash web-1 -l app=web', 'lab crash web-1 --exit-code x', 'lab fail-node']) {
      const r = runCommand(s, line);
      expect(r.exitCode, line).toBe(1);
      expect(r.output, line).toMatch(/^error: /);
    }
  });

  it('lab crash calls crashContainer for the pod, or every pod matching -l, with the exit code', () => {
    const s = sim();
    expect(runCommand(s, 'lab crash web-1')).toEqual({ exitCode: 0, output: 'pod/web-1 crashed (exit code 137)' });
    expect(crashContainer).toHaveBeenLastCalledWith(s.context, 'default', 'web-1', undefined);
    expect(runCommand(s, 'lab crash -l app=web --exit-code 3')).toEqual({ exitCode: 0, output: 'pod/web-1 crashed (exit code 3)\npod/web-2 crashed (exit code 3)' });
    expect(vi.mocked(crashContainer).mock.calls.slice(1)).toEqual([[s.context, 'default', 'web-1', 3], [s.context, 'default', 'web-2', 3]]);
    vi.mocked(crashContainer).mockReturnValue('pod "web-1" has no running container');
    expect(runCommand(s, 'lab crash web-1')).toEqual({ exitCode: 1, output: 'error: pod "web-1" has no running container' });
  });

  it('lab fail-node / restore-node call the node faults and report their errors', () => {
    const s = sim();
    expect(runCommand(s, 'lab fail-node node-2')).toEqual({ exitCode: 0, output: 'node/node-2 failed' });
    expect(failNode).toHaveBeenCalledWith(s.context, 'node-2');
    expect(runCommand(s, 'lab restore-node node-2')).toEqual({ exitCode: 0, output: 'node/node-2 restored' });
    expect(restoreNode).toHaveBeenCalledWith(s.context, 'node-2');
    vi.mocked(failNode).mockReturnValue('nodes "x" not found');
    expect(runCommand(s, 'lab fail-node x')).toEqual({ exitCode: 1, output: 'error: nodes "x" not found' });
  });

  it('splits words like a shell', () => {
    expect(splitWords(`kubectl delete pod -l 'app in (a, b)' "x y" z\\ w`)).toEqual(['kubectl', 'delete', 'pod', '-l', 'app in (a, b)', 'x y', 'z w']);
    expect(splitWords(`a "b`)).toBe('unterminated quoted string');
  });
});
