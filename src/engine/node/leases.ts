// Node heartbeats. A real kubelet renews its Lease in kube-node-lease every 10 s (a quarter of the 40 s lease
// duration) and the node lifecycle controller watches the renewals. The simulator has no Lease kind and must
// stay idle when nothing happens, so renewals are implicit: while a kubelet runs its lease counts as renewed
// at every 10 s tick since it started; when it stops, the last renewal is the last tick before. One board per
// API server (a WeakMap, so simulations never share one).
import type { ApiServer } from '../api/api-server.ts';

/** The kubelet's lease renew interval (nodeLeaseDurationSeconds 40 × 0.25). */
export const LEASE_RENEW_INTERVAL_MS = 10_000;

interface Lease {
  origin: number;
  stoppedAt: number | null;
}

export class LeaseBoard {
  #leases = new Map<string, Lease>();
  #listeners: ((node: string) => void)[] = [];

  /** The kubelet of `node` starts (or resumes) renewing. */
  start(node: string, now: number): void {
    this.#leases.set(node, { origin: now, stoppedAt: null });
    this.#notify(node);
  }

  /** The kubelet of `node` stops renewing. */
  stop(node: string, now: number): void {
    const l = this.#leases.get(node);
    if (!l || l.stoppedAt !== null) return;
    l.stoppedAt = now;
    this.#notify(node);
  }

  renewing(node: string): boolean {
    const l = this.#leases.get(node);
    return !!l && l.stoppedAt === null;
  }

  known(node: string): boolean {
    return this.#leases.has(node);
  }

  /** The last renewal at or before `now` (null: never renewed). */
  lastRenew(node: string, now: number): number | null {
    const l = this.#leases.get(node);
    if (!l) return null;
    const until = l.stoppedAt ?? now;
    return l.origin + Math.floor((until - l.origin) / LEASE_RENEW_INTERVAL_MS) * LEASE_RENEW_INTERVAL_MS;
  }

  onChange(fn: (node: string) => void): void {
    this.#listeners.push(fn);
  }

  #notify(node: string): void {
    for (const fn of this.#listeners) fn(node);
  }
}

const boards = new WeakMap<ApiServer, LeaseBoard>();

export function leaseBoard(api: ApiServer): LeaseBoard {
  let b = boards.get(api);
  if (!b) boards.set(api, (b = new LeaseBoard()));
  return b;
}
