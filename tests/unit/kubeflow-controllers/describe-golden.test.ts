// Golden tests: `kubectl describe tfjob mnist` (kubectl's generic describer for a custom resource) and
// `kubectl describe service mnist-worker-0` against the kubectl-oracle demo store must print what the real
// kubectl v1.35.2 printed (tests/golden/kubectl-oracle/recorded/26-*, 27-*), byte for byte.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../src/engine/api/objects.ts';
import { runDescribe, type DescribeSource } from '../../../src/engine/kubectl/describe/index.ts';
import { loadOracleStore, ORACLE, recording } from '../kubectl/describe/oracle-store.ts';

const oracle = loadOracleStore();

// The generic describer prints metadata.resourceVersion, which the store file leaves out: the oracle's server
// numbered the objects as it loaded them (shared/tools/kubectl-oracle/lib/store.mjs `complete`: 1001, 1002 … in
// file order, objects before events).
const doc = parse(readFileSync(`${ORACLE}/store.yaml`, 'utf8'), { maxAliasCount: -1 }) as { objects: KubeObject[] };
const versions = new Map(doc.objects.filter((o) => o.metadata).map((o, i) => [`${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`, String(1001 + i)]));
const withVersion = <T extends KubeObject>(o: T): T => {
  const rv = versions.get(`${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`);
  return rv ? { ...o, metadata: { ...o.metadata, resourceVersion: rv } } : o;
};
const api = {
  get: (kind: string, namespace: string | undefined, name: string) => {
    const o = oracle.api.get(kind, namespace, name);
    return o && withVersion(o);
  },
  list: (kind: string, opts?: Parameters<DescribeSource['list']>[1]) => oracle.api.list(kind, opts).map(withVersion),
} as DescribeSource;

describe('kubectl describe of Training Operator objects matches kubectl 1.35.2', () => {
  for (const dir of ['26-describe-tfjob-mnist', '27-describe-service-mnist-worker-0']) {
    it(dir, () => {
      const rec = recording(dir);
      const r = runDescribe(api, oracle.shiftedNowMs + rec.elapsedMs, rec.args);
      expect(r.stdout).toBe(rec.stdout);
      expect(r.stderr).toBe(rec.stderr);
      expect(r.exitCode).toBe(rec.exitCode);
    });
  }
});
