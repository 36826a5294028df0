// The pod of one replica (release-1.9 common/pod.go `createNewPod`, control/pod_control.go
// `GetPodFromTemplate`; reference §2.1): named `<job>-<type>-<index>`, the template's labels plus the operator's
// (`operator-name`, `job-name`, `replica-type`, `replica-index`, and `job-role: master` on the master role), the
// template's annotations and finalizers, one controller reference to the job, the framework's cluster spec, the
// replica's restartPolicy (ExitCode → Never) and, with gang scheduling, the scheduler name and PodGroup label.
import type { Pod, PodSpec, PodTemplateSpec } from '../../../api/kinds.ts';
import { POD_GROUP_LABEL } from '../../../api/pod-group.ts';
import { clone, newControllerRef } from '../../../api/objects.ts';
import type { TrainingFramework } from './framework.ts';
import {
  JOB_NAME_LABEL, JOB_ROLE_LABEL, OPERATOR_NAME_LABEL, REPLICA_INDEX_LABEL, REPLICA_TYPE_LABEL, replicaName, type DefaultedJob, type ReplicaSpec,
} from './types.ts';

/** `GenLabels`: the labels that select every pod and Service of a job. */
export function jobLabels(controllerName: string, jobName: string): Record<string, string> {
  return { [OPERATOR_NAME_LABEL]: controllerName, [JOB_NAME_LABEL]: jobName.replaceAll('/', '-') };
}

export interface ReplicaPodResult {
  pod?: Pod;
  /** SetClusterSpec failed: the pod is not created and no event is recorded. */
  error?: string;
  /** The template set its own restartPolicy (Warning SetPodTemplateRestartPolicy). */
  restartPolicyOverridden: boolean;
  /** Gang scheduling with another scheduler named in some template (Warning SetPodTemplateSchedulerName). */
  customScheduler: boolean;
}

export function buildReplicaPod(fw: TrainingFramework, d: DefaultedJob, type: string, index: number, spec: ReplicaSpec, gangSchedulerName: string | null): ReplicaPodResult {
  const job = d.job;
  const rt = type.toLowerCase();
  const labels: Record<string, string> = { ...jobLabels(fw.controllerName, job.metadata.name), [REPLICA_TYPE_LABEL]: rt, [REPLICA_INDEX_LABEL]: String(index) };
  if (fw.isMasterRole(d, type, index)) labels[JOB_ROLE_LABEL] = 'master';
  const template = clone(spec.template ?? { spec: { containers: [] } }) as PodTemplateSpec;
  template.spec ??= { containers: [] };
  const meta = (template.metadata ??= {});
  meta.labels = { ...(meta.labels ?? {}), ...labels };

  const error = fw.setClusterSpec(d, template, rt, index);
  if (error) return { error, restartPolicyOverridden: false, customScheduler: false };

  const templatePolicy: unknown = template.spec.restartPolicy;
  const restartPolicyOverridden = typeof templatePolicy === 'string' && templatePolicy !== '';
  template.spec.restartPolicy = (spec.restartPolicy === 'ExitCode' ? 'Never' : spec.restartPolicy) as PodSpec['restartPolicy'];

  let customScheduler = false;
  if (gangSchedulerName !== null) {
    customScheduler = d.replicas.some(([, r]) => {
      const name = r.template?.spec?.schedulerName;
      return typeof name === 'string' && name !== '' && name !== gangSchedulerName;
    });
    // SchedulerPluginsControl.DecoratePodTemplateSpec
    if (!template.spec.schedulerName) template.spec.schedulerName = gangSchedulerName;
    meta.labels[POD_GROUP_LABEL] = job.metadata.name;
  }

  // What the controller sends: the API server adds uid, resourceVersion, creationTimestamp and the defaults.
  const pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: replicaName(job.metadata.name, rt, index),
      namespace: job.metadata.namespace,
      labels: meta.labels,
      ...(meta.annotations ? { annotations: { ...meta.annotations } } : {}),
      ...(Array.isArray(meta.finalizers) ? { finalizers: [...(meta.finalizers as string[])] } : {}),
      ownerReferences: [newControllerRef(job)],
    },
    spec: template.spec,
  } as unknown as Pod;
  return { pod, restartPolicyOverridden, customScheduler };
}
