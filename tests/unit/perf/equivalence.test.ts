// The fast paths of the simulator's hot loops (issue 5) must be exact replacements of what they replaced: the
// expectations here are the semantics of the code they stand in for (ECMAScript's JSON round trip, BigInt
// arithmetic, Date formatting, client-go's UnixNano event names, ClaimPods comparing controller UIDs only).
import { describe, expect, it } from 'vitest';
import { deepClone } from '../../../src/engine/validate/rules/access.ts';
import { clone, deepEqual, equalIgnoringResourceVersion, identicalJson, shareUnchanged, type KubeObject } from '../../../src/engine/api/objects.ts';
import { rfc3339 } from '../../../src/engine/clock/time-format.ts';
import { SeededRandom } from '../../../src/engine/clock/random.ts';
import { VirtualClock } from '../../../src/engine/clock/virtual-clock.ts';
import { ApiServer } from '../../../src/engine/api/api-server.ts';
import { EventRecorder } from '../../../src/engine/api/events.ts';
import { OwnedPods } from '../../../src/engine/controllers/replicaset/owned-pods.ts';
import type { EventObject, Pod, ReplicaSet } from '../../../src/engine/api/kinds.ts';

const roundTrip = (v: unknown): unknown => JSON.parse(JSON.stringify(v));

/** Random JSON-like data, with the values JSON treats specially. */
function randomValue(r: SeededRandom, depth: number): unknown {
  const pick = r.int(depth > 3 ? 8 : 11);
  switch (pick) {
    case 0: return r.nameSuffix(r.int(4));
    case 1: return r.int(1000) - 500;
    case 2: return [0, -0, 1.5, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY][r.int(6)];
    case 3: return r.int(2) === 0;
    case 4: return null;
    case 5: return undefined;
    case 6: return () => 1;
    case 7: return String(r.int(10)); // numeric-looking strings
    case 8: case 9: {
      const o: Record<string, unknown> = {};
      for (let i = r.int(5); i > 0; i--) o[[r.nameSuffix(2), String(r.int(20))][r.int(2)]!] = randomValue(r, depth + 1);
      return o;
    }
    default: return Array.from({ length: r.int(4) }, () => randomValue(r, depth + 1));
  }
}

describe('deepClone is JSON.parse(JSON.stringify(v))', () => {
  it('for random plain data: same values, same key order', () => {
    const r = new SeededRandom(5);
    for (let i = 0; i < 3000; i++) {
      const v = randomValue(r, 0);
      if (v === undefined || typeof v === 'function') continue; // the round trip of these throws; deepClone's too (below)
      const copy = deepClone(v);
      expect(JSON.stringify(copy)).toBe(JSON.stringify(roundTrip(v)));
      expect(copy).toStrictEqual(roundTrip(v));
    }
  });

  it('for what plain copying cannot do: toJSON, class instances, an own __proto__ key, cycles', () => {
    const date = { when: new Date(Date.UTC(2026, 0, 1)) };
    expect(deepClone(date)).toStrictEqual(roundTrip(date));
    class Box { a = 1; }
    expect(deepClone({ b: new Box() })).toStrictEqual(roundTrip({ b: new Box() }));
    const proto = JSON.parse('{"__proto__": {"x": 1}, "y": 2}') as object;
    const copied = deepClone(proto);
    expect(Object.keys(copied)).toEqual(['__proto__', 'y']);
    expect(Object.getPrototypeOf(copied)).toBe(Object.prototype);
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(() => deepClone(cycle)).toThrow(TypeError);
    expect(() => deepClone(() => 1)).toThrow(SyntaxError);
  });
});

describe('clone, deepEqual and the store comparisons', () => {
  it('clone drops undefined keys, keeps undefined array elements, copies deeply', () => {
    const v = { a: 1, b: undefined, c: [1, undefined, { d: 'x' }], e: { f: null } };
    const c = clone(v);
    expect(Object.keys(c)).toEqual(['a', 'c', 'e']);
    expect(c.c).toEqual([1, undefined, { d: 'x' }]);
    expect(c.c[2]).not.toBe(v.c[2]);
  });

  it('deepEqual ignores key order and undefined-valued keys', () => {
    expect(deepEqual({ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1 })).toBe(true);
    expect(deepEqual({ a: 1, b: undefined }, { a: 1 })).toBe(true);
    expect(deepEqual({ a: 1 }, { a: 1, b: null })).toBe(false);
    expect(deepEqual([1, 2], { 0: 1, 1: 2 })).toBe(false);
    expect(deepEqual([1, [2]], [1, [3]])).toBe(false);
  });

  it('equalIgnoringResourceVersion compares everything but metadata.resourceVersion', () => {
    const o: KubeObject = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', uid: 'u', resourceVersion: '1', creationTimestamp: '' }, status: { phase: 'Running' } };
    expect(equalIgnoringResourceVersion(o, { ...o, metadata: { ...o.metadata, resourceVersion: '2' } })).toBe(true);
    expect(equalIgnoringResourceVersion(o, { ...o, metadata: { ...o.metadata, labels: {} } })).toBe(false);
    expect(equalIgnoringResourceVersion(o, { ...o, status: { phase: 'Failed' } })).toBe(false);
  });

  it('identicalJson is equality of the JSON text; shareUnchanged keeps what is identical', () => {
    expect(identicalJson({ a: 1, b: { c: [1] } }, { a: 1, b: { c: [1] } })).toBe(true);
    expect(identicalJson({ a: 1, b: 2 }, { b: 2, a: 1 })).toBe(false); // same JSON value, different text
    expect(identicalJson({ a: { x: 1, y: 2 } }, { a: { y: 2, x: 1 } })).toBe(false);
    const prev = [{ type: 'A', status: 'True' }, { type: 'B', status: 'False' }];
    const next = [{ type: 'A', status: 'True' }, { type: 'B', status: 'True' }];
    const shared = shareUnchanged(prev, next);
    expect(shared[0]).toBe(prev[0]);
    expect(shared[1]).toBe(next[1]);
    expect(shareUnchanged(prev, [{ type: 'A', status: 'True' }, { type: 'B', status: 'False' }])).toBe(prev);
    expect(JSON.stringify(shared)).toBe(JSON.stringify(next));
  });
});

describe('rfc3339 keeps recent seconds', () => {
  it('formats as Date does, whatever the order of the seconds asked for', () => {
    const r = new SeededRandom(9);
    const base = Date.UTC(2026, 0, 1);
    for (let i = 0; i < 5000; i++) {
      // colliding cache slots: seconds 256 apart
      const ms = base + (r.int(4) * 256 + r.int(3)) * 1000 + r.int(1000);
      expect(rfc3339(ms)).toBe(new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z'));
    }
  });
});

describe('uuid', () => {
  it('is the RFC 4122 v4 text of four draws, as formatted with toString(16)', () => {
    const a = new SeededRandom(42);
    const b = new SeededRandom(42);
    const hex = (n: number, len: number) => n.toString(16).padStart(len, '0');
    for (let i = 0; i < 2000; i++) {
      const [w, x, y, z] = [b.uint32(), b.uint32(), b.uint32(), b.uint32()];
      const x2 = ((x & 0xffff0fff) | 0x00004000) >>> 0;
      const y2 = ((y & 0x3fffffff) | 0x80000000) >>> 0;
      expect(a.uuid()).toBe(`${hex(w, 8)}-${hex(x2 >>> 16, 4)}-${hex(x2 & 0xffff, 4)}-${hex(y2 >>> 16, 4)}-${hex(y2 & 0xffff, 4)}${hex(z, 8)}`);
    }
  });
});

describe('event names', () => {
  it('are <object>.<UnixNano in hex>, consecutive nanoseconds within one millisecond (client-go)', () => {
    const start = Date.UTC(2026, 0, 1, 12, 34, 56, 789);
    const clock = new VirtualClock(start);
    const api = new ApiServer(clock, new SeededRandom(1));
    const events = new EventRecorder(api);
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default', uid: 'u1', resourceVersion: '1', creationTimestamp: '' } };
    for (let i = 0; i < 3; i++) events.record(pod, 'Normal', `R${i}`, 'm', 'test');
    clock.runUntil(start + 1);
    events.record(pod, 'Normal', 'R3', 'm', 'test');
    const names = api.list<EventObject>('Event').map((e) => e.metadata.name).sort();
    const nanos = (ms: number, seq: number) => `p.${(BigInt(ms) * 1_000_000n + BigInt(seq)).toString(16)}`;
    expect(names).toEqual([nanos(start, 0), nanos(start, 1), nanos(start, 2), nanos(start + 1, 0)].sort());
  });
});

describe('VirtualClock', () => {
  it('runs tasks by time then scheduling order, skips cancelled ones and counts what is pending', () => {
    const clock = new VirtualClock(0);
    const ran: string[] = [];
    const ids = ['a', 'b', 'c', 'd', 'e'].map((l, i) => clock.at([5, 1, 5, 1, 3][i]!, l, () => ran.push(l)));
    clock.at(2, 'bg', () => ran.push('bg'), { background: true });
    clock.cancel(ids[3]);
    expect(clock.pending).toBe(5);
    expect(clock.hasForegroundWork).toBe(true);
    clock.runUntil(10);
    expect(ran).toEqual(['b', 'bg', 'e', 'a', 'c']);
    expect(clock.pending).toBe(0);
    expect(clock.hasForegroundWork).toBe(false);
    expect(clock.now()).toBe(10);
  });
});

describe('OwnedPods counts a pod by its controller UID alone (ClaimPods compares UIDs)', () => {
  const rs: ReplicaSet = {
    apiVersion: 'apps/v1', kind: 'ReplicaSet',
    metadata: { name: 'rs', namespace: 'default', uid: 'rs-uid', resourceVersion: '1', creationTimestamp: '', generation: 1 },
    spec: { replicas: 2, selector: { matchLabels: { app: 'a' } }, template: { metadata: { labels: { app: 'a' } }, spec: { containers: [] } } },
  };
  const pod = (name: string, kind: string): Pod => ({
    apiVersion: 'v1', kind: 'Pod',
    metadata: { name, namespace: 'default', uid: `u-${name}`, resourceVersion: '1', creationTimestamp: '', labels: { app: 'a' }, ownerReferences: [{ apiVersion: 'x/v1', kind, name: 'rs', uid: 'rs-uid', controller: true }] },
    spec: { containers: [] },
    status: { phase: 'Running' },
  });

  it('whether the pod of another kind is seen before or after the ReplicaSet is counted', () => {
    const before = new OwnedPods();
    before.update(undefined, pod('p1', 'Job'));
    expect(before.counts(rs, 0).replicas).toBe(1);
    before.update(undefined, pod('p2', 'Job'));
    expect(before.counts(rs, 0).replicas).toBe(2);
    before.update(pod('p1', 'Job'), undefined);
    expect(before.counts(rs, 0).replicas).toBe(1);
  });
});
