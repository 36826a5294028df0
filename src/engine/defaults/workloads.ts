// Defaults of the workload controllers (pkg/apis/apps/v1 and pkg/apis/batch/v1 defaults.go) and
// what their registries set on create: the Job's generated selector and labels (§4.2).

import { isObj, obj, objList, type Obj } from '../validate/rules/access.ts';
import { defaultPodTemplate } from './pod.ts';

export const CONTROLLER_UID_LABEL = 'batch.kubernetes.io/controller-uid';
export const JOB_NAME_LABEL = 'batch.kubernetes.io/job-name';
const LEGACY_CONTROLLER_UID_LABEL = 'controller-uid';
const LEGACY_JOB_NAME_LABEL = 'job-name';

function spec(o: Obj): Obj {
  return obj(o['spec']) ?? (o['spec'] = {});
}

function unset(v: unknown): boolean {
  return v === undefined || v === null;
}

export function defaultReplicaSet(rs: Obj): void {
  const s = spec(rs);
  if (unset(s['replicas'])) s['replicas'] = 1;
  defaultPodTemplate(s['template']);
}

export function defaultDeployment(deploy: Obj): void {
  const s = spec(deploy);
  if (unset(s['replicas'])) s['replicas'] = 1;
  const strategy = obj(s['strategy']) ?? (s['strategy'] = {});
  if (!strategy['type']) strategy['type'] = 'RollingUpdate';
  if (strategy['type'] === 'RollingUpdate') {
    const ru = obj(strategy['rollingUpdate']) ?? (strategy['rollingUpdate'] = {});
    if (unset(ru['maxUnavailable'])) ru['maxUnavailable'] = '25%';
    if (unset(ru['maxSurge'])) ru['maxSurge'] = '25%';
  }
  if (unset(s['revisionHistoryLimit'])) s['revisionHistoryLimit'] = 10;
  if (unset(s['progressDeadlineSeconds'])) s['progressDeadlineSeconds'] = 600;
  defaultPodTemplate(s['template']);
}

/** SetDefaults_PodFailurePolicyOnPodConditionsPattern: an omitted status means True. */
function defaultPodFailurePolicy(jobSpec: Obj): void {
  for (const rule of objList(obj(jobSpec['podFailurePolicy'])?.['rules']))
    for (const pattern of objList(rule['onPodConditions'])) if (!pattern['status']) pattern['status'] = 'True';
}

export interface JobDefaultsResult {
  /**
   * Whether the Job's labels were defaulted from its template while decoding. Upstream then
   * shares one map between the two, so the generated labels land in metadata.labels too (and
   * are validated there); otherwise they appear there only when the Job is read back.
   */
  readonly labelsSharedWithTemplate: boolean;
}

/** SetDefaults_Job, then the registry's generateSelector (unless manualSelector). */
export function defaultJob(job: Obj, uid: string, name: string): JobDefaultsResult {
  const s = spec(job);
  if (unset(s['completions']) && unset(s['parallelism'])) {
    s['completions'] = 1;
    s['parallelism'] = 1;
  }
  if (unset(s['parallelism'])) s['parallelism'] = 1;
  if (unset(s['backoffLimit'])) s['backoffLimit'] = unset(s['backoffLimitPerIndex']) ? 6 : 2147483647;
  const meta = obj(job['metadata']) ?? (job['metadata'] = {});
  const template = obj(s['template']) ?? (s['template'] = {});
  const jobLabels = obj(meta['labels']);
  const shared = isObj(obj(template['metadata'])?.['labels']) && (!jobLabels || Object.keys(jobLabels).length === 0);
  if (unset(s['completionMode'])) s['completionMode'] = 'NonIndexed';
  if (unset(s['suspend'])) s['suspend'] = false;
  if (unset(s['podReplacementPolicy'])) s['podReplacementPolicy'] = isObj(s['podFailurePolicy']) ? 'Failed' : 'TerminatingOrFailed';
  if (unset(s['manualSelector'])) s['manualSelector'] = false;
  defaultPodFailurePolicy(s);
  defaultPodTemplate(template);
  if (s['manualSelector'] !== true) {
    const templateMeta = obj(template['metadata']) ?? (template['metadata'] = {});
    const labels = obj(templateMeta['labels']) ?? (templateMeta['labels'] = {});
    for (const [k, v] of [
      [LEGACY_JOB_NAME_LABEL, name],
      [JOB_NAME_LABEL, name],
      [LEGACY_CONTROLLER_UID_LABEL, uid],
      [CONTROLLER_UID_LABEL, uid],
    ] as const)
      if (!(k in labels)) labels[k] = v;
    const selector = obj(s['selector']) ?? (s['selector'] = {});
    const matchLabels = obj(selector['matchLabels']) ?? (selector['matchLabels'] = {});
    if (!(CONTROLLER_UID_LABEL in matchLabels)) matchLabels[CONTROLLER_UID_LABEL] = uid;
  }
  if (shared) meta['labels'] = { ...obj(obj(template['metadata'])?.['labels']) };
  return { labelsSharedWithTemplate: shared };
}

/** The Job as a read returns it: decoding defaults the labels from the template again. */
export function jobAsRead(job: Obj): void {
  const meta = obj(job['metadata']) ?? (job['metadata'] = {});
  const labels = obj(obj(obj(obj(job['spec'])?.['template'])?.['metadata'])?.['labels']);
  const own = obj(meta['labels']);
  if (labels && (!own || Object.keys(own).length === 0)) meta['labels'] = { ...labels };
}

export function defaultCronJob(cronJob: Obj): void {
  const s = spec(cronJob);
  if (!s['concurrencyPolicy']) s['concurrencyPolicy'] = 'Allow';
  if (unset(s['suspend'])) s['suspend'] = false;
  if (unset(s['successfulJobsHistoryLimit'])) s['successfulJobsHistoryLimit'] = 3;
  if (unset(s['failedJobsHistoryLimit'])) s['failedJobsHistoryLimit'] = 1;
  // the job template gets pod defaults now and the Job defaults only when Jobs are created
  const jobSpec = obj(obj(s['jobTemplate'])?.['spec']);
  if (jobSpec) {
    defaultPodFailurePolicy(jobSpec);
    defaultPodTemplate(jobSpec['template']);
  }
}
