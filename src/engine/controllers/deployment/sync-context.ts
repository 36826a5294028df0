// What one Deployment sync works with, and the writes it makes: scaling a ReplicaSet (with its
// ScalingReplicaSet event, §3.5) and writing the Deployment's status (with its revision annotation).
import type { ApiServer } from '../../api/api-server.ts';
import type { EventRecorder } from '../../api/events.ts';
import type { Deployment, ReplicaSet } from '../../api/kinds.ts';
import { clone, deepEqual } from '../../api/objects.ts';
import { replicasAnnotationsNeedUpdate, setReplicasAnnotations } from './annotations.ts';
import { desiredReplicas, maxSurge } from './fenceposts.ts';
import { specReplicas, type TemplateKeys } from './replica-sets.ts';

export const DEPLOYMENT_CONTROLLER = 'deployment-controller';

export interface SyncContext {
  api: ApiServer;
  events: EventRecorder;
  now(): number;
  /** Queues this Deployment again after `ms` (deadline checks). */
  requeueAfter(ms: number): void;
  /** The controller's cache of template comparison keys. */
  templateKeys: TemplateKeys;
}

/** A failed step: the sync stops and is retried with back-off. */
export class SyncError extends Error {}

/**
 * scaleReplicaSet: sets spec.replicas and the desired/max-replicas annotations; records
 * `Scaled up|down replica set <rs> from <old> to <new>` (1.35 wording, #125118) when the size changed.
 */
export function scaleReplicaSet(ctx: SyncContext, rs: ReplicaSet, newScale: number, d: Deployment): { scaled: boolean; rs: ReplicaSet } {
  const desired = desiredReplicas(d);
  const max = desired + maxSurge(d);
  const oldScale = specReplicas(rs);
  const sizeNeedsUpdate = oldScale !== newScale;
  if (!sizeNeedsUpdate && !replicasAnnotationsNeedUpdate(rs, desired, max)) return { scaled: false, rs };
  const copy = clone(rs);
  copy.spec!.replicas = newScale;
  setReplicasAnnotations(copy, desired, max);
  const r = ctx.api.update(copy);
  if (!r.ok) throw new SyncError(r.error.message);
  if (sizeNeedsUpdate) {
    const op = oldScale < newScale ? 'up' : 'down';
    ctx.events.record(d, 'Normal', 'ScalingReplicaSet', `Scaled ${op} replica set ${rs.metadata.name} from ${oldScale} to ${newScale}`, DEPLOYMENT_CONTROLLER);
  }
  return { scaled: sizeNeedsUpdate, rs: r.object };
}

/** scaleReplicaSetAndRecordEvent: nothing to do when the size is already right. */
export function scaleReplicaSetAndRecordEvent(ctx: SyncContext, rs: ReplicaSet, newScale: number, d: Deployment): { scaled: boolean; rs: ReplicaSet } {
  if (specReplicas(rs) === newScale) return { scaled: false, rs };
  return scaleReplicaSet(ctx, rs, newScale, d);
}

/**
 * UpdateStatus of the Deployment. The status subresource of apps/v1 Deployments also accepts annotation
 * changes (how the revision annotation is written); this API server separates them, so a changed
 * annotation is written first as a metadata-only update (no generation change).
 */
export function updateDeploymentStatus(ctx: SyncContext, d: Deployment): void {
  const stored = ctx.api.get<Deployment>('Deployment', d.metadata.namespace, d.metadata.name);
  if (!stored || stored.metadata.uid !== d.metadata.uid) throw new SyncError(`deployments.apps "${d.metadata.name}" not found`);
  if (!deepEqual(stored.metadata.annotations ?? {}, d.metadata.annotations ?? {})) {
    const annotations = clone(d.metadata.annotations);
    const r = ctx.api.patch<Deployment>('Deployment', d.metadata.namespace, d.metadata.name, (o) => {
      if (annotations && Object.keys(annotations).length) o.metadata.annotations = annotations;
      else delete o.metadata.annotations;
    });
    if (!r.ok) throw new SyncError(r.error.message);
  }
  if (deepEqual(stored.status ?? {}, d.status ?? {})) return;
  const r = ctx.api.updateStatus(d);
  if (!r.ok) throw new SyncError(r.error.message);
}
