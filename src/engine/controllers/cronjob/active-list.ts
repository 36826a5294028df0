// status.active bookkeeping (utils.go: inActiveList, inActiveListByName, deleteFromActiveList, getRef).
import type { CronJob, Job, ObjectReference } from './types.ts';

export function inActiveList(cj: CronJob, uid: string): boolean {
  return (cj.status?.active ?? []).some((r) => r.uid === uid);
}

export function inActiveListByName(cj: CronJob, namespace: string | undefined, name: string): boolean {
  return (cj.status?.active ?? []).some((r) => r.name === name && r.namespace === namespace);
}

/** Removes a Job from the working copy's status.active (`active` is omitempty: an empty list is left out). */
export function deleteFromActiveList(cj: CronJob, uid: string): void {
  const status = (cj.status ??= {});
  const active = (status.active ?? []).filter((r) => r.uid !== uid);
  if (active.length) status.active = active;
  else delete status.active;
}

/** ref.GetReference for a Job: the ObjectReference written to status.active. */
export function jobReference(job: Job): ObjectReference {
  return {
    kind: 'Job',
    ...(job.metadata.namespace !== undefined ? { namespace: job.metadata.namespace } : {}),
    name: job.metadata.name,
    uid: job.metadata.uid,
    apiVersion: 'batch/v1',
    resourceVersion: job.metadata.resourceVersion,
  };
}
