// Recreate (§3.7; recreate.go): scale every old ReplicaSet to 0, wait until no old pod is left running
// (terminating pods count until they are gone), then create/scale the new ReplicaSet to spec.replicas.
import type { Deployment, Pod, ReplicaSet } from '../../api/kinds.ts';
import { cleanupDeployment } from './cleanup.ts';
import { desiredReplicas } from './fenceposts.ts';
import { getAllReplicaSetsAndSyncRevision } from './new-replicaset.ts';
import { syncRolloutStatus } from './progress.ts';
import { activeReplicaSets, specReplicas, sumStatusReplicas } from './replica-sets.ts';
import { deploymentComplete } from './status.ts';
import { scaleReplicaSetAndRecordEvent, type SyncContext } from './sync-context.ts';

/** oldPodsRunning: an old ReplicaSet still reports replicas, or an old pod is not Succeeded/Failed. */
export function oldPodsRunning(newRS: ReplicaSet | undefined, oldRSs: readonly ReplicaSet[], podMap: Map<string, Pod[]>): boolean {
  if (sumStatusReplicas(oldRSs) > 0) return true;
  for (const [rsUid, pods] of podMap) {
    if (newRS && newRS.metadata.uid === rsUid) continue;
    for (const pod of pods) {
      const phase = pod.status?.phase;
      // Unknown counts as running: the pod may still be running on an unreachable node.
      if (phase !== 'Failed' && phase !== 'Succeeded') return true;
    }
  }
  return false;
}

export function rolloutRecreate(ctx: SyncContext, d: Deployment, rsList: readonly ReplicaSet[], podMap: () => Map<string, Pod[]>): void {
  // The new ReplicaSet is not created yet, so nothing scales up before the old pods are gone.
  let { newRS, oldRSs } = getAllReplicaSetsAndSyncRevision(ctx, d, rsList, false);
  let allRSs = [...oldRSs, newRS];
  let scaledDown = false;
  for (const rs of activeReplicaSets(oldRSs)) {
    if (specReplicas(rs) === 0) continue;
    scaleReplicaSetAndRecordEvent(ctx, rs, 0, d);
    scaledDown = true;
  }
  if (scaledDown) return syncRolloutStatus(ctx, allRSs, newRS, d);
  if (oldPodsRunning(newRS, oldRSs, podMap())) return syncRolloutStatus(ctx, allRSs, newRS, d);
  if (!newRS) {
    ({ newRS, oldRSs } = getAllReplicaSetsAndSyncRevision(ctx, d, rsList, true));
    allRSs = [...oldRSs, newRS];
  }
  if (newRS) scaleReplicaSetAndRecordEvent(ctx, newRS, desiredReplicas(d), d);
  if (deploymentComplete(d, d.status)) cleanupDeployment(ctx, oldRSs, d);
  syncRolloutStatus(ctx, allRSs, newRS, d);
}
