// Shared set-up for the ReplicaSet controller tests: a simulation with the controller (and the fake kubelet
// unless told otherwise), manifests, and readers for pods and events.
import type { EventObject, Pod, ReplicaSet } from '../../../../src/engine/api/kinds.ts';
import { controllerOf } from '../../../../src/engine/api/objects.ts';
import { rfc3339 } from '../../../../src/engine/clock/time-format.ts';
import { ReplicaSetController } from '../../../../src/engine/controllers/replicaset/replicaset-controller.ts';
import { Simulation } from '../../../../src/engine/sim/simulation.ts';
import { fakeKubelet, type FakeKubeletOptions } from '../fake-kubelet.ts';

export const T0 = Date.UTC(2026, 0, 1);

export function newSim(kubelet: FakeKubeletOptions | null = {}): Simulation {
  const controllers = [new ReplicaSetController(), ...(kubelet ? [fakeKubelet(kubelet)] : [])];
  return new Simulation({ startMs: T0, seed: 7, controllers });
}

export function rsManifest(name: string, replicas: number, extra: { minReadySeconds?: number; annotations?: Record<string, string> } = {}): Record<string, unknown> {
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name, labels: { tier: name } },
    spec: {
      replicas,
      ...(extra.minReadySeconds ? { minReadySeconds: extra.minReadySeconds } : {}),
      selector: { matchLabels: { tier: name } },
      template: {
        metadata: { labels: { tier: name, app: 'guestbook' }, ...(extra.annotations ? { annotations: extra.annotations } : {}) },
        spec: { containers: [{ name: 'php-redis', image: 'us-docker.pkg.dev/google-samples/containers/gke/gb-frontend:v5' }] },
      },
    },
  };
}

export function apply(sim: Simulation, manifest: Record<string, unknown>): void {
  const r = sim.apply(manifest);
  if (r.error) throw new Error(r.error.message);
}

export function getRS(sim: Simulation, name: string): ReplicaSet {
  const rs = sim.api.get<ReplicaSet>('ReplicaSet', 'default', name);
  if (!rs) throw new Error(`no ReplicaSet ${name}`);
  return rs;
}

export function scaleRS(sim: Simulation, name: string, replicas: number): void {
  const r = sim.api.patch<ReplicaSet>('ReplicaSet', 'default', name, (rs) => {
    rs.spec!.replicas = replicas;
  });
  if (!r.ok) throw new Error(r.error.message);
}

/** Pods controlled by the named ReplicaSet. */
export function podsOf(sim: Simulation, rsName: string): Pod[] {
  return sim.api.list<Pod>('Pod').filter((p) => controllerOf(p)?.name === rsName);
}

export function activePodsOf(sim: Simulation, rsName: string): Pod[] {
  return podsOf(sim, rsName).filter((p) => p.metadata.deletionTimestamp === undefined);
}

/** Events about an object, oldest first, as `reason: message`. */
export function eventsAbout(sim: Simulation, kind: string, name: string): EventObject[] {
  return sim.api
    .list<EventObject>('Event')
    .filter((e) => e.involvedObject.kind === kind && e.involvedObject.name === name)
    .sort((a, b) => a.firstTimestamp.localeCompare(b.firstTimestamp) || a.metadata.name.localeCompare(b.metadata.name));
}

/** An orphan pod as a user would create it (through admission). */
export function orphanPod(name: string, labels: Record<string, string>): Record<string, unknown> {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, labels }, spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] } };
}

/** A pod stored directly in a chosen state (node, phase; readyAt: Ready since then, null: not ready), for deletion-order scenarios. */
export function storedPod(sim: Simulation, name: string, labels: Record<string, string>, state: { node?: string; phase?: 'Pending' | 'Running' | 'Unknown'; readyAt?: number | null }): Pod {
  const conditions = state.readyAt === undefined ? [] : [{ type: 'Ready', status: state.readyAt === null ? ('False' as const) : ('True' as const), lastTransitionTime: rfc3339(state.readyAt ?? sim.now()) }];
  const pod: Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', labels, uid: '', resourceVersion: '', creationTimestamp: '' },
    spec: { containers: [{ name: 'c', image: 'nginx:1.27' }], ...(state.node ? { nodeName: state.node } : {}), terminationGracePeriodSeconds: 30 },
    status: { phase: state.phase ?? 'Pending', conditions },
  };
  const r = sim.api.createInternal(pod);
  if (!r.ok) throw new Error(r.error.message);
  return r.object as Pod;
}
