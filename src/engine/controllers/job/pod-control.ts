// RealPodControl as the Job controller uses it (§0.3): creates and deletes pods with their events on the Job,
// and patches the tracking finalizer off a pod.
import type { ApiServer } from '../../api/api-server.ts';
import type { EventRecorder } from '../../api/events.ts';
import type { Pod } from '../../api/kinds.ts';
import { JOB_CONTROLLER, JOB_TRACKING_FINALIZER, type Job } from './job-types.ts';

export interface DeleteOutcome {
  ok: boolean;
  notFound: boolean;
  error?: string;
}

export class JobPodControl {
  #api: ApiServer;
  #events: EventRecorder;

  constructor(api: ApiServer, events: EventRecorder) {
    this.#api = api;
    this.#events = events;
  }

  /** CreatePodsWithGenerateName: Normal SuccessfulCreate / Warning FailedCreate. Returns an error or undefined. */
  create(job: Job, pod: Pod): string | undefined {
    const r = this.#api.createInternal(pod, { handOver: true });
    if (!r.ok) {
      this.#events.record(job, 'Warning', 'FailedCreate', `Error creating: ${r.error.message}`, JOB_CONTROLLER);
      return r.error.message;
    }
    this.#events.record(job, 'Normal', 'SuccessfulCreate', `Created pod: ${r.object.metadata.name}`, JOB_CONTROLLER);
    return undefined;
  }

  /** DeletePod: Normal SuccessfulDelete / Warning FailedDelete; an already deleted pod is NotFound without event. */
  delete(job: Job, pod: Pod): DeleteOutcome {
    const r = this.#api.delete('Pod', pod.metadata.namespace, pod.metadata.name);
    if (r.ok) {
      this.#events.record(job, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata.name}`, JOB_CONTROLLER);
      return { ok: true, notFound: false };
    }
    if (r.error.reason === 'NotFound') return { ok: false, notFound: true, error: r.error.message };
    this.#events.record(job, 'Warning', 'FailedDelete', `Error deleting: ${r.error.message}`, JOB_CONTROLLER);
    return { ok: false, notFound: false, error: `unable to delete pods: ${r.error.message}` };
  }

  /** The `$deleteFromPrimitiveList/finalizers` patch. True when the finalizer is gone (or the pod is). */
  removeTrackingFinalizer(pod: Pod): boolean {
    // The simulated API cannot refuse this patch: a missing pod or finalizer leaves nothing to do.
    this.#api.removeFinalizer('Pod', pod.metadata.namespace, pod.metadata.name, JOB_TRACKING_FINALIZER);
    return true;
  }
}
