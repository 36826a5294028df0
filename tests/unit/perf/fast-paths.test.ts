// The second round of fast paths in the simulator's hot loops (issues 4 and 5). Each expectation is the
// semantics of the simpler code the fast path replaced: concatenated hex digits, one Map keyed by the joined
// aggregation key, deleteBefore asked both ways, podFromTemplate per pod, a Set of task ids, a Map of pending
// tasks, a key string built per write, a status built afresh, conditions built afresh.
import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../../src/engine/clock/random.ts';
import { VirtualClock } from '../../../src/engine/clock/virtual-clock.ts';
import { ApiServer, type WatchEvent } from '../../../src/engine/api/api-server.ts';
import { EventRecorder, EVENT_TTL_MS } from '../../../src/engine/api/events.ts';
import { EventAggregationIndex, sameEventIdentity, type EventIdentity } from '../../../src/engine/api/event-aggregation.ts';
import { controllerOf, type KubeObject } from '../../../src/engine/api/objects.ts';
import type { Container, Node, Pod, PodTemplateSpec, ReplicaSet } from '../../../src/engine/api/kinds.ts';
import { TemplateKeys, templateKey } from '../../../src/engine/controllers/deployment/replica-sets.ts';
import { POD_TEMPLATE_HASH_LABEL } from '../../../src/engine/controllers/deployment/annotations.ts';
import { chooseVictims, compareRanked, deleteBefore, rankAll, rankContext } from '../../../src/engine/controllers/replicaset/deletion-order.ts';
import type { PodFacts } from '../../../src/engine/controllers/replicaset/pod-facts.ts';
import { TemplatePods, podFromTemplate } from '../../../src/engine/controllers/replicaset/pod-from-template.ts';
import { sameGraphFacts } from '../../../src/engine/controllers/garbage-collector/garbage-collector.ts';
import { TaskIds } from '../../../src/engine/node/task-ids.ts';
import { ContainerRun } from '../../../src/engine/node/container-run.ts';
import { containerBehaviour } from '../../../src/engine/node/container-behaviour.ts';
import { containersReadyCondition, kubeletConditions, type ConditionsInput } from '../../../src/engine/node/pod-conditions.ts';
import { matchesNodeAffinity, podHostPorts } from '../../../src/engine/node/scheduler-filters.ts';
import { podRequests, podRequestsBoth } from '../../../src/engine/node/resources.ts';
import { imageID, runtimeImageName, stableHex64, fnv32 } from '../../../src/engine/node/images.ts';

describe('SeededRandom.hexWords', () => {
  it('is the concatenation of uint32().toString(16).padStart(8, "0") of the same draws', () => {
    for (const seed of [0, 1, 7, 0xffffffff]) {
      const a = new SeededRandom(seed);
      const b = new SeededRandom(seed);
      for (let i = 0; i < 500; i++) {
        const words = 1 + (i % 9);
        let expected = '';
        for (let w = 0; w < words; w++) expected += b.uint32().toString(16).padStart(8, '0');
        expect(a.hexWords(words)).toBe(expected);
      }
    }
  });

  it('gives stableHex64 and imageID the texts they had (digest of the runtime name), the same string every time', () => {
    const r = new SeededRandom(fnv32('docker.io/library/nginx:1.27'));
    let hex = '';
    for (let i = 0; i < 8; i++) hex += r.uint32().toString(16).padStart(8, '0');
    expect(stableHex64('docker.io/library/nginx:1.27')).toBe(hex);
    expect(runtimeImageName('nginx:1.27')).toBe('docker.io/library/nginx:1.27');
    expect(imageID('nginx:1.27')).toBe(`docker.io/library/nginx@sha256:${hex}`);
    expect(imageID('nginx:1.27')).toBe(imageID('nginx:1.27'));
    expect(runtimeImageName('registry.k8s.io/pause@sha256:abc')).toBe('registry.k8s.io/pause@sha256:abc');
    expect(imageID('registry.k8s.io/pause@sha256:abc')).toBe('registry.k8s.io/pause@sha256:abc');
  });
});

describe('EventAggregationIndex is a Map keyed by the joined identity', () => {
  const joined = (e: EventIdentity) => [e.uid, e.type, e.reason, e.message, e.component, e.host, e.fieldPath].join('\u0000');

  it('for random sequences of set, get and deleteIfCurrent', () => {
    const r = new SeededRandom(3);
    const pick = <T>(xs: T[]): T => xs[r.int(xs.length)]!;
    const index = new EventAggregationIndex<EventIdentity & { n: number }>();
    const reference = new Map<string, EventIdentity & { n: number }>();
    const all: (EventIdentity & { n: number })[] = [];
    for (let n = 0; n < 5000; n++) {
      const id = {
        uid: pick(['u1', 'u2', 'u3']), type: pick(['Normal', 'Warning']), reason: pick(['Pulled', 'Created', 'BackOff']),
        message: pick(['m1', 'm2', 'Container created']), component: pick(['kubelet', 'default-scheduler']),
        host: pick(['', 'node-1', 'node-2']), fieldPath: pick(['', 'spec.containers{a}', 'spec.containers{b}']), n,
      };
      const op = r.int(3);
      if (op === 0) {
        index.set(id);
        reference.set(joined(id), id);
        all.push(id);
      } else if (op === 1) {
        expect(index.get(id)).toBe(reference.get(joined(id)));
      } else if (all.length) {
        const e = pick(all);
        index.deleteIfCurrent(e);
        if (reference.get(joined(e)) === e) reference.delete(joined(e));
      }
    }
    for (const e of all) expect(index.get(e)).toBe(reference.get(joined(e)));
  });

  it('sameEventIdentity compares all seven fields', () => {
    const a: EventIdentity = { uid: 'u', type: 'Normal', reason: 'R', message: 'm', component: 'c', host: 'h', fieldPath: 'f' };
    expect(sameEventIdentity(a, { ...a })).toBe(true);
    for (const k of Object.keys(a) as (keyof EventIdentity)[]) expect(sameEventIdentity(a, { ...a, [k]: 'other' })).toBe(false);
  });
});

describe('EventRecorder with shared parts and a TTL task per event', () => {
  function setup() {
    const clock = new VirtualClock(Date.UTC(2026, 0, 1));
    const api = new ApiServer(clock, new SeededRandom(1));
    return { clock, api, events: new EventRecorder(api) };
  }
  const pod = (name: string, rv: string): KubeObject => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default', uid: `uid-${name}`, resourceVersion: rv, creationTimestamp: '' } });

  it('stores what building every part afresh stores (involvedObject, source), whatever was recorded before', () => {
    const { api, events } = setup();
    const calls: [KubeObject, string, string | undefined, string][] = [
      [pod('a', '1'), 'Pulled', 'spec.containers{x}', 'node-1'],
      [pod('a', '1'), 'Created', 'spec.containers{x}', 'node-1'],
      [pod('a', '2'), 'Started', 'spec.containers{x}', 'node-1'],
      [pod('a', '2'), 'Started', undefined, ''],
      [pod('b', '2'), 'Scheduled', undefined, ''],
      [{ apiVersion: 'v1', kind: 'Node', metadata: { name: 'n', uid: 'nu', resourceVersion: '3', creationTimestamp: '' } }, 'NodeReady', undefined, 'n'],
    ];
    for (const [o, reason, fieldPath, host] of calls) events.record(o, 'Normal', reason, `${reason} message`, host ? 'kubelet' : 'default-scheduler', { fieldPath, host: host || undefined });
    const stored = api.list<KubeObject>('Event').map((e) => e as unknown as { involvedObject: unknown; source: unknown; reason: string });
    for (const [o, reason, fieldPath, host] of calls) {
      const e = stored.find((x) => x.reason === reason && JSON.stringify(x.involvedObject).includes(o.metadata.resourceVersion) && (fieldPath ? JSON.stringify(x.involvedObject).includes(fieldPath) : !JSON.stringify(x.involvedObject).includes('fieldPath')))!;
      const m = o.metadata;
      const ref: Record<string, unknown> = m.namespace
        ? { kind: o.kind, namespace: m.namespace, name: m.name, uid: m.uid, apiVersion: o.apiVersion, resourceVersion: m.resourceVersion }
        : { kind: o.kind, name: m.name, uid: m.uid, apiVersion: o.apiVersion, resourceVersion: m.resourceVersion };
      if (fieldPath) ref.fieldPath = fieldPath;
      expect(JSON.stringify(e.involvedObject)).toBe(JSON.stringify(ref));
      expect(JSON.stringify(e.source)).toBe(JSON.stringify(host ? { component: 'kubelet', host } : { component: 'default-scheduler' }));
    }
  });

  it('aggregates a repeat within 10 minutes and deletes an event an hour after its last write', () => {
    const { clock, api, events } = setup();
    const p = pod('a', '1');
    events.record(p, 'Warning', 'BackOff', 'Back-off restarting', 'kubelet', { host: 'node-1' });
    clock.runUntil(clock.now() + 5 * 60_000);
    events.record(p, 'Warning', 'BackOff', 'Back-off restarting', 'kubelet', { host: 'node-1' });
    let list = api.list<KubeObject & { count: number }>('Event');
    expect(list.map((e) => e.count)).toEqual([2]);
    // an hour after the first write the event is still there (its last write was 5 minutes later)
    clock.runUntil(Date.UTC(2026, 0, 1) + EVENT_TTL_MS + 60_000);
    expect(api.count('Event')).toBe(1);
    clock.runUntil(Date.UTC(2026, 0, 1) + 5 * 60_000 + EVENT_TTL_MS);
    expect(api.count('Event')).toBe(0);
    // after it is gone, the same event is stored anew with count 1
    events.record(p, 'Warning', 'BackOff', 'Back-off restarting', 'kubelet', { host: 'node-1' });
    list = api.list<KubeObject & { count: number }>('Event');
    expect(list.map((e) => e.count)).toEqual([1]);
    // more than 10 minutes later: a new event, not an aggregation
    clock.runUntil(clock.now() + 11 * 60_000);
    events.record(p, 'Warning', 'BackOff', 'Back-off restarting', 'kubelet', { host: 'node-1' });
    expect(api.list<KubeObject & { count: number }>('Event').map((e) => e.count)).toEqual([1, 1]);
  });

  it('names events client-go style across a change of the high digits (2^24 ns = 16.8 ms)', () => {
    const { clock, api, events } = setup();
    const start = clock.now();
    const p = pod('p', '1');
    const times = [0, 1, 16, 17, 33, 34, 1000];
    for (const dt of times) {
      clock.runUntil(start + dt);
      events.record(p, 'Normal', `R${dt}`, 'm', 'test');
      events.record(p, 'Normal', `S${dt}`, 'm', 'test');
    }
    const names = api.list('Event').map((e) => e.metadata.name).sort();
    const expected = times.flatMap((dt) => [0, 1].map((seq) => `p.${(BigInt(start + dt) * 1_000_000n + BigInt(seq)).toString(16)}`)).sort();
    expect(names).toEqual(expected);
  });
});

describe('compareRanked is deleteBefore asked both ways', () => {
  const NOW = Date.UTC(2026, 0, 1, 12);
  function facts(r: SeededRandom, i: number): PodFacts {
    const ready = r.int(3) > 0;
    const times = [undefined, NOW - 1000, NOW - 1500, NOW - 4000, NOW - 3600_000, NOW + 1000, NOW];
    return {
      pod: { apiVersion: 'v1', kind: 'Pod', metadata: { name: `p${i}`, uid: ['a', 'b', 'c', 'd'][r.int(4)]!, resourceVersion: '1', creationTimestamp: '' } } as Pod,
      active: true,
      terminating: false,
      ready,
      readySince: ready ? times[r.int(times.length)] : undefined,
      nodeName: ['', 'n1', 'n2', 'n3'][r.int(4)]!,
      phaseOrdinal: r.int(3),
      deletionCost: [0, 0, 5, -3, Number.NaN][r.int(5)]!,
      restarts: r.int(3),
      createdAt: times[r.int(times.length)],
    };
  }

  it('for every pair of random pods (ties, undefined times, equal uids, a NaN cost)', () => {
    const r = new SeededRandom(11);
    for (let round = 0; round < 20; round++) {
      const pods = Array.from({ length: 40 }, (_, i) => facts(r, i));
      const onNode = new Map([['n1', 3], ['n2', 1], ['n3', 3]]);
      const c = rankContext(onNode, NOW);
      const ranked = rankAll(pods, rankContext(onNode, NOW));
      for (let i = 0; i < pods.length; i++) {
        for (let j = 0; j < pods.length; j++) {
          const expected = deleteBefore(pods[i]!, pods[j]!, c) ? -1 : deleteBefore(pods[j]!, pods[i]!, c) ? 1 : 0;
          expect(compareRanked(ranked[i]!, ranked[j]!)).toBe(expected);
        }
      }
    }
  });

  it('so chooseVictims picks what the sort and the selection over deleteBefore picked', () => {
    const r = new SeededRandom(12);
    for (let round = 0; round < 30; round++) {
      const pods = Array.from({ length: 60 }, (_, i) => facts(r, i));
      const onNode = new Map([['n1', 2], ['n2', 5]]);
      for (const diff of [1, 3, 16, 17, 40]) {
        const c = rankContext(onNode, NOW);
        let expected: PodFacts[];
        if (diff > 16) expected = [...pods].sort((a, b) => (deleteBefore(a, b, c) ? -1 : deleteBefore(b, a, c) ? 1 : 0)).slice(0, diff);
        else {
          expected = [];
          const taken = new Set<number>();
          for (let k = 0; k < diff; k++) {
            let best = -1;
            for (let i = 0; i < pods.length; i++) if (!taken.has(i) && (best < 0 || deleteBefore(pods[i]!, pods[best]!, c))) best = i;
            taken.add(best);
            expected.push(pods[best]!);
          }
        }
        expect(chooseVictims(pods, onNode, diff, NOW)).toEqual(expected);
      }
    }
  });
});

describe('TemplatePods is podFromTemplate, once per template and owner', () => {
  const owner = (name: string, uid: string): KubeObject => ({ apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name, namespace: 'default', uid, resourceVersion: '1', creationTimestamp: '' } });
  const template: PodTemplateSpec = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } };

  it('gives the same pod as podFromTemplate, shared while template and owner stay', () => {
    const pods = new TemplatePods();
    const a = pods.podFor(template, owner('web-1', 'u1'));
    expect(a).toEqual(podFromTemplate(template, owner('web-1', 'u1')));
    expect(pods.podFor(template, owner('web-1', 'u1'))).toBe(a);
    const b = pods.podFor(template, owner('web-2', 'u2'));
    expect(b).toEqual(podFromTemplate(template, owner('web-2', 'u2')));
    expect(controllerOf(b)?.uid).toBe('u2');
    const other: PodTemplateSpec = { ...template, spec: { containers: [{ name: 'web', image: 'nginx:1.28' }] } };
    expect(pods.podFor(other, owner('web-2', 'u2'))).toEqual(podFromTemplate(other, owner('web-2', 'u2')));
  });

  it('a copy of the template with the same JSON text (a scaled ReplicaSet) gives the same pod; another text does not', () => {
    const pods = new TemplatePods();
    const a = pods.podFor(template, owner('web-1', 'u1'));
    expect(pods.podFor(JSON.parse(JSON.stringify(template)) as PodTemplateSpec, owner('web-1', 'u1'))).toBe(a);
    // the same values in another key order: podFromTemplate would write the spec in that order
    const reordered = { spec: { containers: [{ image: 'nginx:1.27', name: 'web' }] }, metadata: { labels: { app: 'web' } } } as PodTemplateSpec;
    const b = pods.podFor(reordered, owner('web-1', 'u1'));
    expect(b).not.toBe(a);
    expect(JSON.stringify(b)).toBe(JSON.stringify(podFromTemplate(reordered, owner('web-1', 'u1'))));
  });
});

describe('TemplateKeys gives templateKey of the object, whatever it saw before', () => {
  it('across generations with and without template changes, for several objects', () => {
    const keys = new TemplateKeys();
    const r = new SeededRandom(21);
    const images = ['nginx:1.27', 'nginx:1.28'];
    for (let n = 0; n < 300; n++) {
      const uid = `u${r.int(3)}`;
      const labels = r.int(2) ? { app: 'web', [POD_TEMPLATE_HASH_LABEL]: `h${r.int(3)}` } : { app: 'web' };
      const rs = {
        apiVersion: 'apps/v1', kind: 'ReplicaSet',
        metadata: { name: 'web', namespace: 'default', uid, resourceVersion: '1', creationTimestamp: '', generation: n },
        spec: { replicas: r.int(5), selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels }, spec: { containers: [{ name: 'web', image: images[r.int(2)]! }] } } },
      } as ReplicaSet;
      expect(keys.of(rs)).toBe(templateKey(rs.spec!.template));
    }
  });
});

describe('scheduler helpers without per-node allocation', () => {
  /** The replaced podHostPorts: init containers then containers, every port with a hostPort. */
  function hostPortsBefore(pod: Pod): string[] {
    const out: string[] = [];
    for (const c of [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])]) {
      for (const p of (c.ports ?? []) as { hostPort?: number; protocol?: string; hostIP?: string }[]) {
        if (p.hostPort) out.push(`${p.protocol ?? 'TCP'}/${p.hostIP || '0.0.0.0'}/${p.hostPort}`);
      }
    }
    return out;
  }
  const pod = (spec: Partial<Pod['spec']>): Pod => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', uid: 'u', resourceVersion: '1', creationTimestamp: '' }, spec: { containers: [], ...spec } as Pod['spec'] });

  it('podHostPorts lists the same ports in the same order', () => {
    const c = (name: string, ports: unknown[]): Container => ({ name, image: 'x', ports } as Container);
    const cases: Pod[] = [
      pod({}),
      pod({ containers: [c('a', [{ containerPort: 80 }])] }),
      pod({ containers: [c('a', [{ containerPort: 80, hostPort: 8080 }, { containerPort: 53, hostPort: 53, protocol: 'UDP', hostIP: '10.0.0.1' }])], initContainers: [c('i', [{ containerPort: 1, hostPort: 9 }])] }),
    ];
    for (const p of cases) expect([...podHostPorts(p)]).toEqual(hostPortsBefore(p));
    expect(podHostPorts(cases[0]!)).toBe(podHostPorts(cases[1]!)); // the shared empty list
  });

  it('matchesNodeAffinity reads nodeSelector as Object.entries did', () => {
    const node: Node = { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n', uid: 'n', resourceVersion: '1', creationTimestamp: '', labels: { zone: 'a', gpu: 'yes' } } } as Node;
    expect(matchesNodeAffinity(pod({}), node)).toBe(true);
    expect(matchesNodeAffinity(pod({ nodeSelector: { zone: 'a' } }), node)).toBe(true);
    expect(matchesNodeAffinity(pod({ nodeSelector: { zone: 'a', gpu: 'no' } }), node)).toBe(false);
    expect(matchesNodeAffinity(pod({ nodeSelector: { other: 'x' } }), node)).toBe(false);
  });

  it('podRequestsBoth is podRequests of both variants', () => {
    const spec = { containers: [{ name: 'a', image: 'x', resources: { requests: { cpu: '250m', memory: '64Mi', 'nvidia.com/gpu': '1' } } }, { name: 'b', image: 'x' }] } as Pod['spec'];
    const both = podRequestsBoth(spec);
    expect(both.req).toEqual(podRequests(spec));
    expect(both.nonZero).toEqual(podRequests(spec, true));
    // the parsed texts are kept: asking again gives the same numbers
    expect(podRequests(spec)).toEqual(podRequests(spec));
  });
});

describe('TaskIds behaves as the Set of task ids it replaced', () => {
  it('for random add, delete, has and drain', () => {
    const clock = new VirtualClock(0);
    const handles = Array.from({ length: 8 }, (_, i) => clock.at(i, 't', () => {}));
    const r = new SeededRandom(5);
    const ids = new TaskIds();
    const set = new Set<(typeof handles)[number]>();
    for (let n = 0; n < 3000; n++) {
      const h = handles[r.int(handles.length)]!;
      const op = r.int(4);
      if (op === 0 && !set.has(h)) {
        ids.add(h);
        set.add(h);
      } else if (op === 1) expect(ids.delete(h)).toBe(set.delete(h));
      else if (op === 2) expect(ids.has(h)).toBe(set.has(h));
      else if (r.int(20) === 0) {
        const drained: unknown[] = [];
        ids.drain((id) => drained.push(id));
        expect(new Set(drained)).toEqual(set);
        expect(drained.length).toBe(set.size);
        set.clear();
      }
    }
  });
});

describe('VirtualClock hands out its tasks as ids', () => {
  it('cancels a pending task once, ignores a cancel after the run, and passes atWith its argument', () => {
    const clock = new VirtualClock(0);
    const ran: string[] = [];
    const a = clock.at(1, 'a', () => ran.push('a'));
    const b = clock.atWith(1, 'b', (x: string) => ran.push(x), 'b-arg', { background: true });
    const c = clock.after(2, 'c', () => ran.push('c'));
    expect(clock.pending).toBe(3);
    clock.cancel(c);
    clock.cancel(c);
    expect(clock.pending).toBe(2);
    expect(clock.hasForegroundWork).toBe(true);
    clock.runUntil(5);
    expect(ran).toEqual(['a', 'b-arg']);
    clock.cancel(a);
    clock.cancel(b);
    expect(clock.pending).toBe(0);
    expect(clock.hasForegroundWork).toBe(false);
    expect(clock.executed).toBe(2);
  });
});

describe('the API server store', () => {
  function setup() {
    const clock = new VirtualClock(Date.UTC(2026, 0, 1));
    return { clock, api: new ApiServer(clock, new SeededRandom(1)) };
  }
  const pod = (name: string, namespace = 'default', extra: Partial<KubeObject['metadata']> = {}): KubeObject => ({
    apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace, uid: '', resourceVersion: '', creationTimestamp: '', ...extra }, spec: { containers: [] },
  });

  it('keeps kinds, namespaces and names apart, lists and counts as one map did', () => {
    const { api } = setup();
    for (const [name, ns] of [['b', 'default'], ['a', 'other'], ['a', 'default']] as const) expect(api.createInternal(pod(name, ns)).ok).toBe(true);
    expect(api.createInternal({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'a', uid: '', resourceVersion: '', creationTimestamp: '' } }).ok).toBe(true);
    expect(api.createInternal(pod('a')).ok).toBe(false); // already exists
    expect(api.count()).toBe(4);
    expect(api.count('Pod')).toBe(3);
    expect(api.list('Pod').map((o) => `${o.metadata.namespace}/${o.metadata.name}`)).toEqual(['default/a', 'default/b', 'other/a']);
    expect(api.list('Pod', { namespace: 'other' }).map((o) => o.metadata.name)).toEqual(['a']);
    expect(api.all().map((o) => `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`)).toEqual(['Node//a', 'Pod/default/a', 'Pod/default/b', 'Pod/other/a']);
    expect(api.get('Node', 'default', 'a')?.metadata.name).toBe('a'); // cluster-scoped: the namespace is ignored
    expect(api.peek('Pod', undefined, 'a')?.metadata.namespace).toBe('default');
    expect(api.delete('Pod', 'other', 'a').ok).toBe(true);
    expect(api.count()).toBe(3);
    expect(api.get('Pod', 'other', 'a')).toBeUndefined();
  });

  it('gives every watch event of an object the same key string, and MODIFIED the version it replaced', () => {
    const { api } = setup();
    const seen: WatchEvent[] = [];
    api.watch(['Pod'], (e) => seen.push(e));
    api.createInternal(pod('p', 'default', { finalizers: ['x/y', 'a/b'] }));
    const v1 = api.peek('Pod', 'default', 'p')!;
    api.updateStatus({ ...v1, status: { phase: 'Running' } });
    const v2 = api.peek('Pod', 'default', 'p')!;
    api.removeFinalizer('Pod', 'default', 'p', 'a/b');
    api.removeFinalizer('Pod', 'default', 'p', 'x/y');
    api.delete('Pod', 'default', 'p');
    expect(seen.map((e) => e.type)).toEqual(['ADDED', 'MODIFIED', 'MODIFIED', 'MODIFIED', 'DELETED']);
    expect(seen.every((e) => e.key === 'default/p')).toBe(true);
    expect(new Set(seen.map((e) => e.key)).size).toBe(1);
    expect(seen[1]!.old).toBe(v1);
    expect(seen[2]!.old).toBe(v2);
    expect(seen[0]!.old).toBeUndefined();
  });

  it('removeFinalizer keeps the other metadata keys in their order, as delete did', () => {
    const { api } = setup();
    api.createInternal(pod('p', 'default', { labels: { a: '1' }, finalizers: ['f'] }));
    const before = api.peek('Pod', 'default', 'p')!;
    const expected = { ...before.metadata } as Record<string, unknown>;
    delete expected.finalizers;
    api.removeFinalizer('Pod', 'default', 'p', 'f');
    const after = api.peek('Pod', 'default', 'p')!;
    expect(Object.keys(after.metadata)).toEqual(Object.keys(expected));
    expect(JSON.stringify({ ...after.metadata, resourceVersion: '' })).toBe(JSON.stringify({ ...expected, resourceVersion: '' }));
  });
});

describe('the garbage collector skips changes that keep what its graph follows', () => {
  it('sameGraphFacts holds for a status write and fails for owner, deletion or finalizer changes', () => {
    const meta = { name: 'p', uid: 'u', resourceVersion: '1', creationTimestamp: '', ownerReferences: [{ apiVersion: 'v1', kind: 'X', name: 'x', uid: 'o' }], finalizers: ['f'] };
    const old: KubeObject = { apiVersion: 'v1', kind: 'Pod', metadata: meta };
    expect(sameGraphFacts(old, { ...old, metadata: { ...meta, resourceVersion: '2' }, status: { phase: 'Running' } })).toBe(true);
    expect(sameGraphFacts(old, { ...old, metadata: { ...meta, ownerReferences: [...meta.ownerReferences] } })).toBe(false);
    expect(sameGraphFacts(old, { ...old, metadata: { ...meta, deletionTimestamp: 't' } })).toBe(false);
    expect(sameGraphFacts(old, { ...old, metadata: { ...meta, finalizers: [] } })).toBe(false);
  });
});

describe('pod status parts', () => {
  const spec: Container = { name: 'work', image: 'busybox:1.36' } as Container;
  const podOf = (): Pod => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', uid: 'u', resourceVersion: '1', creationTimestamp: '' }, spec: { containers: [spec] } } as Pod);

  it('ContainerRun.toStatus returns what a fresh build returns after any change, and the same object when nothing changed', () => {
    const r = new SeededRandom(8);
    const c = new ContainerRun(spec, 'regular', containerBehaviour(podOf(), spec, 'regular'));
    const fresh = (wait: string) => {
      const f = new ContainerRun(spec, 'regular', c.behaviour);
      Object.assign(f, { current: c.current, previous: c.previous, instances: c.instances, waiting: c.waiting, ready: c.ready, started: c.started, lost: c.lost });
      return f.toStatus(wait);
    };
    let t = 1_000_000;
    for (let n = 0; n < 2000; n++) {
      const wait = r.int(4) === 0 ? 'PodInitializing' : 'ContainerCreating';
      switch (r.int(9)) {
        case 0: if (c.current) c.previous = c.current; c.current = { containerID: `containerd://${n}`, image: 'docker.io/library/busybox:1.36', imageID: 'id', startedAt: (t += 1000) }; c.instances++; break;
        case 1: if (c.current && c.current.finishedAt === undefined) { c.current.finishedAt = (t += 1000); c.current.exitCode = r.int(3); c.current.reason = c.current.exitCode ? 'Error' : 'Completed'; } break;
        case 2: c.waiting = r.int(2) ? { reason: 'CrashLoopBackOff', message: 'back-off' } : { reason: 'ErrImagePull' }; break;
        case 3: c.waiting = undefined; break;
        case 4: c.ready = !c.ready; break;
        case 5: c.started = !c.started; break;
        case 6: if (r.int(10) === 0) c.lost = !c.lost; break;
        default: break; // nothing changed
      }
      const before = c.toStatus(wait);
      expect(before).toEqual(fresh(wait));
      expect(JSON.stringify(before)).toBe(JSON.stringify(fresh(wait)));
      expect(c.toStatus(wait)).toBe(before);
    }
  });

  it('generated conditions without reason or message are shared, frozen, and equal to fresh ones', () => {
    const input: ConditionsInput = { containers: [{ name: 'a' }], initContainerStatuses: [], containerStatuses: [{ name: 'a', ready: true, state: { running: { startedAt: 't' } }, lastState: {}, restartCount: 0, image: 'x', imageID: '' }], phase: 'Running', sandboxReady: true };
    const first = kubeletConditions(input);
    const again = kubeletConditions(input);
    expect(first).toEqual([
      { type: 'PodReadyToStartContainers', status: 'True' },
      { type: 'Initialized', status: 'True' },
      { type: 'Ready', status: 'True' },
      { type: 'ContainersReady', status: 'True' },
      { type: 'PodScheduled', status: 'True' },
    ]);
    for (let i = 0; i < first.length; i++) {
      expect(again[i]).toBe(first[i]);
      expect(Object.isFrozen(first[i])).toBe(true);
    }
    // with a message, a new object each time
    const unready = { ...input, containerStatuses: [{ ...input.containerStatuses[0]!, ready: false }] };
    expect(containersReadyCondition(unready)).toEqual({ type: 'ContainersReady', status: 'False', reason: 'ContainersNotReady', message: 'containers with unready status: [a]' });
    expect(containersReadyCondition(unready)).not.toBe(containersReadyCondition(unready));
  });
});
