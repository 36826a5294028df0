// The shared job reconciler (kubeflow-training reference §0, §2, §4): condition bookkeeping (pkg/util/status.go),
// pod and Service details, scale up/down, recreation, template warnings, FailedCreatePod, managedBy, abnormal
// pod events and the written status.
import { describe, expect, it } from 'vitest';
import type { Pod } from '../../../src/engine/api/kinds.ts';
import { updateJobConditions } from '../../../src/engine/controllers/kubeflow/common/conditions.ts';
import type { JobStatus } from '../../../src/engine/controllers/kubeflow/common/types.ts';
import { apply, cluster, condition, conditionShape, duration, events, job, names, pod, pods, runUntil, services, tfjob } from './helpers.ts';

const FOREVER = duration('forever');
const at = (s: number) => Date.UTC(2026, 0, 1, 0, 0, s);

describe('condition bookkeeping (§4.2)', () => {
  const fresh = (): JobStatus => ({ conditions: [], replicaStatuses: new Map() });

  it('same type, status and reason is a no-op: message and times stay', () => {
    const s = fresh();
    updateJobConditions(s, 'Running', 'True', 'TFJobRunning', 'one', at(1));
    updateJobConditions(s, 'Running', 'True', 'TFJobRunning', 'two', at(5));
    expect(s.conditions).toEqual([{ type: 'Running', status: 'True', reason: 'TFJobRunning', message: 'one', lastUpdateTime: '2026-01-01T00:00:01Z', lastTransitionTime: '2026-01-01T00:00:01Z' }]);
  });

  it('Running and Restarting exclude each other; a changed reason keeps lastTransitionTime', () => {
    const s = fresh();
    updateJobConditions(s, 'Created', 'True', 'TFJobCreated', 'c', at(0));
    updateJobConditions(s, 'Running', 'True', 'TFJobRunning', 'r', at(1));
    updateJobConditions(s, 'Restarting', 'True', 'TFJobRestarting', 'x', at(2));
    expect(s.conditions.map((c) => c.type)).toEqual(['Created', 'Restarting']);
    updateJobConditions(s, 'Running', 'True', 'TFJobRunning', 'r', at(3));
    expect(s.conditions.map((c) => c.type)).toEqual(['Created', 'Running']);
    updateJobConditions(s, 'Running', 'True', 'OtherReason', 'r2', at(4));
    expect(s.conditions[1]).toMatchObject({ reason: 'OtherReason', lastUpdateTime: '2026-01-01T00:00:04Z', lastTransitionTime: '2026-01-01T00:00:03Z' });
  });

  it('Succeeded turns Running False keeping its fields; Failed is terminal', () => {
    const s = fresh();
    updateJobConditions(s, 'Running', 'True', 'TFJobRunning', 'r', at(1));
    updateJobConditions(s, 'Succeeded', 'True', 'TFJobSucceeded', 's', at(2));
    expect(s.conditions).toEqual([
      { type: 'Running', status: 'False', reason: 'TFJobRunning', message: 'r', lastUpdateTime: '2026-01-01T00:00:01Z', lastTransitionTime: '2026-01-01T00:00:01Z' },
      { type: 'Succeeded', status: 'True', reason: 'TFJobSucceeded', message: 's', lastUpdateTime: '2026-01-01T00:00:02Z', lastTransitionTime: '2026-01-01T00:00:02Z' },
    ]);
    updateJobConditions(s, 'Failed', 'True', 'TFJobFailed', 'f', at(3));
    updateJobConditions(s, 'Running', 'True', 'TFJobRunning', 'again', at(4));
    expect(s.conditions.map((c) => `${c.type}=${c.status}`)).toEqual(['Running=False', 'Succeeded=True', 'Failed=True']);
  });
});

describe('pods and Services (§2)', () => {
  it('a pod carries the template labels and annotations, one controller reference, and the replica restartPolicy (warning if the template set one)', () => {
    const sim = cluster();
    const m = tfjob('p', { Worker: { restartPolicy: 'OnFailure', annotations: { ...FOREVER, team: 'a' } } });
    const tpl = (m.spec.tfReplicaSpecs as { Worker: { template: { metadata: Record<string, unknown>; spec: Record<string, unknown> } } }).Worker.template;
    tpl.metadata.labels = { app: 'train' };
    tpl.spec.restartPolicy = 'Always';
    const created = apply(sim, m);
    sim.runFor(100);
    const p = pod(sim, 'p-worker-0')!;
    expect(p.metadata.labels).toEqual({
      app: 'train', 'training.kubeflow.org/operator-name': 'tfjob-controller', 'training.kubeflow.org/job-name': 'p',
      'training.kubeflow.org/replica-type': 'worker', 'training.kubeflow.org/replica-index': '0', 'training.kubeflow.org/job-role': 'master',
    });
    expect(p.metadata.annotations).toEqual({ ...FOREVER, team: 'a' });
    expect(p.metadata.ownerReferences).toEqual([{ apiVersion: 'kubeflow.org/v1', kind: 'TFJob', name: 'p', uid: created.metadata.uid, controller: true, blockOwnerDeletion: true }]);
    expect(p.spec!.restartPolicy).toBe('OnFailure');
    expect(p.spec!.containers[0]!.ports).toEqual([{ name: 'tfjob-port', containerPort: 2222, protocol: 'TCP' }]);
    expect(events(sim, 'p').find((e) => e.reason === 'SetPodTemplateRestartPolicy')).toMatchObject({
      type: 'Warning', message: 'Restart policy in pod template will be overwritten by restart policy in replica spec', source: { component: 'tfjob-controller' },
    });
    const svc = services(sim)[0]!;
    expect(svc.metadata.labels).toEqual({ 'training.kubeflow.org/operator-name': 'tfjob-controller', 'training.kubeflow.org/job-name': 'p', 'training.kubeflow.org/replica-type': 'worker', 'training.kubeflow.org/replica-index': '0' });
    expect(svc.spec).toMatchObject({ selector: svc.metadata.labels, clusterIP: 'None', clusterIPs: ['None'], type: 'ClusterIP', ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack', sessionAffinity: 'None', internalTrafficPolicy: 'Cluster' });
    expect(svc.metadata.ownerReferences).toEqual(p.metadata.ownerReferences);
  });

  it('a restartPolicy the Pod API refuses fails pod creation with FailedCreatePod, retried', () => {
    const sim = cluster();
    apply(sim, tfjob('bad', { Worker: { restartPolicy: 'Foo' } }));
    sim.runFor(5_000);
    expect(pods(sim)).toEqual([]);
    const failed = events(sim, 'bad').find((e) => e.reason === 'FailedCreatePod')!;
    expect(failed.type).toBe('Warning');
    expect(failed.message).toMatch(/^Error creating: Pod "bad-worker-0" is invalid: spec\.restartPolicy: Unsupported value: "Foo": supported values: "Always", "OnFailure", "Never"/);
    expect(failed.count).toBeGreaterThan(1);
  });

  it('scales: new indexes get a pod and Service, indexes beyond replicas lose theirs', () => {
    const sim = cluster();
    const m = tfjob('s', { Worker: { replicas: 2, annotations: FOREVER } });
    apply(sim, m);
    sim.runFor(5_000);
    const specs = m.spec.tfReplicaSpecs as { Worker: { replicas: number } };
    specs.Worker.replicas = 3;
    apply(sim, m);
    sim.runFor(5_000);
    expect(names(pods(sim))).toEqual(['s-worker-0', 's-worker-1', 's-worker-2']);
    expect(names(services(sim))).toEqual(['s-worker-0', 's-worker-1', 's-worker-2']);
    specs.Worker.replicas = 1;
    apply(sim, m);
    sim.runFor(60_000);
    expect(names(pods(sim))).toEqual(['s-worker-0']);
    expect(names(services(sim))).toEqual(['s-worker-0']);
    expect(events(sim, 's').filter((e) => e.reason === 'SuccessfulDeletePod').map((e) => e.message).sort()).toEqual(['Deleted pod: s-worker-1', 'Deleted pod: s-worker-2']);
  });

  it('a deleted pod is recreated under the same name', () => {
    const sim = cluster();
    apply(sim, tfjob('r', { Worker: { annotations: FOREVER } }));
    expect(runUntil(sim, () => pod(sim, 'r-worker-0')?.status?.phase === 'Running')).toBe(true);
    const uid = pod(sim, 'r-worker-0')!.metadata.uid;
    sim.api.delete('Pod', 'default', 'r-worker-0', { gracePeriodSeconds: 0 });
    sim.runFor(1_000);
    expect(pod(sim, 'r-worker-0')!.metadata.uid).not.toBe(uid);
  });

  it('a job managed by another controller is left alone', () => {
    const sim = cluster();
    apply(sim, tfjob('mk', { Worker: {} }, { runPolicy: { managedBy: 'kueue.x-k8s.io/multikueue' } }));
    sim.runFor(10_000);
    expect(pods(sim)).toEqual([]);
    expect(job(sim, 'TFJob', 'mk')!.status).toBeUndefined();
  });
});

describe('events and status', () => {
  it('ExitedWithCode repeats on every pass that sees a terminated tensorflow container', () => {
    const sim = cluster();
    apply(sim, tfjob('x', { Chief: { annotations: FOREVER }, Worker: { replicas: 2, annotations: duration('0=10s,*=forever') } }));
    sim.runFor(60_000);
    const exited = events(sim, 'x').find((e) => e.reason === 'ExitedWithCode')!;
    expect(exited).toMatchObject({ type: 'Normal', message: 'Pod: default.x-worker-0 exited with code 0', source: { component: 'tfjob-controller' } });
    expect(exited.count).toBeGreaterThan(1);
  });

  it('an unschedulable pod leaves an abnormal-pod Warning on the job; no Running condition without the master role running', () => {
    const sim = cluster();
    apply(sim, tfjob('u', { Chief: { annotations: FOREVER, gpus: 16 }, Worker: { annotations: FOREVER } }));
    sim.runFor(30_000);
    const warning = events(sim, 'u').find((e) => e.reason === 'Unschedulable')!;
    expect(warning.type).toBe('Warning');
    expect(warning.message).toMatch(/^Error pod u-chief-0 condition message: 0\/5 nodes are available: /);
    expect(conditionShape(job(sim, 'TFJob', 'u'))).toEqual(['Created=True']);
  });

  it('a crash-looping container under OnFailure leaves CrashLoopBackOff Warnings and no Restarting condition', () => {
    const sim = cluster();
    apply(sim, tfjob('cl', { Worker: { restartPolicy: 'OnFailure', annotations: { ...duration('5s'), 'sim.workload-lab.dev/exit-code': '1' } } }));
    sim.runFor(120_000);
    const e = events(sim, 'cl').filter((x) => x.reason === 'CrashLoopBackOff');
    expect(e.length).toBeGreaterThan(0);
    expect(e[0]!.message).toMatch(/^Error pod cl-worker-0 container tensorflow waiting message: back-off \d+s restarting failed container=tensorflow pod=cl-worker-0_default\(/);
    // The terminated state between a crash and the back-off is seen too, under the container's reason.
    expect(events(sim, 'cl').find((x) => x.reason === 'Error')).toMatchObject({ type: 'Warning', message: 'Error pod cl-worker-0 container tensorflow exitCode: 1 terminated message: ' });
    expect(condition(job(sim, 'TFJob', 'cl'), 'Restarting')).toBeUndefined();
  });

  it('the status is written as a custom resource: sorted keys, zero counts left out, Created first', () => {
    const sim = cluster();
    apply(sim, tfjob('st', { PS: { annotations: FOREVER }, Worker: { annotations: FOREVER } }));
    sim.runFor(30);
    const early = job(sim, 'TFJob', 'st')!.status!;
    expect(Object.keys(early)).toEqual(['conditions', 'replicaStatuses', 'startTime']);
    expect(early.replicaStatuses).toEqual({ PS: {}, Worker: {} });
    expect(Object.keys((early.conditions as object[])[0]!)).toEqual(['lastTransitionTime', 'lastUpdateTime', 'message', 'reason', 'status', 'type']);
    expect(runUntil(sim, () => (job(sim, 'TFJob', 'st')!.status!.replicaStatuses as { Worker: { active?: number } }).Worker.active === 1)).toBe(true);
    expect(job(sim, 'TFJob', 'st')!.status!.replicaStatuses).toEqual({ PS: { active: 1 }, Worker: { active: 1 } });
    const p = pod(sim, 'st-ps-0') as Pod;
    expect(p.metadata.labels?.['training.kubeflow.org/job-role']).toBeUndefined();
  });
});

describe('determinism', () => {
  it('the same manifests and seed give the same run', () => {
    const run = () => {
      const sim = cluster();
      apply(sim, tfjob('det', { Chief: { annotations: duration('30s') }, PS: { annotations: FOREVER }, Worker: { replicas: 3, annotations: duration('0=20s,*=forever') } }, { runPolicy: { cleanPodPolicy: 'All' } }));
      sim.runFor(120_000);
      return JSON.stringify({ job: job(sim, 'TFJob', 'det'), events: events(sim).map((e) => [e.involvedObject.name, e.reason, e.message, e.count, e.lastTimestamp]), pods: pods(sim) });
    };
    expect(run()).toBe(run());
  });
});
