// History cleanup (§3.6 step 3, §3.11; cleanupDeployment of sync.go): keep revisionHistoryLimit old
// ReplicaSets; delete the surplus, lowest revision first, but only those fully scaled down, with their
// generation observed and not already being deleted.
import type { Deployment, ReplicaSet } from '../../api/kinds.ts';
import { lowerRevisionFirst, specReplicas } from './replica-sets.ts';
import { SyncError, type SyncContext } from './sync-context.ts';

/** revisionHistoryLimit with the API default (10); MaxInt32 means unlimited. */
export function revisionHistoryLimit(d: Deployment): number | undefined {
  const v = d.spec?.revisionHistoryLimit ?? 10;
  return v === 2147483647 ? undefined : v;
}

export function cleanupDeployment(ctx: SyncContext, oldRSs: readonly ReplicaSet[], d: Deployment): void {
  const limit = revisionHistoryLimit(d);
  if (limit === undefined) return;
  const cleanable = oldRSs.filter((rs) => rs.metadata.deletionTimestamp === undefined);
  const diff = cleanable.length - limit;
  if (diff <= 0) return;
  cleanable.sort(lowerRevisionFirst);
  for (let i = 0; i < diff; i++) {
    const rs = cleanable[i];
    // Only a ReplicaSet with no pods and an up-to-date status goes (the loop does not look further).
    if ((rs.status?.replicas ?? 0) !== 0 || specReplicas(rs) !== 0) continue;
    if ((rs.metadata.generation ?? 0) > (rs.status?.observedGeneration ?? 0)) continue;
    const r = ctx.api.delete('ReplicaSet', rs.metadata.namespace, rs.metadata.name);
    if (!r.ok && r.error.reason !== 'NotFound') throw new SyncError(r.error.message);
  }
}
