// Sorting a job's pods and Services by replica (release-1.9 pkg/core/pod.go, service.go, status.go;
// pkg/util/k8sutil): by the replica-type label, into one slot per replica index, and counting pods into
// replicaStatuses (reference §4.3: Running → active, or failed when it is being deleted; Succeeded; Failed;
// Pending pods are not counted).
import type { Pod } from '../../../api/kinds.ts';
import type { KubeObject } from '../../../api/objects.ts';
import { REPLICA_INDEX_LABEL, REPLICA_TYPE_LABEL, type JobStatus } from './types.ts';

/** `FilterPodsForReplicaType` / `FilterServicesForReplicaType`: `rt` is the lowercased type. */
export function forReplicaType<T extends KubeObject>(objects: readonly T[], rt: string): T[] {
  return objects.filter((o) => o.metadata.labels?.[REPLICA_TYPE_LABEL] === rt);
}

/** `strconv.Atoi` of the replica-index label, or null when it is missing or not a number. */
export function replicaIndexOf(o: KubeObject): number | null {
  const v = o.metadata.labels?.[REPLICA_INDEX_LABEL];
  return v !== undefined && /^[+-]?\d+$/.test(v) ? Number(v) : null;
}

/**
 * `GetPodSlices` / `GetServiceSlices`: one slot per index, as many as max(replicas, highest index + 1), so
 * objects beyond the replica count show up for deletion. Objects without a usable index are skipped.
 */
export function slicesByIndex<T extends KubeObject>(objects: readonly T[], replicas: number): T[][] {
  let size = 0;
  for (const o of objects) {
    const i = replicaIndexOf(o);
    if (i !== null && i > size) size = i;
  }
  const slices: T[][] = Array.from({ length: Math.max(size + 1, replicas) }, () => []);
  for (const o of objects) {
    const i = replicaIndexOf(o);
    if (i === null || i < 0) continue;
    slices[i]!.push(o);
  }
  return slices;
}

/** `initializeReplicaStatuses`: a fresh, empty entry for the type (so counts are rebuilt on every pass). */
export function initializeReplicaStatus(status: JobStatus, type: string): void {
  status.replicaStatuses.set(type, { active: 0, succeeded: 0, failed: 0 });
}

/** `core.UpdateJobReplicaStatuses`. */
export function countPod(status: JobStatus, type: string, pod: Pod): void {
  const r = status.replicaStatuses.get(type);
  if (!r) return;
  switch (pod.status?.phase) {
    case 'Running':
      if (pod.metadata.deletionTimestamp !== undefined) r.failed++;
      else r.active++;
      break;
    case 'Succeeded':
      r.succeeded++;
      break;
    case 'Failed':
      r.failed++;
      break;
  }
}

/** `k8sutil.IsPodActive`: not finished and not being deleted. */
export function isPodActive(p: Pod): boolean {
  return p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed' && p.metadata.deletionTimestamp === undefined;
}

/** The exit code of the framework container's terminated state, or the `0xbeef` sentinel (48879). */
export function frameworkExitCode(pod: Pod, containerName: string): number {
  let code = 0xbeef;
  for (const s of pod.status?.containerStatuses ?? []) {
    if (s.name === containerName && s.state?.terminated) code = s.state.terminated.exitCode;
  }
  return code;
}

/** `IsRetryableExitCode` (release-1.9): any code of 128 or more. */
export function isRetryableExitCode(code: number): boolean {
  return code >= 128;
}
