// `ReconcilePods` and `ReconcileServices` for one replica type (release-1.9 common/pod.go, common/service.go;
// reference §2.3, §4.5): missing indexes get a pod (then a Service) with the replica's fixed name, indexes at or
// beyond `replicas` are deleted, and each existing pod is looked at: an `ExitedWithCode` event whenever its
// framework container has terminated; a Failed pod is deleted and recreated under OnFailure/Always, and under
// ExitCode when the code is retryable (≥ 128), setting Restarting; ExitCode with a code of 1–127 fails the job.
// Every pod is counted into replicaStatuses (rebuilt on every pass).
import type { Pod } from '../../../api/kinds.ts';
import type { KubeObject } from '../../../api/objects.ts';
import { newReason, REASON, updateJobConditions } from './conditions.ts';
import { expectationKey } from './expectations.ts';
import type { ReconcileDeps, TrainingFramework } from './framework.ts';
import { buildReplicaPod } from './replica-pod.ts';
import { countPod, forReplicaType, frameworkExitCode, initializeReplicaStatus, isRetryableExitCode, slicesByIndex } from './replica-pods.ts';
import { buildReplicaService, portsFromReplica } from './replica-service.ts';
import type { DefaultedJob, JobStatus, ReplicaSpec } from './types.ts';

/** Returns an error text (the pass stops and is retried), or undefined. */
export function reconcilePods(deps: ReconcileDeps, fw: TrainingFramework, d: DefaultedJob, key: string, status: JobStatus, allPods: readonly Pod[], type: string, spec: ReplicaSpec): string | undefined {
  const job = d.job;
  const rt = type.toLowerCase();
  const kind = fw.kind.kind;
  const podsKey = expectationKey(key, rt, 'pods');
  const event = (t: 'Normal' | 'Warning', reason: string, message: string) => deps.events.record(job, t, reason, message, fw.controllerName);
  initializeReplicaStatus(status, type);
  const slices = slicesByIndex(forReplicaType(allPods, rt), spec.replicas);
  for (let index = 0; index < slices.length; index++) {
    const slice = slices[index]!;
    if (slice.length > 1) continue; // "We have too many pods": left alone
    if (slice.length === 0) {
      const err = createReplicaPod(deps, fw, d, podsKey, type, index, spec);
      if (err) return err;
      continue;
    }
    const pod = slice[0]!;
    const ns = pod.metadata.namespace ?? 'default';
    if (index >= spec.replicas) {
      const err = deps.control.deletePod(job, ns, pod.metadata.name);
      if (err) return err;
      deps.expectations.raise(podsKey, 0, 1);
    }
    const exitCode = frameworkExitCode(pod, fw.kind.defaultContainerName);
    if (exitCode !== 0xbeef) event('Normal', 'ExitedWithCode', `Pod: ${ns}.${pod.metadata.name} exited with code ${exitCode}`);
    if (pod.status?.phase === 'Failed') {
      const policy = spec.restartPolicy;
      if ((policy === 'ExitCode' && isRetryableExitCode(exitCode)) || policy === 'OnFailure' || policy === 'Always') {
        const err = deps.control.deletePod(job, ns, pod.metadata.name);
        if (err) return err;
        deps.expectations.raise(podsKey, 0, 1);
        const msg = `job ${job.metadata.name} is restarting because ${type} replica(s) failed.`;
        event('Warning', newReason(kind, REASON.restarting), msg);
        updateJobConditions(status, 'Restarting', 'True', newReason(kind, REASON.restarting), msg, deps.now());
      } else if (policy === 'ExitCode') {
        const msg = `job "${job.metadata.name}" is failing because "${type}" replica(s) failed.`;
        event('Warning', newReason(kind, REASON.failed), msg);
        updateJobConditions(status, 'Failed', 'True', newReason(kind, REASON.failed), msg, deps.now());
      }
    }
    countPod(status, type, pod);
  }
  return undefined;
}

/** `createNewPod`. */
function createReplicaPod(deps: ReconcileDeps, fw: TrainingFramework, d: DefaultedJob, podsKey: string, type: string, index: number, spec: ReplicaSpec): string | undefined {
  const job = d.job;
  const built = buildReplicaPod(fw, d, type, index, spec, deps.gangSchedulerName);
  if (built.error || !built.pod) return built.error ?? 'no pod';
  if (built.restartPolicyOverridden) {
    deps.events.record(job, 'Warning', 'SetPodTemplateRestartPolicy', 'Restart policy in pod template will be overwritten by restart policy in replica spec', fw.controllerName);
  }
  if (built.customScheduler) {
    deps.events.record(job, 'Warning', 'SetPodTemplateSchedulerName', 'Another scheduler is specified when gang-scheduling is enabled and it will not be overwritten', fw.controllerName);
  }
  deps.expectations.raise(podsKey, 1, 0);
  const err = deps.control.createPod(job, built.pod);
  if (err) {
    deps.expectations.creationObserved(podsKey);
    return err;
  }
  return undefined;
}

export function reconcileServices(deps: ReconcileDeps, fw: TrainingFramework, d: DefaultedJob, key: string, allServices: readonly KubeObject[], type: string, spec: ReplicaSpec): string | undefined {
  const job = d.job;
  const rt = type.toLowerCase();
  const slices = slicesByIndex(forReplicaType(allServices, rt), spec.replicas);
  for (let index = 0; index < slices.length; index++) {
    const slice = slices[index]!;
    if (slice.length > 1) continue;
    if (slice.length === 0) {
      const ports = portsFromReplica(spec, fw.kind.defaultContainerName);
      if ('error' in ports) return ports.error;
      const servicesKey = expectationKey(key, rt, 'services');
      deps.expectations.raise(servicesKey, 1, 0);
      const err = deps.control.createService(job, buildReplicaService(fw.controllerName, d, type, index, ports.ports));
      if (err) {
        deps.expectations.creationObserved(servicesKey);
        return err;
      }
      continue;
    }
    const svc = slice[0]!;
    if (index >= spec.replicas) {
      const err = deps.control.deleteService(job, svc.metadata.namespace ?? 'default', svc.metadata.name);
      if (err) return err;
    }
  }
  return undefined;
}
