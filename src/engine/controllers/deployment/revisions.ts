// Revisions of a Deployment as kubectl reads them from its ReplicaSets (§3.11): `kubectl rollout history`
// (polymorphichelpers/history.go) and the revision lookup and patch content of `kubectl rollout undo`
// (polymorphichelpers/rollback.go). Pure functions over API objects; printing is kubectl's business.
import type { Deployment, PodTemplateSpec, ReplicaSet } from '../../api/kinds.ts';
import { clone } from '../../api/objects.ts';
import { CHANGE_CAUSE_ANNOTATION, POD_TEMPLATE_HASH_LABEL, REVISION_ANNOTATION, SKIPPED_ANNOTATIONS, parseRevision } from './annotations.ts';
import { equalIgnoreHash } from './replica-sets.ts';

export interface RevisionEntry {
  revision: number;
  /** The ReplicaSet holding this revision. */
  replicaSet: string;
  /** Its pod template (with its pod-template-hash label, as stored). */
  template: PodTemplateSpec;
  /** `kubernetes.io/change-cause` of the ReplicaSet, if set (kubectl prints `<none>` otherwise). */
  changeCause?: string;
}

/** The ReplicaSets this Deployment controls (IsControlledBy: a controller reference with its uid). */
export function ownedReplicaSets(d: Deployment, replicaSets: readonly ReplicaSet[]): ReplicaSet[] {
  return replicaSets.filter((rs) =>
    rs.metadata.namespace === d.metadata.namespace && (rs.metadata.ownerReferences ?? []).some((r) => r.controller === true && r.uid === d.metadata.uid),
  );
}

/** The revision of a ReplicaSet, or undefined when its annotation is missing or not a number (kubectl skips it). */
export function replicaSetRevision(rs: ReplicaSet): number | undefined {
  return parseRevision(rs.metadata.annotations?.[REVISION_ANNOTATION]);
}

/** `kubectl rollout history`: one entry per revision, ascending (a later ReplicaSet with the same number wins). */
export function listRevisions(d: Deployment, replicaSets: readonly ReplicaSet[]): RevisionEntry[] {
  const byRevision = new Map<number, RevisionEntry>();
  for (const rs of ownedReplicaSets(d, replicaSets)) {
    const revision = replicaSetRevision(rs);
    if (revision === undefined) continue;
    const changeCause = rs.metadata.annotations?.[CHANGE_CAUSE_ANNOTATION];
    byRevision.set(revision, {
      revision,
      replicaSet: rs.metadata.name,
      template: clone(rs.spec!.template),
      ...(changeCause ? { changeCause } : {}),
    });
  }
  return [...byRevision.values()].sort((a, b) => a.revision - b.revision);
}

export type RevisionLookup = { ok: true; replicaSet: ReplicaSet; revision: number } | { ok: false; error: string };

/**
 * deploymentRevision of `kubectl rollout undo`: `toRevision` 0 means the revision before the newest.
 * Errors are kubectl's texts (printed after `error: `).
 */
export function findRollbackRevision(d: Deployment, replicaSets: readonly ReplicaSet[], toRevision = 0): RevisionLookup {
  let latest = 0;
  let previous = 0;
  let latestRS: ReplicaSet | undefined;
  let previousRS: ReplicaSet | undefined;
  for (const rs of ownedReplicaSets(d, replicaSets)) {
    const v = replicaSetRevision(rs);
    if (v === undefined) continue;
    if (toRevision === 0) {
      if (latest < v) {
        previous = latest;
        previousRS = latestRS;
        latest = v;
        latestRS = rs;
      } else if (previous < v) {
        previous = v;
        previousRS = rs;
      }
    } else if (toRevision === v) {
      return { ok: true, replicaSet: rs, revision: v };
    }
  }
  if (toRevision > 0) return { ok: false, error: `unable to find specified revision ${toRevision} in history` };
  if (!previousRS) return { ok: false, error: `no rollout history found for deployment "${d.metadata.name}"` };
  return { ok: true, replicaSet: previousRS, revision: previous };
}

export type RollbackChange =
  | { skipped: true; revision: number }
  | { skipped: false; revision: number; template: PodTemplateSpec; annotations: Record<string, string> };

/**
 * What `kubectl rollout undo` patches into the Deployment: the revision's template without
 * pod-template-hash, and the ReplicaSet's annotations except the deployment-controller ones (which keep
 * the Deployment's values). `skipped` when the template already matches (kubectl prints
 * `deployment.apps/<name> skipped rollback (current template already matches revision N)`).
 */
export function rollbackChange(d: Deployment, target: ReplicaSet, revision: number): RollbackChange {
  if (equalIgnoreHash(target.spec?.template, d.spec?.template)) return { skipped: true, revision };
  const template = clone(target.spec!.template);
  if (template.metadata?.labels) delete template.metadata.labels[POD_TEMPLATE_HASH_LABEL];
  const annotations: Record<string, string> = {};
  for (const k of SKIPPED_ANNOTATIONS) {
    const v = d.metadata.annotations?.[k];
    if (v !== undefined) annotations[k] = v;
  }
  for (const [k, v] of Object.entries(target.metadata.annotations ?? {})) if (!SKIPPED_ANNOTATIONS.has(k)) annotations[k] = v;
  return { skipped: false, revision, template, annotations };
}
