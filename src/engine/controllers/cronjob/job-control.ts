// The controller's writes and the events that go with them (injection.go realJobControl, and deleteJob of
// cronjob_controllerv2.go). Jobs are deleted with Background propagation, as realJobControl.DeleteJob does.
import type { ApiServer, Result } from '../../api/api-server.ts';
import type { EventRecorder } from '../../api/events.ts';
import type { SeededRandom } from '../../clock/random.ts';
import { applyDefaults } from '../../defaults/index.ts';
import { deleteFromActiveList } from './active-list.ts';
import { CRONJOB_CONTROLLER, type CronJob, type Job } from './types.ts';

export class JobControl {
  readonly api: ApiServer;
  #events: EventRecorder;
  #random: SeededRandom;

  constructor(api: ApiServer, events: EventRecorder, random: SeededRandom) {
    this.api = api;
    this.#events = events;
    this.#random = random;
  }

  record(cj: CronJob, type: 'Normal' | 'Warning', reason: string, message: string): void {
    this.#events.record(cj, type, reason, message, CRONJOB_CONTROLLER);
  }

  getJob(namespace: string | undefined, name: string): Job | undefined {
    return this.api.get<Job>('Job', namespace, name);
  }

  getCronJob(namespace: string | undefined, name: string): CronJob | undefined {
    return this.api.get<CronJob>('CronJob', namespace, name);
  }

  /**
   * POST of the Job: the API server's defaults for a Job (§4.1, §4.2: the generated selector and labels use the
   * uid drawn here from the seeded randomness, which the stored Job keeps as its metadata.uid), then the store.
   */
  createJob(job: Job): Result<Job> {
    const uid = this.#random.uuid();
    const defaulted = applyDefaults(job, { uid, namespace: job.metadata.namespace });
    return this.api.createInternal(defaulted, { handOver: true, uid }) as Result<Job>;
  }

  /**
   * deleteJob: deletes the Job (Background), drops it from the CronJob's status.active (the sync's working
   * copy) and records SuccessfulDelete; on failure records FailedDelete. Returns whether it was deleted.
   */
  deleteJob(cj: CronJob, job: Job): boolean {
    const r = this.api.delete('Job', job.metadata.namespace, job.metadata.name, { propagationPolicy: 'Background' });
    if (!r.ok) {
      this.record(cj, 'Warning', 'FailedDelete', `Deleted job: ${r.error.message}`);
      return false;
    }
    deleteFromActiveList(cj, job.metadata.uid);
    this.record(cj, 'Normal', 'SuccessfulDelete', `Deleted job ${job.metadata.name}`);
    return true;
  }
}
