// `PyTorchJobReconciler.UpdateJobStatus` (release-1.9 pytorchjob_controller.go; reference §5.5). Types in
// document order (Go visits the map in random order); each type's replicaStatuses selector is set first.
//  * with a Master: Running while it runs; Succeeded as soon as its pod succeeded — the pass ends there;
//  * without: Succeeded when all workers succeeded (or, with elasticPolicy, any); else Running while one runs;
//  * a type with failed pods and replicas > succeeded + running: Failed under restartPolicy Never, otherwise a
//    Warning PyTorchJobRestarting and a Restarting condition.
import { rfc3339 } from '../../../clock/time-format.ts';
import { newReason, REASON, updateJobConditions } from '../common/conditions.ts';
import type { StatusContext } from '../common/framework.ts';
import { jobLabels } from '../common/replica-pod.ts';
import { REPLICA_TYPE_LABEL, replicaSpecOf, type DefaultedJob, type JobStatus } from '../common/types.ts';
import { compareStrings } from '../../../api/api-server.ts';
import { isObject } from '../../../validate/kubeflow/kinds.ts';

const KIND = 'PyTorchJob';

/** `metav1.FormatLabelSelector(GenLabelSelector(job, rtype))`: the labels sorted, `k=v` joined by commas. */
export function replicaSelector(controllerName: string, jobName: string, type: string): string {
  const labels: Record<string, string> = { ...jobLabels(controllerName, jobName), [REPLICA_TYPE_LABEL]: type.toLowerCase() };
  return Object.keys(labels).sort(compareStrings).map((k) => `${k}=${labels[k]}`).join(',');
}

export function updatePyTorchJobStatus(controllerName: string, d: DefaultedJob, status: JobStatus, ctx: StatusContext): void {
  const job = d.job;
  const name = job.metadata.name;
  const now = ctx.nowMs;
  status.startTime ??= rfc3339(now);
  const hasMaster = !!replicaSpecOf(d, 'Master');
  const succeed = (msg: string) => {
    ctx.event('Normal', newReason(KIND, REASON.succeeded), msg);
    status.completionTime ??= rfc3339(now);
    updateJobConditions(status, 'Succeeded', 'True', newReason(KIND, REASON.succeeded), msg, now);
  };
  for (const [type, spec] of d.replicas) {
    let rs = status.replicaStatuses.get(type);
    if (!rs) status.replicaStatuses.set(type, (rs = { active: 0, succeeded: 0, failed: 0 }));
    rs.selector = replicaSelector(controllerName, name, type);
    const expected = spec.replicas - rs.succeeded;
    const running = rs.active;
    if (hasMaster) {
      if (type === 'Master') {
        if (running > 0) updateJobConditions(status, 'Running', 'True', newReason(KIND, REASON.running), `PyTorchJob ${name} is running.`, now);
        if (expected === 0) {
          succeed(`PyTorchJob ${name} is successfully completed.`);
          return;
        }
      }
    } else if (type === 'Worker') {
      if (expected === 0 || (isObject(d.spec.elasticPolicy) && rs.succeeded > 0)) succeed(`PyTorchJob ${job.metadata.namespace}/${name} successfully completed.`);
      else if (running > 0) updateJobConditions(status, 'Running', 'True', newReason(KIND, REASON.running), `PyTorchJob ${job.metadata.namespace}/${name} is running.`, now);
    }
    if (rs.failed > 0 && spec.replicas > rs.succeeded + running) {
      if (spec.restartPolicy !== 'Never') {
        const msg = `PyTorchJob ${name} is restarting because ${rs.failed} ${type} replica(s) failed.`;
        ctx.event('Warning', newReason(KIND, REASON.restarting), msg);
        updateJobConditions(status, 'Restarting', 'True', newReason(KIND, REASON.restarting), msg, now);
      } else {
        const msg = `PyTorchJob ${name} is failed because ${rs.failed} ${type} replica(s) failed.`;
        ctx.event('Normal', newReason(KIND, REASON.failed), msg);
        status.completionTime ??= rfc3339(now);
        updateJobConditions(status, 'Failed', 'True', newReason(KIND, REASON.failed), msg, now);
      }
    }
  }
}
