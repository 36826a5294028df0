// The controller-side legacy rollback (§3.4 step 6, §3.11; rollback.go): a Deployment carrying the
// `deprecated.deployment.rollback.to` annotation (from the old extensions/apps v1beta rollback API) gets the
// template of that revision (0 = the previous one), then the annotation is cleared.
import type { Deployment, ReplicaSet } from '../../api/kinds.ts';
import { clone } from '../../api/objects.ts';
import { POD_TEMPLATE_HASH_LABEL, ROLLBACK_TO_ANNOTATION, SKIPPED_ANNOTATIONS, parseRevision, revisionOf } from './annotations.ts';
import { getAllReplicaSetsAndSyncRevision } from './new-replicaset.ts';
import { equalIgnoreHash } from './replica-sets.ts';
import { DEPLOYMENT_CONTROLLER, SyncError, type SyncContext } from './sync-context.ts';

/** getRollbackTo: the requested revision, or undefined when the annotation is absent or malformed. */
export function rollbackTo(d: Deployment): number | undefined {
  const text = d.metadata.annotations?.[ROLLBACK_TO_ANNOTATION];
  if (!text) return undefined;
  return parseRevision(text);
}

/** LastRevision: the second highest revision (the one before the current). */
function lastRevision(all: readonly (ReplicaSet | undefined)[]): number {
  let max = 0;
  let second = 0;
  for (const rs of all) {
    if (!rs) continue;
    const v = revisionOf(rs);
    if (v >= max) {
      second = max;
      max = v;
    } else if (v > second) {
      second = v;
    }
  }
  return second;
}

function updateAndClearRollbackTo(ctx: SyncContext, d: Deployment): void {
  if (d.metadata.annotations) delete d.metadata.annotations[ROLLBACK_TO_ANNOTATION];
  const r = ctx.api.update(d);
  if (!r.ok) throw new SyncError(r.error.message);
}

export function rollback(ctx: SyncContext, d: Deployment, rsList: readonly ReplicaSet[]): void {
  const { newRS, oldRSs } = getAllReplicaSetsAndSyncRevision(ctx, d, rsList, true);
  const all = [...oldRSs, newRS];
  let revision = rollbackTo(d) ?? 0;
  const warn = (reason: string, message: string) => ctx.events.record(d, 'Warning', reason, message, DEPLOYMENT_CONTROLLER);
  if (revision === 0) {
    revision = lastRevision(all);
    if (revision === 0) {
      warn('DeploymentRollbackRevisionNotFound', 'Unable to find last revision.');
      return updateAndClearRollbackTo(ctx, d);
    }
  }
  for (const rs of all) {
    if (!rs || revisionOf(rs) !== revision) continue;
    if (equalIgnoreHash(d.spec?.template, rs.spec?.template)) {
      warn('DeploymentRollbackTemplateUnchanged', `The rollback revision contains the same template as current deployment "${d.metadata.name}"`);
      return updateAndClearRollbackTo(ctx, d);
    }
    // SetFromReplicaSetTemplate + SetDeploymentAnnotationsTo.
    const template = clone(rs.spec!.template);
    if (template.metadata?.labels) delete template.metadata.labels[POD_TEMPLATE_HASH_LABEL];
    d.spec!.template = template;
    const kept: Record<string, string> = {};
    for (const [k, v] of Object.entries(d.metadata.annotations ?? {})) if (SKIPPED_ANNOTATIONS.has(k)) kept[k] = v;
    for (const [k, v] of Object.entries(rs.metadata.annotations ?? {})) if (!SKIPPED_ANNOTATIONS.has(k)) kept[k] = v;
    d.metadata.annotations = kept;
    updateAndClearRollbackTo(ctx, d);
    ctx.events.record(d, 'Normal', 'DeploymentRollback', `Rolled back deployment "${d.metadata.name}" to revision ${revision}`, DEPLOYMENT_CONTROLLER);
    return;
  }
  warn('DeploymentRollbackRevisionNotFound', 'Unable to find the revision to rollback to.');
  updateAndClearRollbackTo(ctx, d);
}
