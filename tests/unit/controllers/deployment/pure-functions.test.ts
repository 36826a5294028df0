// Pure parts of the Deployment controller: fencepost rounding (§3.3) and pod-template-hash (§0.1).
import { describe, expect, it } from 'vitest';
import type { Deployment } from '../../../../src/engine/api/kinds.ts';
import { maxSurge, maxUnavailable, resolveFenceposts, scaledValue } from '../../../../src/engine/controllers/deployment/fenceposts.ts';
import { canonicalJSON, computeHash, fnv32a, safeEncodeString } from '../../../../src/engine/controllers/deployment/hash.ts';

function deployment(replicas: number, strategy: Record<string, unknown> = {}): Deployment {
  return {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd', uid: 'u', resourceVersion: '1', creationTimestamp: '' },
    spec: { replicas, selector: { matchLabels: { a: 'b' } }, template: { spec: { containers: [] } }, strategy },
  };
}

describe('ResolveFenceposts (§3.3)', () => {
  it.each([
    [1, 1, 0],
    [2, 1, 0],
    [3, 1, 0],
    [4, 1, 1],
    [10, 3, 2],
  ])('replicas %i with 25%%/25%% → surge %i, unavailable %i (the §3.3 table)', (replicas, surge, unavailable) => {
    expect(resolveFenceposts('25%', '25%', replicas)).toEqual({ surge, unavailable });
    const d = deployment(replicas, { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } });
    expect([maxSurge(d), maxUnavailable(d)]).toEqual([surge, unavailable]);
  });

  it('rounds maxSurge up and maxUnavailable down', () => {
    expect(scaledValue('30%', 7, true)).toBe(3); // 2.1 → 3
    expect(scaledValue('30%', 7, false)).toBe(2); // 2.1 → 2
    expect(scaledValue(5, 7, false)).toBe(5);
  });

  it('turns maxUnavailable into 1 when both resolve to 0 (replicas 1, maxSurge 0, maxUnavailable 25%)', () => {
    expect(resolveFenceposts(0, '25%', 1)).toEqual({ surge: 0, unavailable: 1 });
  });

  it('caps MaxUnavailable at spec.replicas, and gives 0 for 0 replicas and for Recreate', () => {
    expect(maxUnavailable(deployment(3, { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 10 } }))).toBe(3);
    expect(maxUnavailable(deployment(0, { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 1 } }))).toBe(0);
    expect(maxUnavailable(deployment(5, { type: 'Recreate' }))).toBe(0);
    expect(maxSurge(deployment(5, { type: 'Recreate' }))).toBe(0);
  });

  it('lets maxSurge go above 100%', () => {
    expect(maxSurge(deployment(4, { type: 'RollingUpdate', rollingUpdate: { maxSurge: '150%', maxUnavailable: 0 } }))).toBe(6);
  });
});

describe('pod-template-hash (§0.1)', () => {
  it('uses FNV-32a', () => {
    const enc = (s: string) => new TextEncoder().encode(s);
    expect(fnv32a(enc(''))).toBe(0x811c9dc5);
    expect(fnv32a(enc('a'))).toBe(0xe40c292c);
    expect(fnv32a(enc('foobar'))).toBe(0xbf9cf968);
  });

  it('maps decimal digits through SafeEncodeString: 0→4 1→5 2→6 3→7 4→8 5→9 6→b 7→c 8→d 9→f', () => {
    expect(safeEncodeString('0123456789')).toBe('456789bcdf');
  });

  it('is stable, has the real alphabet and length, and changes with the template and collisionCount', () => {
    const template = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } };
    const h = computeHash(template);
    expect(h).toMatch(/^[456789bcdf]{1,10}$/);
    expect(h).toBe(computeHash(JSON.parse(JSON.stringify(template))));
    const decimal = [...h].map((c) => '456789bcdf'.indexOf(c)).join('');
    expect(Number(decimal)).toBeLessThan(2 ** 32);
    expect(computeHash({ ...template, spec: { containers: [{ name: 'web', image: 'nginx:1.28' }] } })).not.toBe(h);
    expect(computeHash(template, 1)).not.toBe(h);
    expect(computeHash(template, 1)).not.toBe(computeHash(template, 2));
  });

  it('hashes a canonical form: key order and empty values do not matter', () => {
    expect(canonicalJSON({ b: 1, a: { d: [], c: 'x' }, e: {} })).toBe('{"a":{"c":"x"},"b":1}');
    expect(computeHash({ spec: { containers: [{ image: 'x', name: 'y' }] }, metadata: {} })).toBe(computeHash({ spec: { containers: [{ name: 'y', image: 'x' }] } }));
  });
});
