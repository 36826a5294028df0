// `TFJobReconciler.UpdateJobStatus` (release-1.9 tfjob_controller.go; reference §4.3–§4.5). Types in the fixed
// order Chief, Evaluator, Master, PS, Worker, with expected = replicas − succeeded and running = active:
//  * with a Chief or Master, that type decides: Running while it runs, Succeeded once all of it succeeded;
//  * without, Worker decides: Succeeded when all workers succeeded, or (successPolicy not AllWorkers) when
//    worker 0's pod succeeded with its tensorflow container exiting 0; else Running while a worker runs;
//  * any type with failed pods fails the job — unless the job was already Restarting when the pass began (then
//    Restarting is kept), or it is Worker with enableDynamicWorker.
import type { Pod } from '../../../api/kinds.ts';
import { rfc3339 } from '../../../clock/time-format.ts';
import { newReason, REASON, updateJobConditions } from '../common/conditions.ts';
import type { StatusContext } from '../common/framework.ts';
import { forReplicaType, frameworkExitCode, slicesByIndex } from '../common/replica-pods.ts';
import { replicaSpecOf, type DefaultedJob, type JobStatus } from '../common/types.ts';

const KIND = 'TFJob';
const ORDER = ['Chief', 'Evaluator', 'Master', 'PS', 'Worker'];

export function containsChiefOrMaster(d: DefaultedJob): boolean {
  return d.replicas.some(([t]) => t === 'Chief' || t === 'Master');
}

/** `IsWorker0Completed`: worker 0's pod is Succeeded and its tensorflow container exited 0. */
function worker0Completed(d: DefaultedJob, pods: readonly Pod[]): boolean {
  const worker = replicaSpecOf(d, 'Worker');
  if (!worker) return true;
  const slices = slicesByIndex(forReplicaType(pods, 'worker'), worker.replicas);
  const slice = slices[0] ?? [];
  if (slice.length !== 1) return false;
  const pod = slice[0]!;
  return frameworkExitCode(pod, 'tensorflow') === 0 && pod.status?.phase === 'Succeeded';
}

export function updateTFJobStatus(d: DefaultedJob, status: JobStatus, ctx: StatusContext): void {
  const job = d.job;
  const id = `${job.metadata.namespace}/${job.metadata.name}`;
  const now = ctx.nowMs;
  const w0 = worker0Completed(d, ctx.pods);
  status.startTime ??= rfc3339(now);
  const restarting = status.conditions.find((c) => c.type === 'Restarting');
  const existingRestarting = restarting ? { reason: restarting.reason ?? '', message: restarting.message ?? '' } : null;
  const chiefOrMaster = containsChiefOrMaster(d);
  const succeed = () => {
    const msg = `TFJob ${id} successfully completed.`;
    ctx.event('Normal', newReason(KIND, REASON.succeeded), msg);
    status.completionTime ??= rfc3339(now);
    updateJobConditions(status, 'Succeeded', 'True', newReason(KIND, REASON.succeeded), msg, now);
  };
  const run = () => updateJobConditions(status, 'Running', 'True', newReason(KIND, REASON.running), `TFJob ${id} is running.`, now);

  for (const type of ORDER) {
    const spec = replicaSpecOf(d, type);
    if (!spec) continue;
    const rs = status.replicaStatuses.get(type) ?? { active: 0, succeeded: 0, failed: 0 };
    const expected = spec.replicas - rs.succeeded;
    const running = rs.active;
    const failed = rs.failed;
    if (chiefOrMaster) {
      if (type === 'Chief' || type === 'Master') {
        if (running > 0) run();
        if (expected === 0) succeed();
      }
    } else if (type === 'Worker') {
      if (expected === 0 || (w0 && d.spec.successPolicy !== 'AllWorkers')) succeed();
      else if (running > 0) run();
    }
    if (failed > 0) {
      if (existingRestarting) {
        updateJobConditions(status, 'Restarting', 'True', existingRestarting.reason, existingRestarting.message, now);
      } else {
        if (d.spec.enableDynamicWorker === true && type === 'Worker') continue;
        const msg = `TFJob ${id} has failed because ${failed} ${type} replica(s) failed.`;
        ctx.event('Normal', newReason(KIND, REASON.failed), msg);
        status.completionTime ??= rfc3339(now);
        updateJobConditions(status, 'Failed', 'True', newReason(KIND, REASON.failed), msg, now);
      }
    }
  }
}
