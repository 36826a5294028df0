// Container behaviour (notes/cli.md "Container behaviour"): one test per rule of container-behaviour.ts.
import { describe, expect, it } from 'vitest';
import type { Container, Pod } from '../../../src/engine/api/kinds.ts';
import {
  containerBehaviour, indexedValue, mainContainerName, perPodAttempts, podIndex, probePassAfterMs, scopedAttempts,
  SIGTERM_EXIT_MS, TRAINING_RUN_MS, UNKNOWN_BATCH_RUN_MS, UNKNOWN_INIT_RUN_MS, workloadAttemptScope,
} from '../../../src/engine/node/container-behaviour.ts';
import { analyseArgv, IMMEDIATE_RUN_MS, PI_RUN_MS } from '../../../src/engine/node/command.ts';
import { formatGoDuration } from '../../../src/engine/node/go-duration-string.ts';

function mkPod(opts: { annotations?: Record<string, string>; labels?: Record<string, string>; restartPolicy?: 'Always' | 'OnFailure' | 'Never'; containers?: Container[]; owner?: { kind: string; uid: string } } = {}): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: 'p', namespace: 'default', uid: 'pod-uid', resourceVersion: '1', creationTimestamp: '',
      annotations: opts.annotations, labels: opts.labels,
      ownerReferences: opts.owner ? [{ apiVersion: 'batch/v1', kind: opts.owner.kind, name: 'o', uid: opts.owner.uid, controller: true }] : undefined,
    },
    spec: { restartPolicy: opts.restartPolicy ?? 'Always', containers: opts.containers ?? [{ name: 'app', image: 'busybox:1.36', command: ['sleep', '3600'] }] },
  };
}

const main = (p: Pod) => p.spec!.containers[0]!;

describe('rule 1: the main container', () => {
  it('is the first container unless kubectl.kubernetes.io/default-container names another', () => {
    const containers = [{ name: 'a', image: 'nginx' }, { name: 'b', image: 'nginx' }];
    expect(mainContainerName(mkPod({ containers }))).toBe('a');
    expect(mainContainerName(mkPod({ containers, annotations: { 'kubectl.kubernetes.io/default-container': 'b' } }))).toBe('b');
  });

  it('is the tensorflow / pytorch container of a Kubeflow replica pod', () => {
    const containers = [{ name: 'sidecar', image: 'nginx' }, { name: 'pytorch', image: 'x/train' }];
    expect(mainContainerName(mkPod({ containers, labels: { 'training.kubeflow.org/replica-type': 'worker' } }))).toBe('pytorch');
  });

  it('is the only container the annotations act on', () => {
    const containers = [{ name: 'a', image: 'nginx:1.27' }, { name: 'b', image: 'nginx:1.27' }];
    const p = mkPod({ containers, annotations: { 'sim.workload-lab.dev/duration': '5s', 'sim.workload-lab.dev/image-pull': 'fail' } });
    expect(containerBehaviour(p, containers[0]!, 'regular').run(0).durationMs).toBe(5000);
    expect(containerBehaviour(p, containers[0]!, 'regular').imagePullFails).toBe(true);
    expect(containerBehaviour(p, containers[1]!, 'regular').run(0).durationMs).toBeNull();
    expect(containerBehaviour(p, containers[1]!, 'regular').imagePullFails).toBe(false);
  });
});

describe('rule 2: duration', () => {
  it('takes a Go duration or forever and overrides the command', () => {
    const p = mkPod({ annotations: { 'sim.workload-lab.dev/duration': '2m30s' } });
    expect(containerBehaviour(p, main(p), 'regular').run(0)).toEqual({ durationMs: 150_000, exitCode: 0 });
    const q = mkPod({ annotations: { 'sim.workload-lab.dev/duration': 'forever' }, containers: [{ name: 'app', image: 'busybox', command: ['true'] }] });
    expect(containerBehaviour(q, main(q), 'regular').run(0).durationMs).toBeNull();
  });

  it('has a per-index form keyed by the completion index annotation, with * as fallback', () => {
    const ann = { 'sim.workload-lab.dev/duration': '0=10s,3=1m,*=30s' };
    const at = (i: string | undefined) => {
      const p = mkPod({ annotations: { ...ann, ...(i !== undefined ? { 'batch.kubernetes.io/job-completion-index': i } : {}) } });
      return containerBehaviour(p, main(p), 'regular').run(0).durationMs;
    };
    expect(at('0')).toBe(10_000);
    expect(at('3')).toBe(60_000);
    expect(at('1')).toBe(30_000);
    expect(at(undefined)).toBe(30_000);
  });

  it('reads the index from the completion-index label or the Kubeflow replica-index label too', () => {
    expect(podIndex(mkPod({ labels: { 'batch.kubernetes.io/job-completion-index': '4' } }))).toBe(4);
    expect(podIndex(mkPod({ labels: { 'training.kubeflow.org/replica-index': '2' } }))).toBe(2);
    expect(podIndex(mkPod())).toBeNull();
  });

  it('ignores a value that does not parse and an index without entry or *', () => {
    expect(indexedValue('0=10s', 1)).toBeUndefined();
    const p = mkPod({ annotations: { 'sim.workload-lab.dev/duration': 'soon' } });
    expect(containerBehaviour(p, main(p), 'regular').run(0).durationMs).toBe(3_600_000); // the command's `sleep 3600`
    const q = mkPod({ annotations: { 'sim.workload-lab.dev/duration': 'soon' }, containers: [{ name: 'app', image: 'busybox', command: ['sleep', '7'] }] });
    expect(containerBehaviour(q, main(q), 'regular').run(0).durationMs).toBe(7000);
  });
});

describe('rule 3: exit-code', () => {
  it('sets the code of every run, with a per-index form', () => {
    const p = mkPod({ annotations: { 'sim.workload-lab.dev/exit-code': '1=42,*=0', 'batch.kubernetes.io/job-completion-index': '1' } });
    expect(containerBehaviour(p, main(p), 'regular').run(0).exitCode).toBe(42);
    const q = mkPod({ annotations: { 'sim.workload-lab.dev/exit-code': '1=42,*=0', 'batch.kubernetes.io/job-completion-index': '2' } });
    expect(containerBehaviour(q, main(q), 'regular').run(0).exitCode).toBe(0);
  });
});

describe('rule 4: fail-attempts', () => {
  it('fails the first N runs with the exit code, or 1 when it is 0, then succeeds', () => {
    const p = mkPod({ annotations: { 'sim.workload-lab.dev/fail-attempts': '2', 'sim.workload-lab.dev/duration': '1s' } });
    const b = containerBehaviour(p, main(p), 'regular');
    expect(b.countsAttempts).toBe(true);
    expect([0, 1, 2, 3].map((n) => b.run(n).exitCode)).toEqual([1, 1, 0, 0]);
    const q = mkPod({ annotations: { 'sim.workload-lab.dev/fail-attempts': '1', 'sim.workload-lab.dev/exit-code': '3' } });
    const c = containerBehaviour(q, main(q), 'regular');
    expect([c.run(0).exitCode, c.run(1).exitCode]).toEqual([3, 0]);
  });

  it('counts per pod by default and per Job, completion index or Kubeflow replica with the workload scope', () => {
    const perPod = perPodAttempts();
    const a = mkPod();
    const b = { ...mkPod(), metadata: { ...mkPod().metadata, uid: 'other' } };
    expect([perPod.next(a, 'app'), perPod.next(a, 'app'), perPod.next(b, 'app')]).toEqual([0, 1, 0]);

    const scoped = scopedAttempts(workloadAttemptScope);
    const job1 = mkPod({ owner: { kind: 'Job', uid: 'j' } });
    const job2 = { ...job1, metadata: { ...job1.metadata, uid: 'pod-2' } };
    expect([scoped.next(job1, 'app'), scoped.next(job2, 'app')]).toEqual([0, 1]); // across the pods of a non-indexed Job
    const idx0 = mkPod({ owner: { kind: 'Job', uid: 'k' }, annotations: { 'batch.kubernetes.io/job-completion-index': '0' } });
    const idx1 = mkPod({ owner: { kind: 'Job', uid: 'k' }, annotations: { 'batch.kubernetes.io/job-completion-index': '1' } });
    expect([scoped.next(idx0, 'app'), scoped.next(idx1, 'app'), scoped.next(idx0, 'app')]).toEqual([0, 0, 1]);
    const w0 = mkPod({ owner: { kind: 'PyTorchJob', uid: 't' }, labels: { 'training.kubeflow.org/replica-type': 'worker', 'training.kubeflow.org/replica-index': '0' } });
    const m0 = mkPod({ owner: { kind: 'PyTorchJob', uid: 't' }, labels: { 'training.kubeflow.org/replica-type': 'master', 'training.kubeflow.org/replica-index': '0' } });
    expect([scoped.next(w0, 'pytorch'), scoped.next(m0, 'pytorch'), scoped.next(w0, 'pytorch')]).toEqual([0, 0, 1]);
  });
});

describe('rule 5: ready-after and probes', () => {
  it('ready-after sets the delay from start to Ready', () => {
    const p = mkPod({ annotations: { 'sim.workload-lab.dev/ready-after': '15s' } });
    expect(containerBehaviour(p, main(p), 'regular').readyAfterMs).toBe(15_000);
    const q = mkPod();
    expect(containerBehaviour(q, main(q), 'regular').readyAfterMs).toBe(0);
  });

  it('a readinessProbe is first passed at the first period tick at or after initialDelaySeconds (§1.1 defaults)', () => {
    expect(probePassAfterMs({ initialDelaySeconds: 5, periodSeconds: 10 })).toBe(10_000);
    expect(probePassAfterMs({ initialDelaySeconds: 20, periodSeconds: 10 })).toBe(20_000);
    expect(probePassAfterMs({ initialDelaySeconds: 0, periodSeconds: 5, successThreshold: 2 })).toBe(5_000);
    const p = mkPod({ containers: [{ name: 'app', image: 'nginx', readinessProbe: { initialDelaySeconds: 3, periodSeconds: 5 } }] });
    expect(containerBehaviour(p, main(p), 'regular').readyAfterMs).toBe(5_000);
  });
});

describe('rule 6: image-pull fail', () => {
  it('marks the main container image as unpullable', () => {
    const p = mkPod({ annotations: { 'sim.workload-lab.dev/image-pull': 'fail' } });
    expect(containerBehaviour(p, main(p), 'regular').imagePullFails).toBe(true);
  });
});

describe('rule 7: recognised commands', () => {
  it('sleep, exit, true, false, echo', () => {
    expect(analyseArgv(['sleep', '90'])).toMatchObject({ durationMs: 90_000, exitCode: 0 });
    expect(analyseArgv(['sleep', '1m'])).toMatchObject({ durationMs: 60_000 });
    expect(analyseArgv(['sleep', 'infinity'])).toMatchObject({ durationMs: null });
    expect(analyseArgv(['true'])).toMatchObject({ durationMs: IMMEDIATE_RUN_MS, exitCode: 0 });
    expect(analyseArgv(['/bin/false'])).toMatchObject({ exitCode: 1 });
    expect(analyseArgv(['echo', 'hello'])).toMatchObject({ durationMs: IMMEDIATE_RUN_MS, exitCode: 0 });
  });

  it('sh -c scripts: sleeps add up, exit N ends, while true runs forever', () => {
    expect(analyseArgv(['sh', '-c', 'echo start; sleep 5; exit 3'])).toMatchObject({ durationMs: 5000, exitCode: 3 });
    expect(analyseArgv(['/bin/sh', '-c', 'sleep 2 && sleep 3'])).toMatchObject({ durationMs: 5000, exitCode: 0 });
    expect(analyseArgv(['bash', '-c', 'while true; do echo hi; sleep 5; done'])).toMatchObject({ durationMs: null });
    expect(analyseArgv(['sh', '-c', 'for i in 1 2 3; do sleep 2; done'])).toMatchObject({ durationMs: 6000 });
    expect(analyseArgv(['sh', '-c', 'echo "a; exit 9"; false'])).toMatchObject({ exitCode: 1 });
  });

  it("the docs' pi Job runs a few seconds", () => {
    expect(analyseArgv(['perl', '-Mbignum=bpi', '-wle', 'print bpi(2000)'])).toMatchObject({ durationMs: PI_RUN_MS, exitCode: 0 });
  });

  it('command and args are read together', () => {
    const p = mkPod({ containers: [{ name: 'app', image: 'busybox', command: ['sh', '-c'], args: ['sleep 4; exit 2'] }] });
    expect(containerBehaviour(p, main(p), 'regular').run(0)).toEqual({ durationMs: 4000, exitCode: 2 });
  });
});

describe('rule 8: the image decides otherwise', () => {
  const run = (image: string, kind: 'regular' | 'init' | 'sidecar' = 'regular', restartPolicy: 'Always' | 'Never' = 'Always') => {
    const p = mkPod({ restartPolicy, containers: [{ name: 'app', image }] });
    return containerBehaviour(p, main(p), kind).run(0);
  };
  it('servers run until stopped', () => {
    expect(run('nginx:1.27').durationMs).toBeNull();
    expect(run('registry.k8s.io/pause:3.10').durationMs).toBeNull();
    expect(run('redis', 'regular', 'Never').durationMs).toBeNull();
  });
  it('shell images exit 0 at once', () => {
    expect(run('busybox:1.36')).toEqual({ durationMs: IMMEDIATE_RUN_MS, exitCode: 0 });
    expect(run('ubuntu')).toEqual({ durationMs: IMMEDIATE_RUN_MS, exitCode: 0 });
  });
  it('unknown images: forever with Always and as sidecar, 30 s in batch pods, 2 s as init container, training images 2 min', () => {
    expect(run('example.com/team/app:1').durationMs).toBeNull();
    expect(run('example.com/team/app:1', 'sidecar').durationMs).toBeNull();
    expect(run('example.com/team/app:1', 'regular', 'Never').durationMs).toBe(UNKNOWN_BATCH_RUN_MS);
    expect(run('example.com/team/app:1', 'init').durationMs).toBe(UNKNOWN_INIT_RUN_MS);
    expect(run('kubeflow/tf-mnist-with-summaries:latest', 'regular', 'Never').durationMs).toBe(TRAINING_RUN_MS);
  });
});

describe('rule 9: SIGTERM', () => {
  const sig = (c: Container) => {
    const p = mkPod({ containers: [c] });
    return containerBehaviour(p, c, 'regular').sigtermExitCode;
  };
  it('sleep and shells as PID 1 ignore it (SIGKILL at the deadline)', () => {
    expect(sig({ name: 'app', image: 'busybox', command: ['sleep', '3600'] })).toBeNull();
    expect(sig({ name: 'app', image: 'busybox', command: ['sh', '-c', 'while true; do sleep 1; done'] })).toBeNull();
  });
  it('a trap on TERM exits with its code', () => {
    expect(sig({ name: 'app', image: 'busybox', command: ['sh', '-c', "trap 'exit 0' TERM; while true; do sleep 1; done"] })).toBe(0);
  });
  it('graceful servers exit 0, other programs 143', () => {
    expect(sig({ name: 'app', image: 'nginx:1.27' })).toBe(0);
    expect(sig({ name: 'app', image: 'example.com/app:1' })).toBe(143);
    expect(SIGTERM_EXIT_MS).toBeGreaterThan(0);
  });
});

describe('Go durations as the kubelet prints them (§1.3, §1.7)', () => {
  it('formats like time.Duration.String', () => {
    expect([393, 1387, 10_000, 80_000, 160_000, 300_000, 3_600_000].map(formatGoDuration)).toEqual(['393ms', '1.387s', '10s', '1m20s', '2m40s', '5m0s', '1h0m0s']);
  });
});
