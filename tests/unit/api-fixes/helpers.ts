// Shared builders for the api-fixes tests: a bare ApiServer on a virtual clock, and small manifests.
import { VirtualClock } from '../../../src/engine/clock/virtual-clock.ts';
import { SeededRandom } from '../../../src/engine/clock/random.ts';
import { ApiServer } from '../../../src/engine/api/api-server.ts';
import type { KubeObject } from '../../../src/engine/api/objects.ts';

export function newApi(seed = 1): ApiServer {
  return new ApiServer(new VirtualClock(Date.UTC(2026, 0, 1)), new SeededRandom(seed));
}

/** Creates and returns the stored object, failing the test with the API's message otherwise. */
export function mustCreate(api: ApiServer, value: Record<string, unknown>, namespace?: string): KubeObject {
  const r = api.create(value, namespace === undefined ? {} : { namespace });
  if (!r.ok) throw new Error(`create failed: ${r.error.message}`);
  return r.object;
}

export function tfJob(name: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    apiVersion: 'kubeflow.org/v1',
    kind: 'TFJob',
    metadata: { name, ...((extra.metadata as object) ?? {}) },
    spec: {
      tfReplicaSpecs: {
        Worker: {
          replicas: 1,
          template: { spec: { containers: [{ name: 'tensorflow', image: 'kubeflow/tf-mnist-with-summaries:latest', ports: [{ name: 'tfjob-port', containerPort: 2222 }] }] } },
        },
      },
      ...((extra.spec as object) ?? {}),
    },
  };
}

export function pyTorchJob(name: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    apiVersion: 'kubeflow.org/v1',
    kind: 'PyTorchJob',
    metadata: { name, ...((extra.metadata as object) ?? {}) },
    spec: {
      pytorchReplicaSpecs: {
        Master: {
          replicas: 1,
          template: { spec: { containers: [{ name: 'pytorch', image: 'kubeflow/pytorch-dist-mnist:latest', ports: [{ name: 'pytorchjob-port', containerPort: 23456 }] }] } },
        },
      },
      ...((extra.spec as object) ?? {}),
    },
  };
}

export function podManifest(name: string, namespace?: string): Record<string, unknown> {
  return {
    apiVersion: 'v1', kind: 'Pod', metadata: { name, ...(namespace ? { namespace } : {}) },
    spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] },
  };
}

export function clone<T>(v: T): T {
  return structuredClone(v);
}

/** The value at a dotted path (`spec.ports[0].protocol`), or undefined. */
export function dig(o: unknown, path: string): unknown {
  let cur: unknown = o;
  for (const part of path.match(/[^.[\]]+|\[\d+\]/g) ?? []) {
    if (cur === null || typeof cur !== 'object') return undefined;
    const key = part.startsWith('[') ? Number(part.slice(1, -1)) : part;
    cur = (cur as Record<string | number, unknown>)[key];
  }
  return cur;
}

/** Sets the value at a dotted path whose parents exist. */
export function put(o: unknown, path: string, value: unknown): void {
  const parts = path.match(/[^.[\]]+|\[\d+\]/g) ?? [];
  const last = parts.pop()!;
  const parent = dig(o, parts.join('.').replace(/\.\[/g, '[')) as Record<string | number, unknown>;
  parent[last.startsWith('[') ? Number(last.slice(1, -1)) : last] = value;
}
