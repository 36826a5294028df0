// The pods a Job creates (§4.2, §4.10; manageJob and indexed_job_utils.go): the template's labels (with the
// generated controller-uid / job-name labels the API server put there), annotations and finalizers plus the
// `batch.kubernetes.io/job-tracking` finalizer, one controller ownerReference, generateName `<job>-`.
// Indexed Jobs add the completion index as annotation and label, the JOB_COMPLETION_INDEX variable (read from
// the label through the downward API) to every container, hostname `<job>-<index>` and generateName
// `<job>-<index>-`; with backoffLimitPerIndex the index's failure counts travel on the new pod's annotations.
import type { Container, Pod, PodTemplateSpec } from '../../api/kinds.ts';
import { clone } from '../../api/objects.ts';
import { podFromTemplate } from '../replicaset/pod-from-template.ts';
import {
  COMPLETION_INDEX_ENV, JOB_COMPLETION_INDEX, JOB_INDEX_FAILURE_COUNT, JOB_INDEX_IGNORED_FAILURE_COUNT, JOB_TRACKING_FINALIZER, isIndexedJob, type Job,
} from './job-types.ts';

/** MaxGeneratedNameLength: a generated name's base is at most 58 characters. */
const MAX_GENERATED_NAME_LENGTH = 58;

export interface IndexFailureCounts {
  failed: number;
  ignored: number;
}

/** The pod template as every pod of this Job gets it (env variable and tracking finalizer added). */
export function jobPodTemplate(job: Job): PodTemplateSpec {
  const template = clone(job.spec!.template);
  if (isIndexedJob(job)) {
    for (const c of template.spec.initContainers ?? []) addIndexEnv(c);
    for (const c of template.spec.containers ?? []) addIndexEnv(c);
  }
  const meta = (template.metadata ??= {});
  const finalizers = Array.isArray(meta.finalizers) ? (meta.finalizers as string[]) : [];
  if (!finalizers.includes(JOB_TRACKING_FINALIZER)) meta.finalizers = [...finalizers, JOB_TRACKING_FINALIZER];
  return template;
}

/** addCompletionIndexEnvVariable: unless the container already sets it (PodIndexLabel: read from the label). */
function addIndexEnv(c: Container): void {
  if (c.env?.some((e) => e.name === COMPLETION_INDEX_ENV)) return;
  c.env = [...(c.env ?? []), { name: COMPLETION_INDEX_ENV, valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: `metadata.labels['${JOB_COMPLETION_INDEX}']` } } }];
}

/** podGenerateNameWithIndex: `<job>-<index>-`, the job name cut so the base stays within 58 characters. */
export function generateNameWithIndex(jobName: string, index: number): string {
  const suffix = `-${index}-`;
  const prefix = jobName + suffix;
  return prefix.length > MAX_GENERATED_NAME_LENGTH ? prefix.slice(0, MAX_GENERATED_NAME_LENGTH - suffix.length) + suffix : prefix;
}

/**
 * Makes the pods of one Job (for one generation of its spec). The API server's pod defaults depend only on the
 * template, so the defaulted pod is built once and copied for each pod; Indexed Jobs then get their index,
 * hostname and name.
 */
export class JobPodFactory {
  #job: Job;
  #base: Pod;

  constructor(job: Job) {
    this.#job = job;
    const template = jobPodTemplate(job);
    // An Indexed Job's hostname sits where the controller sets it in the template, before the pod defaults.
    if (isIndexedJob(job)) template.spec = { ...template.spec, hostname: '' };
    this.#base = podFromTemplate(template, job);
  }

  /** A new pod; `index` for Indexed Jobs, `counts` with backoffLimitPerIndex. */
  newPod(index: number | null, counts?: IndexFailureCounts): Pod {
    const pod = clone(this.#base);
    if (index === null) return pod;
    const meta = pod.metadata;
    meta.annotations = { ...(meta.annotations ?? {}), [JOB_COMPLETION_INDEX]: String(index) };
    meta.labels = { ...(meta.labels ?? {}), [JOB_COMPLETION_INDEX]: String(index) };
    if (counts) {
      meta.annotations[JOB_INDEX_FAILURE_COUNT] = String(counts.failed);
      if (counts.ignored > 0) meta.annotations[JOB_INDEX_IGNORED_FAILURE_COUNT] = String(counts.ignored);
    }
    pod.spec!.hostname = `${this.#job.metadata.name}-${index}`;
    meta.generateName = generateNameWithIndex(this.#job.metadata.name, index);
    return pod;
  }
}
