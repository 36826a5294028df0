// The admission plugins a default 1.35 API server runs on every new Pod (after defaulting, before storage):
//  - ServiceAccount: serviceAccountName `default` and the projected token volume `kube-api-access-<suffix>`
//    mounted read-only at /var/run/secrets/kubernetes.io/serviceaccount in every container;
//  - Priority: `priority: 0` and `preemptionPolicy: PreemptLowerPriority` when no priorityClassName is given;
//  - DefaultTolerationSeconds: NoExecute tolerations of 300 s for the not-ready and unreachable taints;
//  - ExtendedResourceToleration (enabled on GPU clusters such as the default one): a pod that requests an
//    extended resource (`nvidia.com/gpu`) tolerates the taint of the same name, `operator: Exists`.
// These are what `kubectl get pod -o yaml` shows on a real cluster and what taint-based eviction relies on.
import type { PodSpec, Toleration } from './kinds.ts';

const TOKEN_MOUNT = '/var/run/secrets/kubernetes.io/serviceaccount';

/**
 * The token volume's projection, the same in every pod: one frozen object shared by all of them (about 1 KB
 * less to keep per pod). Stored objects are never changed in place, and readers copy before changing.
 */
const TOKEN_PROJECTION = deepFrozen({
  defaultMode: 420,
  sources: [
    { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
    { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
    { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
  ],
});

function tokenVolume(name: string) {
  return { name, projected: TOKEN_PROJECTION };
}

function deepFrozen<T>(v: T): T {
  if (v !== null && typeof v === 'object') {
    for (const k of Object.keys(v)) deepFrozen((v as Record<string, unknown>)[k]);
    Object.freeze(v);
  }
  return v;
}

function hasToleration(list: Toleration[], key: string): boolean {
  return list.some((t) => (t.key === key || (t.key === undefined && t.operator === 'Exists')) && (t.effect === undefined || t.effect === 'NoExecute'));
}

/** Mutates a defaulted pod spec as the admission chain does. `suffix` names the token volume. */
export function admitPodSpec(spec: PodSpec, suffix: string): void {
  if (!spec.serviceAccountName) spec.serviceAccountName = 'default';
  if (spec.automountServiceAccountToken !== false) {
    const volumes = (spec.volumes ??= []) as { name: string }[];
    const name = `kube-api-access-${suffix}`;
    if (!volumes.some((v) => v.name.startsWith('kube-api-access-'))) {
      volumes.push(tokenVolume(name));
      for (const c of [...(spec.initContainers ?? []), ...spec.containers]) {
        const mounts = ((c as { volumeMounts?: { mountPath: string }[] }).volumeMounts ??= []);
        if (!mounts.some((m) => m.mountPath === TOKEN_MOUNT)) mounts.push({ name, readOnly: true, mountPath: TOKEN_MOUNT } as { mountPath: string });
      }
    }
  }
  if (spec.priorityClassName === undefined && spec.priority === undefined) {
    spec.priority = 0;
    spec.preemptionPolicy ??= 'PreemptLowerPriority';
  }
  const tolerations = (spec.tolerations ??= []);
  for (const resource of extendedResources(spec)) {
    if (!tolerations.some((t) => t.key === resource && t.operator === 'Exists' && t.effect === undefined)) {
      tolerations.push({ key: resource, operator: 'Exists', effect: 'NoSchedule' });
    }
  }
  for (const key of ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable']) {
    if (!hasToleration(tolerations, key)) tolerations.push({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 });
  }
}

/** Extended resources (a domain-qualified name outside kubernetes.io) that any container requests or limits. */
function extendedResources(spec: PodSpec): string[] {
  const names = new Set<string>();
  for (const c of [...(spec.initContainers ?? []), ...spec.containers]) {
    for (const list of [c.resources?.requests, c.resources?.limits]) {
      for (const name of Object.keys(list ?? {})) {
        if (name.includes('/') && !name.startsWith('kubernetes.io/') && !name.includes('.kubernetes.io/') && !name.startsWith('hugepages-')) names.add(name);
      }
    }
  }
  return [...names].sort();
}
