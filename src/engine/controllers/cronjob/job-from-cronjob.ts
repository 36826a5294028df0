// `kubectl create job NAME --from=cronjob/X` (§5.12; kubectl create_job.go createJobFromCronJob): the Job
// kubectl submits. spec is the job template's; labels are the template's; annotations are
// `cronjob.kubernetes.io/instantiate: manual` then the template's (a template key of the same name wins);
// the owner reference names the CronJob with controller: true but no blockOwnerDeletion, because kubectl
// avoids NewControllerRef (blockOwnerDeletion would need the cronjobs/finalizers permission). The API server
// then defaults and validates it like any user-created Job; the CronJob controller never lists it in
// status.active (it reports UnexpectedJob while it runs) but counts it for the history limits once finished.
import { clone, type OwnerReference } from '../../api/objects.ts';
import type { CronJob, JobSpec } from './types.ts';

export const INSTANTIATE_ANNOTATION = 'cronjob.kubernetes.io/instantiate';

export interface JobFromCronJobOptions {
  /** The namespace kubectl sets when one is enforced (-n); otherwise the request's namespace applies. */
  namespace?: string;
}

/** The body kubectl POSTs: no uid, no status (a type alias, so it passes as the API's plain-object input). */
export type JobRequest = {
  apiVersion: 'batch/v1';
  kind: 'Job';
  metadata: {
    name: string;
    namespace?: string;
    annotations: Record<string, string>;
    labels?: Record<string, string>;
    ownerReferences: OwnerReference[];
  };
  spec: JobSpec;
};

/** The request body of the create, shaped as kubectl serialises it. */
export function jobFromCronJob(cronJob: CronJob, name: string, opts: JobFromCronJobOptions = {}): JobRequest {
  const template = cronJob.spec!.jobTemplate;
  const annotations: Record<string, string> = { [INSTANTIATE_ANNOTATION]: 'manual', ...(template.metadata?.annotations ?? {}) };
  const labels = template.metadata?.labels;
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      name,
      ...(opts.namespace !== undefined ? { namespace: opts.namespace } : {}),
      annotations,
      ...(labels ? { labels: { ...labels } } : {}),
      ownerReferences: [{ apiVersion: 'batch/v1', kind: 'CronJob', name: cronJob.metadata.name, uid: cronJob.metadata.uid, controller: true }],
    },
    spec: clone(template.spec),
  };
}
