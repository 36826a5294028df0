// The controller's Job informer: every Job, indexed by namespace and controller-reference name. Upstream's
// getJobsToBeReconciled lists a namespace's Jobs and keeps those whose controller reference carries the
// CronJob's name (kind and uid are not compared there), so the index is keyed the same way.
import type { WatchEvent } from '../../api/api-server.ts';
import { controllerOf } from '../../api/objects.ts';
import type { Job } from './types.ts';

function objectKey(job: Job): string {
  return `${job.metadata.namespace ?? ''}/${job.metadata.name}`;
}

function ownerKey(job: Job): string | null {
  const ref = controllerOf(job);
  return ref ? `${job.metadata.namespace ?? ''}/${ref.name}` : null;
}

export class JobIndex {
  #byKey = new Map<string, Job>();
  #byOwner = new Map<string, Map<string, Job>>();

  /** Applies a watch event; returns the Job before and after it. */
  apply(event: WatchEvent): { old?: Job; cur?: Job } {
    const job = event.object as Job;
    const key = event.key ?? objectKey(job);
    const old = this.#byKey.get(key);
    if (old) this.#unindex(key, old);
    if (event.type === 'DELETED') return { old: old ?? job };
    this.#byKey.set(key, job);
    const owner = ownerKey(job);
    if (owner) {
      let m = this.#byOwner.get(owner);
      if (!m) this.#byOwner.set(owner, (m = new Map()));
      m.set(key, job);
    }
    return { old, cur: job };
  }

  /** The Jobs of a namespace whose controller reference names `controllerName`, sorted by name. */
  controlledBy(namespace: string | undefined, controllerName: string): Job[] {
    const m = this.#byOwner.get(`${namespace ?? ''}/${controllerName}`);
    if (!m) return [];
    return [...m.values()].sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0));
  }

  #unindex(key: string, job: Job): void {
    this.#byKey.delete(key);
    const owner = ownerKey(job);
    if (!owner) return;
    const m = this.#byOwner.get(owner);
    m?.delete(key);
    if (m && m.size === 0) this.#byOwner.delete(owner);
  }
}
