// getPodsForJob's ClaimPods (§0.2; controller_ref_manager.go with the Job's finalizer): a Job releases the pods
// it owns that no longer match its selector (unless it is being deleted) and adopts matching orphans that are
// not being deleted, adding its controller reference and the tracking finalizer in one patch. Before the first
// adoption the Job is read fresh from the API server, and adoption is refused if it is gone or being deleted.
import type { ApiServer } from '../../api/api-server.ts';
import type { Pod } from '../../api/kinds.ts';
import { controllerOf, newControllerRef } from '../../api/objects.ts';
import { selectorMatches, type Selector } from '../../validate/rules/meta.ts';
import { JOB_TRACKING_FINALIZER, type Job } from './job-types.ts';

function adoptionRefusal(api: ApiServer, job: Job): string | undefined {
  const fresh = api.get<Job>('Job', job.metadata.namespace, job.metadata.name);
  if (!fresh || fresh.metadata.uid !== job.metadata.uid) {
    return `original Job ${job.metadata.namespace}/${job.metadata.name} is gone: got uid ${fresh?.metadata.uid ?? ''}, wanted ${job.metadata.uid}`;
  }
  if (fresh.metadata.deletionTimestamp !== undefined) return `${job.metadata.namespace}/${job.metadata.name} has just been deleted at ${fresh.metadata.deletionTimestamp}`;
  return undefined;
}

/** Releases `mismatched` (owned, not selected) and adopts selected `orphans`; returns the errors. */
export function claimPods(api: ApiServer, job: Job, selector: Selector, mismatched: Iterable<Pod>, orphans: Iterable<Pod>): string[] {
  const errors: string[] = [];
  if (job.metadata.deletionTimestamp !== undefined) return errors;
  for (const pod of [...mismatched]) {
    const r = api.patch<Pod>('Pod', pod.metadata.namespace, pod.metadata.name, (o) => {
      if (o.metadata.uid !== pod.metadata.uid) return;
      o.metadata.ownerReferences = (o.metadata.ownerReferences ?? []).filter((x) => x.uid !== job.metadata.uid);
      if (o.metadata.ownerReferences.length === 0) delete o.metadata.ownerReferences;
    });
    if (!r.ok && r.error.reason !== 'NotFound' && r.error.reason !== 'Invalid') errors.push(r.error.message);
  }
  let refusal: string | undefined | null = null; // null: not checked yet
  for (const pod of [...orphans]) {
    if (pod.metadata.deletionTimestamp !== undefined || !selectorMatches(selector, pod.metadata.labels ?? {})) continue;
    if (pod.metadata.namespace !== job.metadata.namespace) continue;
    if (refusal === null) refusal = adoptionRefusal(api, job);
    if (refusal !== undefined) {
      errors.push(refusal);
      continue;
    }
    const r = api.patch<Pod>('Pod', pod.metadata.namespace, pod.metadata.name, (o) => {
      if (o.metadata.uid !== pod.metadata.uid || controllerOf(o)) return;
      o.metadata.ownerReferences = [...(o.metadata.ownerReferences ?? []), newControllerRef(job)];
      if (!o.metadata.finalizers?.includes(JOB_TRACKING_FINALIZER)) o.metadata.finalizers = [...(o.metadata.finalizers ?? []), JOB_TRACKING_FINALIZER];
    });
    if (!r.ok && r.error.reason !== 'NotFound') errors.push(r.error.message);
  }
  return errors;
}
