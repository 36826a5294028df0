// client-go's flowcontrol.Backoff as the kubelet uses it for container restarts and image pulls (reference
// §1.4): 10 s doubling to 300 s, no jitter; an entry is forgotten when the event it is asked about happened
// more than 2 × max (10 min) after its last update.

interface Entry {
  backoffMs: number;
  lastUpdate: number;
}

export class Backoff {
  readonly initialMs: number;
  readonly maxMs: number;
  #entries = new Map<string, Entry>();

  constructor(initialMs: number, maxMs: number) {
    this.initialMs = initialMs;
    this.maxMs = maxMs;
  }

  #expired(eventTime: number, e: Entry): boolean {
    return eventTime - e.lastUpdate > 2 * this.maxMs;
  }

  /** The current delay of `key` (0 when unknown). */
  get(key: string): number {
    return this.#entries.get(key)?.backoffMs ?? 0;
  }

  /** IsInBackOffSince: `eventTime` (a container's finish) is less than the current delay ago. */
  isInBackOffSince(key: string, eventTime: number, now: number): boolean {
    const e = this.#entries.get(key);
    if (!e || this.#expired(eventTime, e)) return false;
    return now - eventTime < e.backoffMs;
  }

  /** IsInBackOffSinceUpdate: less than the current delay has passed since the last `next`. */
  isInBackOffSinceUpdate(key: string, now: number): boolean {
    const e = this.#entries.get(key);
    if (!e || this.#expired(now, e)) return false;
    return now - e.lastUpdate < e.backoffMs;
  }

  /** Next: start at the initial delay (new or expired entry), else double up to the maximum. */
  next(key: string, eventTime: number, now: number): void {
    const e = this.#entries.get(key);
    if (!e || this.#expired(eventTime, e)) this.#entries.set(key, { backoffMs: this.initialMs, lastUpdate: now });
    else {
      e.backoffMs = Math.min(e.backoffMs * 2, this.maxMs);
      e.lastUpdate = now;
    }
  }

  delete(key: string): void {
    this.#entries.delete(key);
  }
}
