// The corpus's Pod, ReplicaSet and Deployment manifests run on the default cluster as on a real one
// (expectations from reference §1.5–§1.8, §2.3, §3.5, §3.9).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readManifests } from '../../../src/engine/yaml/index.ts';
import { Simulation } from '../../../src/engine/sim/simulation.ts';
import { defaultControllers } from '../../../src/engine/sim/default-controllers.ts';
import type { Deployment, EventObject, Pod, ReplicaSet } from '../../../src/engine/api/kinds.ts';

const corpus = join(import.meta.dirname, '../../../../shared/corpus/kubernetes-website');

function run(file: string, ms = 60_000): Simulation {
  const sim = new Simulation({ controllers: defaultControllers() });
  for (const doc of readManifests(readFileSync(join(corpus, file), 'utf8')).documents) {
    const r = sim.apply(doc.value as Record<string, unknown>);
    expect(r.error).toBeUndefined();
  }
  sim.runFor(ms);
  return sim;
}

const condition = (o: { status?: { conditions?: { type: string }[] } }, type: string) => o.status?.conditions?.find((c) => c.type === type);

describe('corpus manifests on the simulated cluster', () => {
  it('nginx-deployment.yaml: 3 replicas through one ReplicaSet, rolled out and available', () => {
    const sim = run('nginx-deployment.yaml');
    const d = sim.api.get<Deployment>('Deployment', 'default', 'nginx-deployment')!;
    expect(d.status).toMatchObject({ replicas: 3, updatedReplicas: 3, readyReplicas: 3, availableReplicas: 3, observedGeneration: 1, terminatingReplicas: 0 });
    expect(condition(d, 'Available')).toMatchObject({ status: 'True', reason: 'MinimumReplicasAvailable', message: 'Deployment has minimum availability.' });
    const [rs] = sim.api.list<ReplicaSet>('ReplicaSet');
    expect(rs.metadata.name).toMatch(/^nginx-deployment-[4-9bcdf]{6,10}$/);
    expect(condition(d, 'Progressing')).toMatchObject({ status: 'True', reason: 'NewReplicaSetAvailable', message: `ReplicaSet "${rs.metadata.name}" has successfully progressed.` });
    expect(rs.metadata.annotations).toMatchObject({ 'deployment.kubernetes.io/revision': '1', 'deployment.kubernetes.io/desired-replicas': '3', 'deployment.kubernetes.io/max-replicas': '4' });
    const pods = sim.api.list<Pod>('Pod');
    expect(pods).toHaveLength(3);
    for (const p of pods) {
      expect(p.metadata.name).toMatch(new RegExp(`^${rs.metadata.name}-[bcdfghjklmnpqrstvwxz2456789]{5}$`));
      expect(p.metadata.ownerReferences).toEqual([{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: rs.metadata.name, uid: rs.metadata.uid, controller: true, blockOwnerDeletion: true }]);
      expect(p.status!.phase).toBe('Running');
      expect(p.spec!.nodeName).toMatch(/^node-\d$/);
    }
    const scaled = sim.api.list<EventObject>('Event').filter((e) => e.reason === 'ScalingReplicaSet');
    expect(scaled.map((e) => e.message)).toEqual([`Scaled up replica set ${rs.metadata.name} from 0 to 3`]);
  });

  it('frontend-replicaset.yaml: 3 pods with SuccessfulCreate events and a full status', () => {
    const sim = run('frontend-replicaset.yaml');
    const rs = sim.api.get<ReplicaSet>('ReplicaSet', 'default', 'frontend')!;
    expect(rs.status).toMatchObject({ replicas: 3, fullyLabeledReplicas: 3, readyReplicas: 3, availableReplicas: 3, observedGeneration: 1 });
    const created = sim.api.list<EventObject>('Event').filter((e) => e.reason === 'SuccessfulCreate');
    expect(created).toHaveLength(3);
    for (const e of created) {
      expect(e.message).toMatch(/^Created pod: frontend-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
      expect(e.source.component).toBe('replicaset-controller');
    }
  });

  it('simple-pod.yaml: scheduled, pulled, created, started with the 1.35 event texts', () => {
    const sim = run('simple-pod.yaml');
    const pod = sim.api.get<Pod>('Pod', 'default', 'nginx')!;
    expect(pod.status!.phase).toBe('Running');
    for (const t of ['PodReadyToStartContainers', 'Initialized', 'ContainersReady', 'Ready', 'PodScheduled']) expect(condition(pod, t)).toMatchObject({ status: 'True' });
    const events = sim.api.list<EventObject>('Event').filter((e) => e.involvedObject.name === 'nginx')
      .sort((a, b) => a.firstTimestamp.localeCompare(b.firstTimestamp));
    expect(events.map((e) => e.reason)).toEqual(['Scheduled', 'Pulling', 'Pulled', 'Created', 'Started']);
    expect(events[0].message).toBe(`Successfully assigned default/nginx to ${pod.spec!.nodeName}`);
    expect(events[1].message).toBe('Pulling image "nginx:1.14.2"');
    expect(events[2].message).toMatch(/^Successfully pulled image "nginx:1\.14\.2" in [\d.]+m?s \([\d.]+m?s including waiting\)\. Image size: \d+ bytes\.$/);
    expect(events.slice(3).map((e) => e.message)).toEqual(['Container created', 'Container started']);
    expect(events[3].involvedObject.fieldPath).toBe('spec.containers{nginx}');
  });

  it('extended-resource-pod.yaml: no node has example.com/dongle, so it stays Pending with the 1.35 message', () => {
    const sim = run('extended-resource-pod.yaml');
    const pod = sim.api.get<Pod>('Pod', 'default', 'extended-resource-demo')!;
    expect(pod.status!.phase).toBe('Pending');
    // The two GPU nodes fail on their taint first (TaintToleration runs before NodeResourcesFit, §1.8).
    const message = '0/5 nodes are available: 2 node(s) had untolerated taint(s), 3 Insufficient example.com/dongle. no new claims to deallocate, preemption: 0/5 nodes are available: 5 Preemption is not helpful for scheduling.';
    expect(condition(pod, 'PodScheduled')).toMatchObject({ status: 'False', reason: 'Unschedulable', message });
    expect(sim.api.list<EventObject>('Event').find((e) => e.reason === 'FailedScheduling')).toMatchObject({ type: 'Warning', message });
  });
});
