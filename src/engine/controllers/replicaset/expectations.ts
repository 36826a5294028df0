// Controller expectations (pkg/controller/controller_utils.go, UIDTrackingControllerExpectations): the
// creations and deletions a controller has issued but not yet seen in its watch. A key whose expectations
// are pending is not reconciled again (§2.1), so creates in flight are never doubled. Expectations expire
// after 5 minutes, as upstream's ExpectationsTimeout, so a lost event cannot stall a controller forever.

export const EXPECTATIONS_TIMEOUT_MS = 5 * 60 * 1000;

interface Expectation {
  add: number;
  del: number;
  setAt: number;
  /** Keys (`ns/name`) of the pods whose deletion is expected. */
  deleting: Set<string>;
}

export class Expectations {
  #now: () => number;
  #byKey = new Map<string, Expectation>();

  constructor(now: () => number) {
    this.#now = now;
  }

  /** SatisfiedExpectations: nothing pending, expired, or never set. */
  satisfied(key: string): boolean {
    const e = this.#byKey.get(key);
    if (!e) return true;
    if (e.add <= 0 && e.del <= 0) return true;
    return this.#now() - e.setAt > EXPECTATIONS_TIMEOUT_MS;
  }

  expectCreations(key: string, count: number): void {
    this.#byKey.set(key, { add: count, del: 0, setAt: this.#now(), deleting: new Set() });
  }

  expectDeletions(key: string, podKeys: readonly string[]): void {
    this.#byKey.set(key, { add: 0, del: podKeys.length, setAt: this.#now(), deleting: new Set(podKeys) });
  }

  creationObserved(key: string): void {
    const e = this.#byKey.get(key);
    if (e) e.add--;
  }

  /** Counts a deletion once, and only for a pod this controller chose to delete. */
  deletionObserved(key: string, podKey: string): void {
    const e = this.#byKey.get(key);
    if (e && e.deleting.delete(podKey)) e.del--;
  }

  delete(key: string): void {
    this.#byKey.delete(key);
  }
}
