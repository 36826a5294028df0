// The simulator's foundations: the discrete-event clock, seeded randomness and the API server's bookkeeping.
import { describe, expect, it } from 'vitest';
import { VirtualClock, WorkCapExceeded } from '../../../src/engine/clock/virtual-clock.ts';
import { NAME_ALPHABET, SeededRandom } from '../../../src/engine/clock/random.ts';
import { ApiServer, type WatchEvent } from '../../../src/engine/api/api-server.ts';
import { EventRecorder } from '../../../src/engine/api/events.ts';
import type { Pod } from '../../../src/engine/api/kinds.ts';

const T0 = Date.UTC(2026, 0, 1);

describe('VirtualClock', () => {
  it('jumps between tasks and runs same-instant tasks in scheduling order', () => {
    const clock = new VirtualClock(T0);
    const seen: string[] = [];
    clock.after(5000, 'b', () => seen.push(`b@${clock.now() - T0}`));
    clock.after(1000, 'a', () => {
      seen.push(`a@${clock.now() - T0}`);
      clock.after(0, 'a2', () => seen.push(`a2@${clock.now() - T0}`));
    });
    clock.after(5000, 'c', () => seen.push(`c@${clock.now() - T0}`));
    const cancelled = clock.after(3000, 'x', () => seen.push('x'));
    clock.cancel(cancelled);
    expect(clock.runUntil(T0 + 10_000)).toBe(4);
    expect(seen).toEqual(['a@1000', 'a2@1000', 'b@5000', 'c@5000']);
    expect(clock.now()).toBe(T0 + 10_000);
  });

  it('stops a runaway loop at the work cap with a clear error', () => {
    const clock = new VirtualClock(T0);
    const loop = () => clock.after(1, 'loop', loop);
    loop();
    expect(() => clock.runUntil(T0 + 3600_000, 1000)).toThrow(WorkCapExceeded);
  });
});

describe('SeededRandom', () => {
  it('repeats the same sequence for the same seed and differs across seeds', () => {
    const a = new SeededRandom(7);
    const b = new SeededRandom(7);
    const c = new SeededRandom(8);
    const seqA = [a.nameSuffix(), a.uuid(), a.int(1000)];
    expect([b.nameSuffix(), b.uuid(), b.int(1000)]).toEqual(seqA);
    expect(`${c.nameSuffix()}${c.uuid()}`).not.toBe(`${seqA[0]}${seqA[1]}`);
  });

  it('builds names from the API server alphabet (§0.1) and v4 uuids', () => {
    const r = new SeededRandom(1);
    for (let i = 0; i < 200; i++) {
      const s = r.nameSuffix();
      expect(s).toHaveLength(5);
      for (const ch of s) expect(NAME_ALPHABET).toContain(ch);
    }
    expect(r.uuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

function newApi() {
  const clock = new VirtualClock(T0);
  const api = new ApiServer(clock, new SeededRandom(1));
  return { clock, api };
}

const podManifest = {
  apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web' },
  spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] },
};

describe('ApiServer', () => {
  it('admits, defaults and stamps a created object', () => {
    const { api } = newApi();
    const r = api.create(podManifest);
    expect(r.ok).toBe(true);
    const pod = api.get<Pod>('Pod', 'default', 'web')!;
    expect(pod.metadata).toMatchObject({ namespace: 'default', generation: 1, creationTimestamp: '2026-01-01T00:00:00Z' });
    expect(pod.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
    // §1.1 defaults
    expect(pod.spec).toMatchObject({ restartPolicy: 'Always', terminationGracePeriodSeconds: 30, dnsPolicy: 'ClusterFirst', schedulerName: 'default-scheduler' });
    expect(pod.spec!.containers[0].imagePullPolicy).toBe('IfNotPresent');
  });

  it('shares stored objects read-only: under test a write to one throws', () => {
    const { api } = newApi();
    const seen: WatchEvent[] = [];
    api.watch(null, (e) => seen.push(e));
    const r = api.create(podManifest);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(() => { (r.object.metadata as { name: string }).name = 'x'; }).toThrow(TypeError);
    expect(() => { seen[0].object.metadata.labels = {}; }).toThrow(TypeError);
    // get() hands out a private copy.
    const copy = api.get<Pod>('Pod', 'default', 'web')!;
    copy.metadata.labels = { changed: 'yes' };
    expect(api.get('Pod', 'default', 'web')!.metadata.labels).toBeUndefined();
  });

  it('refuses invalid objects and duplicates with the API errors', () => {
    const { api } = newApi();
    const bad = api.create({ ...podManifest, spec: { containers: [{ name: 'web' }] } });
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.error.reason).toBe('Invalid');
      expect(bad.error.message).toBe('Pod "web" is invalid: spec.containers[0].image: Required value');
    }
    api.create(podManifest);
    const dup = api.create(podManifest);
    expect(dup.ok || dup.error.message).toBe('pods "web" already exists');
  });

  it('generates names from generateName and bumps generation only on spec changes', () => {
    const { api } = newApi();
    const r = api.createInternal({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { generateName: 'cfg-', name: '', uid: '', resourceVersion: '', creationTimestamp: '' }, data: { a: '1' } });
    expect(r.ok && r.object.metadata.name).toMatch(/^cfg-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    api.create(podManifest);
    const pod = api.get<Pod>('Pod', 'default', 'web')!;
    pod.metadata.labels = { a: 'b' };
    expect(api.update(pod).ok && api.get('Pod', 'default', 'web')!.metadata.generation).toBe(1);
    pod.spec!.activeDeadlineSeconds = 30;
    expect(api.update(pod).ok && api.get('Pod', 'default', 'web')!.metadata.generation).toBe(2);
  });

  it('deletes an unbound pod at once but a bound one gracefully', () => {
    const { api, clock } = newApi();
    const seen: WatchEvent['type'][] = [];
    api.watch(['Pod'], (e) => seen.push(e.type));
    api.create(podManifest);
    api.delete('Pod', 'default', 'web');
    expect(api.get('Pod', 'default', 'web')).toBeUndefined();
    api.create(podManifest);
    api.patch<Pod>('Pod', 'default', 'web', (p) => { p.spec!.nodeName = 'node-1'; });
    clock.runUntil(T0 + 5000);
    api.delete('Pod', 'default', 'web');
    const terminating = api.get('Pod', 'default', 'web')!;
    expect(terminating.metadata.deletionTimestamp).toBe('2026-01-01T00:00:35Z');
    expect(terminating.metadata.deletionGracePeriodSeconds).toBe(30);
    api.finishPodDeletion('default', 'web');
    expect(api.get('Pod', 'default', 'web')).toBeUndefined();
    expect(seen).toEqual(['ADDED', 'DELETED', 'ADDED', 'MODIFIED', 'MODIFIED', 'DELETED']);
  });

  it('keeps an object with finalizers until they are removed (foreground deletion)', () => {
    const { api } = newApi();
    api.createInternal({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', uid: '', resourceVersion: '', creationTimestamp: '' } });
    api.delete('ConfigMap', 'default', 'c', { propagationPolicy: 'Foreground' });
    expect(api.get('ConfigMap', 'default', 'c')!.metadata.finalizers).toEqual(['foregroundDeletion']);
    api.removeFinalizer('ConfigMap', 'default', 'c', 'foregroundDeletion');
    expect(api.get('ConfigMap', 'default', 'c')).toBeUndefined();
  });
});

describe('background tasks', () => {
  it('are run but do not count as work left to do', () => {
    const clock = new VirtualClock(T0);
    let ran = 0;
    clock.after(1000, 'bg', () => ran++, { background: true });
    expect(clock.hasForegroundWork).toBe(false);
    const fg = clock.after(500, 'fg', () => ran++);
    expect(clock.hasForegroundWork).toBe(true);
    clock.cancel(fg);
    expect(clock.hasForegroundWork).toBe(false);
    clock.runUntil(T0 + 2000);
    expect(ran).toBe(1);
    expect(clock.pending).toBe(0);
  });
});

describe('EventRecorder', () => {
  it('expires an event an hour after its last write (--event-ttl)', () => {
    const { api, clock } = newApi();
    const events = new EventRecorder(api);
    api.create(podManifest);
    const pod = api.get('Pod', 'default', 'web')!;
    events.record(pod, 'Normal', 'Pulled', 'x', 'kubelet');
    clock.runUntil(T0 + 5 * 60_000);
    events.record(pod, 'Normal', 'Pulled', 'x', 'kubelet'); // aggregated: refreshes the TTL
    clock.runUntil(T0 + 64 * 60_000);
    expect(api.list('Event')).toHaveLength(1);
    clock.runUntil(T0 + 65 * 60_000);
    expect(api.list('Event')).toHaveLength(0);
  });

  it('aggregates identical events into count and lastTimestamp', () => {
    const { api, clock } = newApi();
    const events = new EventRecorder(api);
    api.create(podManifest);
    const pod = api.get('Pod', 'default', 'web')!;
    events.record(pod, 'Warning', 'BackOff', 'Back-off restarting failed container web in pod web_default(x)', 'kubelet', { host: 'node-1', fieldPath: 'spec.containers{web}' });
    clock.runUntil(T0 + 20_000);
    events.record(pod, 'Warning', 'BackOff', 'Back-off restarting failed container web in pod web_default(x)', 'kubelet', { host: 'node-1', fieldPath: 'spec.containers{web}' });
    const list = api.list('Event');
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({
      count: 2, reason: 'BackOff', type: 'Warning', firstTimestamp: '2026-01-01T00:00:00Z', lastTimestamp: '2026-01-01T00:00:20Z',
      involvedObject: { kind: 'Pod', name: 'web', namespace: 'default', fieldPath: 'spec.containers{web}' }, source: { component: 'kubelet', host: 'node-1' },
    });
    expect(list[0].metadata.name).toMatch(/^web\.[0-9a-f]+$/);
  });
});
