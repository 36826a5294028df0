// The small parts of the ReplicaSet controller: slow-start batches (§0.4), expectations (§2.1) and the
// incremental pod counts behind the status (§2.3).
import { describe, expect, it } from 'vitest';
import { EXPECTATIONS_TIMEOUT_MS, Expectations } from '../../../../src/engine/controllers/replicaset/expectations.ts';
import { slowStartBatch } from '../../../../src/engine/controllers/replicaset/slow-start.ts';
import { OwnedPods } from '../../../../src/engine/controllers/replicaset/owned-pods.ts';
import { countPods } from '../../../../src/engine/controllers/replicaset/status.ts';
import { SeededRandom } from '../../../../src/engine/clock/random.ts';
import { rfc3339 } from '../../../../src/engine/clock/time-format.ts';
import type { Pod, ReplicaSet } from '../../../../src/engine/api/kinds.ts';

describe('slowStartBatch (§0.4)', () => {
  it('creates in batches of 1, 2, 4, 8 … capped at what remains', () => {
    expect(slowStartBatch(10, 1, () => undefined).batches).toEqual([1, 2, 4, 3]);
    expect(slowStartBatch(500, 1, () => undefined).batches).toEqual([1, 2, 4, 8, 16, 32, 64, 128, 245]);
    expect(slowStartBatch(1, 1, () => undefined)).toEqual({ successes: 1, batches: [1] });
    expect(slowStartBatch(0, 1, () => undefined)).toEqual({ successes: 0, batches: [] });
  });

  it('finishes the failing batch and skips the remaining ones', () => {
    let calls = 0;
    const r = slowStartBatch(20, 1, () => (++calls === 5 ? 'quota exceeded' : undefined));
    // batches 1, 2 succeed; the batch of 4 (calls 4–7) has one failure and is the last
    expect(r).toEqual({ successes: 6, error: 'quota exceeded', batches: [1, 2, 4] });
    expect(calls).toBe(7);
  });
});

describe('Expectations (§2.1)', () => {
  it('holds a key until every expected creation is observed', () => {
    let now = 0;
    const e = new Expectations(() => now);
    expect(e.satisfied('ns/rs')).toBe(true);
    e.expectCreations('ns/rs', 2);
    expect(e.satisfied('ns/rs')).toBe(false);
    e.creationObserved('ns/rs');
    expect(e.satisfied('ns/rs')).toBe(false);
    e.creationObserved('ns/rs');
    expect(e.satisfied('ns/rs')).toBe(true);
  });

  it('counts each expected deletion once, and only for the pods chosen', () => {
    const e = new Expectations(() => 0);
    e.expectDeletions('ns/rs', ['ns/a', 'ns/b']);
    e.deletionObserved('ns/rs', 'ns/a');
    e.deletionObserved('ns/rs', 'ns/a'); // graceful deletion, then the final DELETE: counted once
    e.deletionObserved('ns/rs', 'ns/zzz');
    expect(e.satisfied('ns/rs')).toBe(false);
    e.deletionObserved('ns/rs', 'ns/b');
    expect(e.satisfied('ns/rs')).toBe(true);
  });

  it('expires after five minutes so a lost event cannot stall the controller', () => {
    let now = 0;
    const e = new Expectations(() => now);
    e.expectCreations('ns/rs', 3);
    now = EXPECTATIONS_TIMEOUT_MS;
    expect(e.satisfied('ns/rs')).toBe(false);
    now = EXPECTATIONS_TIMEOUT_MS + 1;
    expect(e.satisfied('ns/rs')).toBe(true);
  });
});

describe('OwnedPods: incremental counts (§2.3) agree with a recount', () => {
  it('after every change of a random sequence of pod changes', () => {
    const T0 = Date.UTC(2026, 0, 1);
    const random = new SeededRandom(3);
    const rs: ReplicaSet = {
      apiVersion: 'apps/v1', kind: 'ReplicaSet',
      metadata: { name: 'rs', namespace: 'default', uid: 'rs-uid', resourceVersion: '1', creationTimestamp: '', generation: 1 },
      spec: { replicas: 5, minReadySeconds: 10, selector: { matchLabels: { app: 'a' } }, template: { metadata: { labels: { app: 'a', tier: 't' } }, spec: { containers: [] } } },
    };
    const owner = { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs', uid: 'rs-uid', controller: true, blockOwnerDeletion: true };
    const index = new OwnedPods();
    const pods = new Map<string, Pod>();
    for (let step = 0; step < 400; step++) {
      const now = T0 + step * 1000;
      const name = `p${random.int(12)}`;
      const old = pods.get(name);
      let cur: Pod | undefined;
      if (old && random.int(6) === 0) cur = undefined; // deleted
      else {
        const ready = random.int(2) === 0;
        cur = {
          apiVersion: 'v1', kind: 'Pod',
          metadata: {
            name, namespace: 'default', uid: `u-${name}`, resourceVersion: String(step), creationTimestamp: rfc3339(T0),
            labels: random.int(5) === 0 ? { app: 'other' } : random.int(3) === 0 ? { app: 'a' } : { app: 'a', tier: 't' },
            ...(random.int(2) === 0 ? { ownerReferences: [owner] } : {}),
            ...(random.int(5) === 0 ? { deletionTimestamp: rfc3339(now + 30_000) } : {}),
          },
          spec: { containers: [], nodeName: 'node-1' },
          status: {
            phase: random.int(8) === 0 ? 'Succeeded' : 'Running',
            conditions: [{ type: 'Ready', status: ready ? 'True' : 'False', lastTransitionTime: rfc3339(now - random.int(20) * 1000) }],
          },
        };
      }
      index.update(old, cur);
      if (cur) pods.set(name, cur);
      else pods.delete(name);
      // the recount, straight from §2.3 and §0.5
      const claimed = [...pods.values()].filter((p) => p.metadata.ownerReferences?.[0]?.uid === 'rs-uid' && p.metadata.labels?.app === 'a');
      const active = claimed.filter((p) => p.metadata.deletionTimestamp === undefined && p.status!.phase !== 'Succeeded');
      const terminating = claimed.filter((p) => p.metadata.deletionTimestamp !== undefined && p.status!.phase !== 'Succeeded');
      expect(index.counts(rs, now)).toEqual(countPods(rs, active, terminating, now));
    }
  });
});
