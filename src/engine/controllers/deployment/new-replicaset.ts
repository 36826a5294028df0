// The new ReplicaSet (§3.5; getNewReplicaSet / getAllReplicaSetsAndSyncRevision of sync.go): found (oldest
// with the Deployment's template) and kept in sync — revision, copied annotations, minReadySeconds — or
// created as `<deployment>-<pod-template-hash>` with its first replicas and the Progressing condition.
import type { Deployment, ReplicaSet } from '../../api/kinds.ts';
import { clone, controllerOf, newControllerRef } from '../../api/objects.ts';
import { POD_TEMPLATE_HASH_LABEL, REVISION_ANNOTATION, maxRevision, setNewReplicaSetAnnotations } from './annotations.ts';
import {
  FOUND_NEW_REPLICASET, NEW_REPLICASET_CREATED, PROGRESSING, REPLICASET_CREATE_ERROR, getCondition, newCondition, setCondition,
} from './conditions.ts';
import { desiredReplicas, maxSurge } from './fenceposts.ts';
import { computeHash } from './hash.ts';
import { equalIgnoreHash, findNewReplicaSet, findOldReplicaSets, newRSNewReplicas } from './replica-sets.ts';
import { hasProgressDeadline } from './status.ts';
import { DEPLOYMENT_CONTROLLER, SyncError, updateDeploymentStatus, type SyncContext } from './sync-context.ts';

export interface ReplicaSetsOfDeployment {
  newRS: ReplicaSet | undefined;
  oldRSs: ReplicaSet[];
}

/** SetDeploymentRevision: true when the Deployment's revision annotation changed. */
function setDeploymentRevision(d: Deployment, revision: string): boolean {
  const a = (d.metadata.annotations ??= {});
  if (a[REVISION_ANNOTATION] === revision) return false;
  a[REVISION_ANNOTATION] = revision;
  return true;
}

/**
 * getAllReplicaSetsAndSyncRevision: the new ReplicaSet (created when `create` and missing) and all old ones.
 * Mutates `d` (revision annotation, Progressing condition, collisionCount) and writes it when needed.
 */
export function getAllReplicaSetsAndSyncRevision(ctx: SyncContext, d: Deployment, rsList: readonly ReplicaSet[], create: boolean): ReplicaSetsOfDeployment {
  const existing = findNewReplicaSet(d, rsList, ctx.templateKeys);
  const oldRSs = findOldReplicaSets(rsList, existing);
  const newRS = getNewReplicaSet(ctx, d, existing, oldRSs, create);
  return { newRS, oldRSs };
}

function getNewReplicaSet(ctx: SyncContext, d: Deployment, existing: ReplicaSet | undefined, oldRSs: readonly ReplicaSet[], create: boolean): ReplicaSet | undefined {
  const newRevision = maxRevision(oldRSs) + 1;
  const desired = desiredReplicas(d);
  const max = desired + maxSurge(d);

  if (existing) {
    const copy = clone(existing);
    const annotationsUpdated = setNewReplicaSetAnnotations(d, copy, newRevision, true, desired, max);
    const minReady = d.spec?.minReadySeconds ?? 0;
    if (annotationsUpdated || (copy.spec?.minReadySeconds ?? 0) !== minReady) {
      if (minReady) copy.spec!.minReadySeconds = minReady;
      else delete copy.spec!.minReadySeconds;
      const r = ctx.api.update(copy);
      if (!r.ok) throw new SyncError(r.error.message);
      return r.object;
    }
    let needsUpdate = setDeploymentRevision(d, copy.metadata.annotations?.[REVISION_ANNOTATION] ?? '');
    if (hasProgressDeadline(d) && !getCondition(d.status, PROGRESSING)) {
      d.status ??= {};
      setCondition(d.status, newCondition(PROGRESSING, 'True', FOUND_NEW_REPLICASET, `Found new replica set "${copy.metadata.name}"`, ctx.now()));
      needsUpdate = true;
    }
    if (needsUpdate) updateDeploymentStatus(ctx, d);
    return copy;
  }
  if (!create) return undefined;

  // The new template: the Deployment's, with pod-template-hash added to labels and selector.
  const collisionCount = d.status?.collisionCount;
  const template = clone(d.spec!.template);
  const hash = computeHash(template, collisionCount);
  template.metadata = { ...(template.metadata ?? {}), labels: { ...(template.metadata?.labels ?? {}), [POD_TEMPLATE_HASH_LABEL]: hash } };
  const selector = clone(d.spec!.selector);
  selector.matchLabels = { ...(selector.matchLabels ?? {}), [POD_TEMPLATE_HASH_LABEL]: hash };
  const minReady = d.spec?.minReadySeconds ?? 0;
  const newRS: ReplicaSet = {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: `${d.metadata.name}-${hash}`,
      namespace: d.metadata.namespace,
      uid: '',
      resourceVersion: '',
      creationTimestamp: '',
      labels: { ...template.metadata.labels },
      ownerReferences: [newControllerRef(d)],
    },
    spec: { replicas: 0, ...(minReady ? { minReadySeconds: minReady } : {}), selector, template },
  };
  const replicas = newRSNewReplicas(d, [...oldRSs, newRS], newRS);
  newRS.spec!.replicas = replicas;
  setNewReplicaSetAnnotations(d, newRS, newRevision, false, desired, max);

  const created = ctx.api.createInternal(newRS);
  let result: ReplicaSet;
  let alreadyExists = false;
  if (created.ok) {
    result = created.object as ReplicaSet;
  } else if (created.error.reason === 'AlreadyExists') {
    alreadyExists = true;
    const found = ctx.api.get<ReplicaSet>('ReplicaSet', d.metadata.namespace, newRS.metadata.name);
    const ref = found && controllerOf(found);
    if (!found || !ref || ref.uid !== d.metadata.uid || !equalIgnoreHash(d.spec!.template, found.spec?.template)) {
      // A hash collision with a ReplicaSet that is not ours: bump collisionCount, retry on the next sync.
      d.status ??= {};
      d.status.collisionCount = (d.status.collisionCount ?? 0) + 1;
      updateDeploymentStatus(ctx, d);
      throw new SyncError(created.error.message);
    }
    result = found;
  } else {
    const msg = `Failed to create new replica set "${newRS.metadata.name}": ${created.error.message}`;
    if (hasProgressDeadline(d)) {
      d.status ??= {};
      setCondition(d.status, newCondition(PROGRESSING, 'False', REPLICASET_CREATE_ERROR, msg, ctx.now()));
      updateDeploymentStatus(ctx, d);
    }
    ctx.events.record(d, 'Warning', REPLICASET_CREATE_ERROR, msg, DEPLOYMENT_CONTROLLER);
    throw new SyncError(created.error.message);
  }

  if (!alreadyExists && replicas > 0) {
    ctx.events.record(d, 'Normal', 'ScalingReplicaSet', `Scaled up replica set ${result.metadata.name} from 0 to ${replicas}`, DEPLOYMENT_CONTROLLER);
  }
  let needsUpdate = setDeploymentRevision(d, String(newRevision));
  if (!alreadyExists && hasProgressDeadline(d)) {
    d.status ??= {};
    setCondition(d.status, newCondition(PROGRESSING, 'True', NEW_REPLICASET_CREATED, `Created new replica set "${result.metadata.name}"`, ctx.now()));
    needsUpdate = true;
  }
  if (needsUpdate) updateDeploymentStatus(ctx, d);
  return result;
}
