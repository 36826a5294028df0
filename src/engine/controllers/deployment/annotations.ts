// The annotations a Deployment keeps on its ReplicaSets (§3.5, §3.11): revision, revision-history,
// desired-replicas, max-replicas, and the Deployment's own annotations copied across
// (SetNewReplicaSetAnnotations, copyDeploymentAnnotationsToReplicaSet, SetReplicasAnnotations of
// pkg/controller/deployment/util/deployment_util.go).
import type { KubeObject } from '../../api/objects.ts';

export const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';
export const REVISION_HISTORY_ANNOTATION = 'deployment.kubernetes.io/revision-history';
export const DESIRED_REPLICAS_ANNOTATION = 'deployment.kubernetes.io/desired-replicas';
export const MAX_REPLICAS_ANNOTATION = 'deployment.kubernetes.io/max-replicas';
export const LAST_APPLIED_ANNOTATION = 'kubectl.kubernetes.io/last-applied-configuration';
export const ROLLBACK_TO_ANNOTATION = 'deprecated.deployment.rollback.to';
export const CHANGE_CAUSE_ANNOTATION = 'kubernetes.io/change-cause';
export const POD_TEMPLATE_HASH_LABEL = 'pod-template-hash';
/** revision-history is trimmed from the oldest entries to stay within this many characters. */
export const MAX_REV_HISTORY_LENGTH_IN_CHARS = 2000;

/** annotationsToSkip: never copied between a Deployment and its ReplicaSets. */
export const SKIPPED_ANNOTATIONS: ReadonlySet<string> = new Set([
  LAST_APPLIED_ANNOTATION,
  REVISION_ANNOTATION,
  REVISION_HISTORY_ANNOTATION,
  DESIRED_REPLICAS_ANNOTATION,
  MAX_REPLICAS_ANNOTATION,
  ROLLBACK_TO_ANNOTATION,
]);

/** strconv.ParseInt(s, 10, 64) for revisions: undefined when not a number. */
export function parseRevision(value: string | undefined): number | undefined {
  if (value === undefined || !/^[+-]?[0-9]+$/.test(value)) return undefined;
  return Number(value);
}

/** Revision(rs): the revision annotation, 0 when absent or malformed. */
export function revisionOf(o: KubeObject | undefined): number {
  return parseRevision(o?.metadata.annotations?.[REVISION_ANNOTATION]) ?? 0;
}

export function maxRevision(objects: readonly (KubeObject | undefined)[]): number {
  let max = 0;
  for (const o of objects) max = Math.max(max, revisionOf(o));
  return max;
}

function copyDeploymentAnnotations(d: KubeObject, rs: KubeObject): boolean {
  const target = (rs.metadata.annotations ??= {});
  let changed = false;
  for (const [k, v] of Object.entries(d.metadata.annotations ?? {})) {
    if (SKIPPED_ANNOTATIONS.has(k) || target[k] === v) continue;
    target[k] = v;
    changed = true;
  }
  return changed;
}

/** SetReplicasAnnotations: desired-replicas and max-replicas; true when either changed. */
export function setReplicasAnnotations(rs: KubeObject, desired: number, max: number): boolean {
  const a = (rs.metadata.annotations ??= {});
  let changed = false;
  if (a[DESIRED_REPLICAS_ANNOTATION] !== String(desired)) {
    a[DESIRED_REPLICAS_ANNOTATION] = String(desired);
    changed = true;
  }
  if (a[MAX_REPLICAS_ANNOTATION] !== String(max)) {
    a[MAX_REPLICAS_ANNOTATION] = String(max);
    changed = true;
  }
  return changed;
}

export function replicasAnnotationsNeedUpdate(rs: KubeObject, desired: number, max: number): boolean {
  const a = rs.metadata.annotations ?? {};
  return a[DESIRED_REPLICAS_ANNOTATION] !== String(desired) || a[MAX_REPLICAS_ANNOTATION] !== String(max);
}

/**
 * SetNewReplicaSetAnnotations: copies the Deployment's annotations, raises the revision to `newRevision`
 * (recording the previous one in revision-history when an existing ReplicaSet becomes new again, i.e. a
 * rollback) and, for a ReplicaSet about to be created, sets the replica annotations. Mutates `rs`.
 */
export function setNewReplicaSetAnnotations(d: KubeObject, rs: KubeObject, newRevision: number, exists: boolean, desired: number, max: number): boolean {
  let changed = copyDeploymentAnnotations(d, rs);
  const a = (rs.metadata.annotations ??= {});
  const hadRevision = REVISION_ANNOTATION in a;
  const oldText = a[REVISION_ANNOTATION];
  let oldRevision = parseRevision(oldText);
  if (oldRevision === undefined) {
    if (oldText !== undefined && oldText !== '') return false; // malformed: upstream leaves it alone
    oldRevision = 0;
  }
  if (oldRevision < newRevision) {
    a[REVISION_ANNOTATION] = String(newRevision);
    changed = true;
    if (hadRevision) {
      const history = a[REVISION_HISTORY_ANNOTATION] ?? '';
      const old = history.split(',');
      if (old[0] === '') {
        a[REVISION_HISTORY_ANNOTATION] = oldText!;
      } else {
        let total = history.length + oldText!.length + 1;
        let start = 0;
        while (total > MAX_REV_HISTORY_LENGTH_IN_CHARS && start < old.length) {
          total -= old[start].length + 1;
          start++;
        }
        if (total <= MAX_REV_HISTORY_LENGTH_IN_CHARS) a[REVISION_HISTORY_ANNOTATION] = [...old.slice(start), oldText!].join(',');
      }
    }
  }
  if (!exists && setReplicasAnnotations(rs, desired, max)) changed = true;
  return changed;
}
