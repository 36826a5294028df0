// RealPodControl and RealServiceControl of the Training Operator (release-1.9 pkg/controller.v1/control): create
// and delete pods and Services through the API, with their events on the job (reference §4.10). Pods go through
// the API server's full admission, so a template the webhook let through but the Pod API refuses (a bad
// restartPolicy) fails here with FailedCreatePod. A delete of an object that is gone or already terminating is
// not an error and records nothing.
import type { ApiServer } from '../../../api/api-server.ts';
import type { EventRecorder } from '../../../api/events.ts';
import type { Pod } from '../../../api/kinds.ts';
import type { KubeObject } from '../../../api/objects.ts';

export class ObjectControl {
  #api: ApiServer;
  #events: EventRecorder;
  #component: string;

  constructor(api: ApiServer, events: EventRecorder, component: string) {
    this.#api = api;
    this.#events = events;
    this.#component = component;
  }

  /** Returns the error text, or undefined on success. */
  createPod(job: KubeObject, pod: Pod): string | undefined {
    const r = this.#api.create(pod as unknown as Record<string, unknown>, { namespace: job.metadata.namespace });
    if (!r.ok) {
      this.#events.record(job, 'Warning', 'FailedCreatePod', `Error creating: ${r.error.message}`, this.#component);
      return r.error.message;
    }
    this.#events.record(job, 'Normal', 'SuccessfulCreatePod', `Created pod: ${r.object.metadata.name}`, this.#component);
    return undefined;
  }

  createService(job: KubeObject, service: KubeObject): string | undefined {
    const r = this.#api.createInternal(service, { handOver: true });
    if (!r.ok) {
      this.#events.record(job, 'Warning', 'FailedCreateService', `Error creating: ${r.error.message}`, this.#component);
      return `unable to create services: ${r.error.message}`;
    }
    this.#events.record(job, 'Normal', 'SuccessfulCreateService', `Created service: ${r.object.metadata.name}`, this.#component);
    return undefined;
  }

  deletePod(job: KubeObject, namespace: string, name: string): string | undefined {
    return this.#delete(job, 'Pod', namespace, name, 'SuccessfulDeletePod', 'FailedDeletePod', `Deleted pod: ${name}`, 'unable to delete pods');
  }

  deleteService(job: KubeObject, namespace: string, name: string): string | undefined {
    return this.#delete(job, 'Service', namespace, name, 'SuccessfulDeleteService', 'FailedDeleteService', `Deleted service: ${name}`, 'unable to delete service');
  }

  #delete(job: KubeObject, kind: string, namespace: string, name: string, okReason: string, failReason: string, okMessage: string, errPrefix: string): string | undefined {
    const current = this.#api.get(kind, namespace, name);
    if (!current || current.metadata.deletionTimestamp !== undefined) return undefined;
    const r = this.#api.delete(kind, namespace, name);
    if (!r.ok) {
      this.#events.record(job, 'Warning', failReason, `Error deleting: ${r.error.message}`, this.#component);
      return `${errPrefix}: ${r.error.message}`;
    }
    this.#events.record(job, 'Normal', okReason, okMessage, this.#component);
    return undefined;
  }
}
