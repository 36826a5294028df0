// The Training Operator's controller expectations (release-1.9 pkg/controller.v1/expectation, pkg/common/util
// SatisfiedExpectations): creations and deletions of pods and Services issued but not yet seen, per
// `<job key>/<lowercased type>/pods|services`. A pass starts by resetting them all (ReconcileJobs), and a job is
// reconciled when ANY of its keys is satisfied (the upstream check ORs them), so they only hold back a pass
// issued while every type still waits for its own creations. Entries expire after 5 minutes.
export const EXPECTATIONS_TIMEOUT_MS = 5 * 60 * 1000;

interface Entry {
  add: number;
  del: number;
  at: number;
}

export type ExpectationResource = 'pods' | 'services';

export function expectationKey(jobKey: string, type: string, resource: ExpectationResource): string {
  return `${jobKey}/${type.toLowerCase()}/${resource}`;
}

export class TrainingExpectations {
  #now: () => number;
  #entries = new Map<string, Entry>();

  constructor(now: () => number) {
    this.#now = now;
  }

  #satisfied(key: string): boolean {
    const e = this.#entries.get(key);
    if (!e) return true;
    return (e.add <= 0 && e.del <= 0) || this.#now() - e.at > EXPECTATIONS_TIMEOUT_MS;
  }

  /** `SatisfiedExpectations` over the job's replica types. */
  satisfied(jobKey: string, types: readonly string[]): boolean {
    return types.some((t) => this.#satisfied(expectationKey(jobKey, t, 'pods')) || this.#satisfied(expectationKey(jobKey, t, 'services')));
  }

  /** `ResetExpectations`: every type's counts to zero. */
  reset(jobKey: string, types: readonly string[]): void {
    for (const t of types) {
      for (const r of ['pods', 'services'] as const) this.#entries.set(expectationKey(jobKey, t, r), { add: 0, del: 0, at: this.#now() });
    }
  }

  raise(key: string, add: number, del: number): void {
    const e = this.#entries.get(key);
    if (e) {
      e.add += add;
      e.del += del;
    } else this.#entries.set(key, { add, del, at: this.#now() });
  }

  creationObserved(key: string): void {
    const e = this.#entries.get(key);
    if (e) e.add--;
  }

  deletionObserved(key: string): void {
    const e = this.#entries.get(key);
    if (e) e.del--;
  }

  forget(jobKey: string): void {
    const prefix = `${jobKey}/`;
    for (const k of [...this.#entries.keys()]) if (k.startsWith(prefix)) this.#entries.delete(k);
  }
}
