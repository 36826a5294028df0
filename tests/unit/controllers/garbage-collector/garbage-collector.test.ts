// The garbage collector against reference §6 (Ownership and garbage collection), with hand-set ownerReferences
// on ConfigMaps and Pods and no other controller running: the collector alone must cascade, wait and orphan.
import { describe, expect, it } from 'vitest';
import { Simulation } from '../../../../src/engine/sim/simulation.ts';
import { LATENCY } from '../../../../src/engine/sim/latencies.ts';
import { GarbageCollector } from '../../../../src/engine/controllers/garbage-collector/garbage-collector.ts';
import type { KubeObject, OwnerReference } from '../../../../src/engine/api/objects.ts';
import { ApiServer, type WatchEvent } from '../../../../src/engine/api/api-server.ts';
import { VirtualClock } from '../../../../src/engine/clock/virtual-clock.ts';
import { SeededRandom } from '../../../../src/engine/clock/random.ts';
import { EventRecorder } from '../../../../src/engine/api/events.ts';

const T0 = Date.UTC(2026, 0, 1);
const SYNC = LATENCY.controllerSync;

function newSim() {
  return new Simulation({ startMs: T0, seed: 3, controllers: [new GarbageCollector()] });
}

function ref(owner: KubeObject, blockOwnerDeletion?: boolean): OwnerReference {
  return {
    apiVersion: owner.apiVersion, kind: owner.kind, name: owner.metadata.name, uid: owner.metadata.uid,
    ...(blockOwnerDeletion === undefined ? {} : { blockOwnerDeletion }),
  };
}

const blank = { uid: '', resourceVersion: '', creationTimestamp: '' };

function configMap(sim: Simulation, name: string, owners: OwnerReference[] = [], namespace = 'default'): KubeObject {
  const r = sim.api.createInternal({
    apiVersion: 'v1', kind: 'ConfigMap',
    metadata: { name, namespace, ...blank, ...(owners.length ? { ownerReferences: owners } : {}) },
    data: { k: 'v' },
  });
  if (!r.ok) throw new Error(r.error.message);
  return r.object;
}

/** A pod bound to a node and running, so that a DELETE is graceful (§1.9). */
function boundPod(sim: Simulation, name: string, owners: OwnerReference[]): KubeObject {
  const r = sim.api.createInternal({
    apiVersion: 'v1', kind: 'Pod',
    metadata: { name, namespace: 'default', ...blank, ownerReferences: owners },
    spec: { nodeName: 'node-1', terminationGracePeriodSeconds: 30, containers: [{ name: 'c', image: 'busybox' }] },
    status: { phase: 'Running' },
  });
  if (!r.ok) throw new Error(r.error.message);
  return r.object;
}

const get = (sim: Simulation, kind: string, name: string, ns = 'default') => sim.api.get(kind, ns, name);

function deletions(sim: Simulation): string[] {
  const seen: string[] = [];
  sim.api.watch(null, (e: WatchEvent) => {
    if (e.type === 'DELETED' && e.object.kind !== 'Event') seen.push(`${e.object.kind}/${e.object.metadata.name}@${e.time - T0}`);
  });
  return seen;
}

describe('garbage collector: background deletion (§6 "Background")', () => {
  it('deletes the dependents of an owner that is gone; pods go through graceful termination', () => {
    const sim = newSim();
    const owner = configMap(sim, 'owner');
    configMap(sim, 'child', [ref(owner, true)]);
    boundPod(sim, 'pod', [ref(owner, true)]);
    configMap(sim, 'unrelated');

    expect(sim.api.delete('ConfigMap', 'default', 'owner').ok).toBe(true);
    // the owner disappears from the API at once
    expect(get(sim, 'ConfigMap', 'owner')).toBeUndefined();
    expect(get(sim, 'ConfigMap', 'child')).toBeDefined();

    sim.runFor(SYNC);
    expect(get(sim, 'ConfigMap', 'child')).toBeUndefined();
    // "each pod then goes through graceful termination and shows Terminating"
    const pod = get(sim, 'Pod', 'pod')!;
    expect(pod.metadata.deletionTimestamp).toBe('2026-01-01T00:00:30Z');
    expect(pod.metadata.deletionGracePeriodSeconds).toBe(30);
    expect(get(sim, 'ConfigMap', 'unrelated')).toBeDefined();

    // the kubelet's final step removes it; the collector has nothing more to do
    sim.api.finishPodDeletion('default', 'pod');
    sim.runFor(60_000);
    expect(get(sim, 'Pod', 'pod')).toBeUndefined();
    expect(get(sim, 'ConfigMap', 'unrelated')).toBeDefined();
  });

  it('walks a chain A → B → C one level per sync', () => {
    const sim = newSim();
    const seen = deletions(sim);
    const a = configMap(sim, 'a');
    const b = configMap(sim, 'b', [ref(a, true)]);
    configMap(sim, 'c', [ref(b, true)]);
    sim.api.delete('ConfigMap', 'default', 'a');
    sim.runFor(60_000);
    expect(seen).toEqual(['ConfigMap/a@0', `ConfigMap/b@${SYNC}`, `ConfigMap/c@${2 * SYNC}`]);
  });

  it('keeps a dependent that still has a live owner and drops only the dangling reference', () => {
    const sim = newSim();
    const a = configMap(sim, 'a');
    const x = configMap(sim, 'x');
    configMap(sim, 'shared', [ref(a, true), ref(x, true)]);
    sim.api.delete('ConfigMap', 'default', 'a');
    sim.runFor(60_000);
    const shared = get(sim, 'ConfigMap', 'shared')!;
    expect(shared.metadata.deletionTimestamp).toBeUndefined();
    expect(shared.metadata.ownerReferences).toEqual([ref(x, true)]);
  });

  it('collects an object whose owner never existed, or exists under another uid', () => {
    const sim = newSim();
    const real = configMap(sim, 'real');
    configMap(sim, 'ghost-child', [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'ghost', uid: '00000000-0000-4000-8000-000000000000' }]);
    configMap(sim, 'wrong-uid', [{ ...ref(real), uid: '11111111-1111-4111-8111-111111111111' }]);
    configMap(sim, 'good', [ref(real)]);
    sim.runFor(60_000);
    expect(get(sim, 'ConfigMap', 'ghost-child')).toBeUndefined();
    expect(get(sim, 'ConfigMap', 'wrong-uid')).toBeUndefined();
    expect(get(sim, 'ConfigMap', 'good')).toBeDefined();
  });

  it('treats a namespaced owner in another namespace as absent and warns OwnerRefInvalidNamespace', () => {
    const sim = newSim();
    const owner = configMap(sim, 'owner', [], 'team-a');
    const dep = configMap(sim, 'dep', [ref(owner, true)], 'team-b');
    sim.runFor(60_000);
    // §6: "Owner references are namespace-local; an invalid cross-namespace reference produces Warning OwnerRefInvalidNamespace"
    expect(get(sim, 'ConfigMap', 'dep', 'team-b')).toBeUndefined();
    expect(get(sim, 'ConfigMap', 'owner', 'team-a')).toBeDefined();
    const events = sim.api.list('Event');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      type: 'Warning', reason: 'OwnerRefInvalidNamespace',
      message: `ownerRef [v1/ConfigMap, namespace: team-b, name: owner, uid: ${owner.metadata.uid}] does not exist in namespace "team-b"`,
      involvedObject: { kind: 'ConfigMap', name: 'dep', namespace: 'team-b', uid: dep.metadata.uid },
      source: { component: 'garbage-collector-controller' },
    });
  });

  it('leaves alone an object whose owner kind the API does not serve', () => {
    const sim = newSim();
    configMap(sim, 'legacy', [{ apiVersion: 'extensions/v1beta1', kind: 'Deployment', name: 'web', uid: '22222222-2222-4222-8222-222222222222' }]);
    sim.runFor(60_000);
    expect(get(sim, 'ConfigMap', 'legacy')).toBeDefined();
  });

  it('knows the objects that existed before it started (the informers list first)', () => {
    const clock = new VirtualClock(T0);
    const api = new ApiServer(clock, new SeededRandom(5));
    const events = new EventRecorder(api);
    const mk = (name: string, owners: OwnerReference[]) => {
      const r = api.createInternal({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'default', ...blank, ownerReferences: owners } });
      if (!r.ok) throw new Error(r.error.message);
      return r.object;
    };
    const a = mk('a', []);
    mk('b', [ref(a, true)]);
    new GarbageCollector().start({ api, clock, random: new SeededRandom(6), events });
    clock.runUntil(T0 + 60_000);
    // b's owner exists: nothing to collect
    expect(api.get('ConfigMap', 'default', 'b')).toBeDefined();
    api.delete('ConfigMap', 'default', 'a');
    clock.runUntil(T0 + 120_000);
    expect(api.get('ConfigMap', 'default', 'b')).toBeUndefined();
  });
});

describe('garbage collector: foreground deletion (§6 "Foreground")', () => {
  it('keeps the owner, with its finalizer, until every blocking dependent is gone', () => {
    const sim = newSim();
    const owner = configMap(sim, 'owner');
    configMap(sim, 'child', [ref(owner, true)]);
    boundPod(sim, 'pod', [ref(owner, true)]);

    sim.api.delete('ConfigMap', 'default', 'owner', { propagationPolicy: 'Foreground' });
    sim.runFor(SYNC);
    expect(get(sim, 'ConfigMap', 'child')).toBeUndefined();
    const pod = get(sim, 'Pod', 'pod')!;
    expect(pod.metadata.deletionTimestamp).toBeDefined();
    // the owner stays visible while the terminating pod blocks it
    sim.runFor(20_000);
    const waiting = get(sim, 'ConfigMap', 'owner')!;
    expect(waiting.metadata.deletionTimestamp).toBe('2026-01-01T00:00:00Z');
    expect(waiting.metadata.finalizers).toEqual(['foregroundDeletion']);

    sim.api.finishPodDeletion('default', 'pod');
    sim.runFor(SYNC);
    expect(get(sim, 'ConfigMap', 'owner')).toBeUndefined();
  });

  it('deletes non-blocking dependents but does not wait for them (blockOwnerDeletion false or unset)', () => {
    const sim = newSim();
    const owner = configMap(sim, 'owner');
    boundPod(sim, 'free', [ref(owner, false)]);
    configMap(sim, 'unset', [ref(owner)]);
    sim.api.delete('ConfigMap', 'default', 'owner', { propagationPolicy: 'Foreground' });
    sim.runFor(SYNC);
    expect(get(sim, 'ConfigMap', 'owner')).toBeUndefined();
    expect(get(sim, 'ConfigMap', 'unset')).toBeUndefined();
    // the pod is terminating (it was deleted), but its owner did not wait for it
    expect(get(sim, 'Pod', 'free')!.metadata.deletionTimestamp).toBeDefined();
  });

  it('unwinds a chain A → B → C from the leaf: C, then B, then A', () => {
    const sim = newSim();
    const seen = deletions(sim);
    const a = configMap(sim, 'a');
    const b = configMap(sim, 'b', [ref(a, true)]);
    configMap(sim, 'c', [ref(b, true)]);
    sim.api.delete('ConfigMap', 'default', 'a', { propagationPolicy: 'Foreground' });
    sim.runFor(SYNC);
    // B has dependents of its own, so it is deleted in the foreground too
    expect(get(sim, 'ConfigMap', 'b')!.metadata.finalizers).toEqual(['foregroundDeletion']);
    expect(get(sim, 'ConfigMap', 'a')).toBeDefined();
    sim.runFor(60_000);
    expect(seen.map((s) => s.split('@')[0])).toEqual(['ConfigMap/c', 'ConfigMap/b', 'ConfigMap/a']);
  });

  it('lets a dependent with another live owner survive, minus the reference to the deleted owner', () => {
    const sim = newSim();
    const owner = configMap(sim, 'owner');
    const other = configMap(sim, 'other');
    configMap(sim, 'shared', [ref(owner, true), ref(other, true)]);
    sim.api.delete('ConfigMap', 'default', 'owner', { propagationPolicy: 'Foreground' });
    sim.runFor(60_000);
    expect(get(sim, 'ConfigMap', 'owner')).toBeUndefined();
    expect(get(sim, 'ConfigMap', 'shared')!.metadata.ownerReferences).toEqual([ref(other, true)]);
  });
});

describe('garbage collector: orphan (§6 "Orphan")', () => {
  it('removes the references to the owner from its dependents, which keep running, then the finalizer', () => {
    const sim = newSim();
    const owner = configMap(sim, 'owner');
    const other = configMap(sim, 'other');
    configMap(sim, 'child', [ref(owner, true)]);
    boundPod(sim, 'pod', [ref(owner, true), ref(other, true)]);
    sim.api.delete('ConfigMap', 'default', 'owner', { propagationPolicy: 'Orphan' });
    expect(get(sim, 'ConfigMap', 'owner')!.metadata.finalizers).toEqual(['orphan']);
    sim.runFor(60_000);
    expect(get(sim, 'ConfigMap', 'owner')).toBeUndefined();
    const child = get(sim, 'ConfigMap', 'child')!;
    expect(child.metadata.ownerReferences).toBeUndefined();
    expect(child.metadata.deletionTimestamp).toBeUndefined();
    const pod = get(sim, 'Pod', 'pod')!;
    expect(pod.metadata.ownerReferences).toEqual([ref(other, true)]);
    expect(pod.metadata.deletionTimestamp).toBeUndefined();
  });

  it('orphans only the first level of a chain', () => {
    const sim = newSim();
    const a = configMap(sim, 'a');
    const b = configMap(sim, 'b', [ref(a, true)]);
    configMap(sim, 'c', [ref(b, true)]);
    sim.api.delete('ConfigMap', 'default', 'a', { propagationPolicy: 'Orphan' });
    sim.runFor(60_000);
    expect(get(sim, 'ConfigMap', 'a')).toBeUndefined();
    expect(get(sim, 'ConfigMap', 'b')!.metadata.ownerReferences).toBeUndefined();
    expect(get(sim, 'ConfigMap', 'c')!.metadata.ownerReferences).toEqual([ref(b, true)]);
  });
});
