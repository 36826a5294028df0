// Scaling events and paused Deployments (§3.4 steps 5 and 7, §3.8, §3.10; isScalingEvent, sync and scale of
// sync.go): a replica change during a rollout is spread over the active ReplicaSets in proportion to their
// size, so the rollout keeps its shape.
import type { Deployment, ReplicaSet } from '../../api/kinds.ts';
import { ROLLBACK_TO_ANNOTATION, DESIRED_REPLICAS_ANNOTATION } from './annotations.ts';
import { cleanupDeployment } from './cleanup.ts';
import { desiredReplicas, isRollingUpdate, maxSurge } from './fenceposts.ts';
import { getAllReplicaSetsAndSyncRevision } from './new-replicaset.ts';
import { syncDeploymentStatus } from './progress.ts';
import {
  activeReplicaSets, annotatedInt, findActiveOrLatest, isSaturated, largerThenNewer, largerThenOlder, replicaSetProportion, specReplicas, sumSpecReplicas,
} from './replica-sets.ts';
import { scaleReplicaSet, scaleReplicaSetAndRecordEvent, type SyncContext } from './sync-context.ts';

/** isScalingEvent: an active ReplicaSet's desired-replicas annotation disagrees with spec.replicas. */
export function isScalingEvent(ctx: SyncContext, d: Deployment, rsList: readonly ReplicaSet[]): boolean {
  const { newRS, oldRSs } = getAllReplicaSetsAndSyncRevision(ctx, d, rsList, false);
  for (const rs of activeReplicaSets([...oldRSs, newRS])) {
    const desired = annotatedInt(rs, DESIRED_REPLICAS_ANNOTATION);
    if (desired !== undefined && desired !== desiredReplicas(d)) return true;
  }
  return false;
}

/** sync: scale (proportionally if needed), clean up history when paused, write status. */
export function syncScaling(ctx: SyncContext, d: Deployment, rsList: readonly ReplicaSet[]): void {
  const { newRS, oldRSs } = getAllReplicaSetsAndSyncRevision(ctx, d, rsList, false);
  scale(ctx, d, newRS, oldRSs);
  if (d.spec?.paused && d.metadata.annotations?.[ROLLBACK_TO_ANNOTATION] === undefined) cleanupDeployment(ctx, oldRSs, d);
  // Status is computed from the ReplicaSets as read at the start of the sync, as upstream does.
  syncDeploymentStatus(ctx, [...oldRSs, newRS], newRS, d);
}

/** scale (§3.8). */
export function scale(ctx: SyncContext, d: Deployment, newRS: ReplicaSet | undefined, oldRSs: readonly ReplicaSet[]): boolean {
  const replicas = desiredReplicas(d);
  const only = findActiveOrLatest(newRS, oldRSs);
  if (only) {
    if (specReplicas(only) === replicas) return false;
    return scaleReplicaSetAndRecordEvent(ctx, only, replicas, d).scaled;
  }
  // A saturated new ReplicaSet (e.g. after adoption): old ones go to zero.
  if (isSaturated(d, newRS)) {
    let scaled = false;
    for (const old of activeReplicaSets(oldRSs)) scaled = scaleReplicaSetAndRecordEvent(ctx, old, 0, d).scaled || scaled;
    return scaled;
  }
  if (!isRollingUpdate(d)) return false;

  const all = activeReplicaSets([...oldRSs, newRS]);
  const allowed = replicas > 0 ? replicas + maxSurge(d) : 0;
  const toAdd = allowed - sumSpecReplicas(all);
  // Larger ReplicaSets first; ties go to newer ones when adding and to older ones when removing.
  if (toAdd > 0) all.sort(largerThenNewer);
  else if (toAdd < 0) all.sort(largerThenOlder);
  let added = 0;
  const sizes = all.map((rs) => {
    if (toAdd === 0) return specReplicas(rs);
    const proportion = replicaSetProportion(rs, d, toAdd, added);
    added += proportion;
    return specReplicas(rs) + proportion;
  });
  let scaled = false;
  all.forEach((rs, i) => {
    // Any leftover goes to the largest ReplicaSet.
    if (i === 0 && toAdd !== 0) sizes[0] = Math.max(0, sizes[0] + toAdd - added);
    scaled = scaleReplicaSet(ctx, rs, sizes[i], d).scaled || scaled;
  });
  return scaled;
}
