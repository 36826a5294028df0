// RollingUpdate (§3.6; rolling.go): at most one scaling step per sync — grow the new ReplicaSet within
// maxSurge, else shrink old ReplicaSets within maxUnavailable (unhealthy replicas first) — then clean up
// history once complete and write the rollout status.
import type { Deployment, ReplicaSet } from '../../api/kinds.ts';
import { cleanupDeployment } from './cleanup.ts';
import { desiredReplicas, maxUnavailable } from './fenceposts.ts';
import { getAllReplicaSetsAndSyncRevision } from './new-replicaset.ts';
import { syncRolloutStatus } from './progress.ts';
import { activeReplicaSets, newRSNewReplicas, olderFirst, specReplicas, sumAvailableReplicas, sumSpecReplicas } from './replica-sets.ts';
import { deploymentComplete } from './status.ts';
import { scaleReplicaSetAndRecordEvent, type SyncContext } from './sync-context.ts';

export function rolloutRolling(ctx: SyncContext, d: Deployment, rsList: readonly ReplicaSet[]): void {
  const { newRS, oldRSs } = getAllReplicaSetsAndSyncRevision(ctx, d, rsList, true);
  const allRSs = [...oldRSs, newRS];
  if (newRS && reconcileNewReplicaSet(ctx, allRSs, newRS, d)) return syncRolloutStatus(ctx, allRSs, newRS, d);
  if (newRS && reconcileOldReplicaSets(ctx, allRSs, activeReplicaSets(oldRSs), newRS, d)) return syncRolloutStatus(ctx, allRSs, newRS, d);
  if (deploymentComplete(d, d.status)) cleanupDeployment(ctx, oldRSs, d);
  syncRolloutStatus(ctx, allRSs, newRS, d);
}

/** reconcileNewReplicaSet (§3.6 step 1). */
function reconcileNewReplicaSet(ctx: SyncContext, allRSs: (ReplicaSet | undefined)[], newRS: ReplicaSet, d: Deployment): boolean {
  const replicas = desiredReplicas(d);
  if (specReplicas(newRS) === replicas) return false;
  if (specReplicas(newRS) > replicas) return scaleReplicaSetAndRecordEvent(ctx, newRS, replicas, d).scaled;
  return scaleReplicaSetAndRecordEvent(ctx, newRS, newRSNewReplicas(d, allRSs, newRS), d).scaled;
}

/** reconcileOldReplicaSets (§3.6 step 2). */
function reconcileOldReplicaSets(ctx: SyncContext, allRSs: (ReplicaSet | undefined)[], oldRSs: ReplicaSet[], newRS: ReplicaSet, d: Deployment): boolean {
  if (sumSpecReplicas(oldRSs) === 0) return false;
  const minAvailable = desiredReplicas(d) - maxUnavailable(d);
  const newUnavailable = specReplicas(newRS) - (newRS.status?.availableReplicas ?? 0);
  const maxScaledDown = sumSpecReplicas(allRSs) - minAvailable - newUnavailable;
  if (maxScaledDown <= 0) return false;
  // Either step refusing an impossible request makes upstream return "nothing scaled" for this sync.
  const cleaned = cleanupUnhealthyReplicas(ctx, oldRSs, d, maxScaledDown);
  if (!cleaned) return false;
  const scaledDown = scaleDownOldReplicaSetsForRollingUpdate(ctx, [...cleaned.oldRSs, newRS], cleaned.oldRSs, d);
  if (scaledDown === undefined) return false;
  return cleaned.count + scaledDown > 0;
}

/**
 * cleanupUnhealthyReplicas: oldest first, remove up to each old ReplicaSet's unavailable replicas. Undefined
 * (upstream's "invalid request to scale down" error) when an old ReplicaSet reports more available replicas than
 * its spec — its status still counts pods that a scale-down just removed — since the "cleanup" would grow it.
 */
function cleanupUnhealthyReplicas(ctx: SyncContext, oldRSs: ReplicaSet[], d: Deployment, maxCleanup: number): { oldRSs: ReplicaSet[]; count: number } | undefined {
  const sorted = [...oldRSs].sort(olderFirst);
  let total = 0;
  for (let i = 0; i < sorted.length; i++) {
    if (total >= maxCleanup) break;
    const rs = sorted[i];
    const replicas = specReplicas(rs);
    const available = rs.status?.availableReplicas ?? 0;
    if (replicas === 0 || replicas === available) continue;
    const count = Math.min(maxCleanup - total, replicas - available);
    if (replicas - count > replicas) return undefined;
    sorted[i] = scaleReplicaSetAndRecordEvent(ctx, rs, replicas - count, d).rs;
    total += count;
  }
  return { oldRSs: sorted, count: total };
}

/**
 * scaleDownOldReplicaSetsForRollingUpdate: oldest first, by the available replicas above minAvailable. Undefined
 * for upstream's "invalid request to scale down" error (a step that would grow a ReplicaSet).
 */
function scaleDownOldReplicaSetsForRollingUpdate(ctx: SyncContext, allRSs: (ReplicaSet | undefined)[], oldRSs: ReplicaSet[], d: Deployment): number | undefined {
  const minAvailable = desiredReplicas(d) - maxUnavailable(d);
  const available = sumAvailableReplicas(allRSs);
  if (available <= minAvailable) return 0;
  const toScaleDown = available - minAvailable;
  let total = 0;
  for (const rs of [...oldRSs].sort(olderFirst)) {
    if (total >= toScaleDown) break;
    if (specReplicas(rs) === 0) continue;
    const count = Math.min(specReplicas(rs), toScaleDown - total);
    if (count < 0) return undefined;
    scaleReplicaSetAndRecordEvent(ctx, rs, specReplicas(rs) - count, d);
    total += count;
  }
  return total;
}
