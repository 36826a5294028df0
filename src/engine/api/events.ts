// core/v1 Events, the audit trail learners read in `kubectl describe` and `kubectl get events`.
// Like client-go's recorder, an identical event (same object, type, reason, message and source) repeated
// within 10 minutes is not stored again: the existing one gets count+1 and a new lastTimestamp.
// Like the API server's --event-ttl (1 h), an Event is deleted an hour after its last update, which keeps long
// runs (a CronJob over a year) in bounded memory.
import { rfc3339 } from '../clock/time-format.ts';
import type { ApiServer } from './api-server.ts';
import type { EventObject } from './kinds.ts';
import type { KubeObject } from './objects.ts';

const AGGREGATION_WINDOW_MS = 10 * 60 * 1000;
/** kube-apiserver --event-ttl: an Event disappears an hour after its last write. */
export const EVENT_TTL_MS = 60 * 60 * 1000;
const BACKGROUND = { background: true } as const;

export interface EventOptions {
  /** `spec.containers{name}` for container-level kubelet events. */
  fieldPath?: string;
  /** The node name, for kubelet events. */
  host?: string;
}

/** A stored event and the time of its last write (for aggregation and for the TTL). */
interface StoredEvent {
  key: string;
  name: string;
  namespace: string;
  last: number;
}

export class EventRecorder {
  #api: ApiServer;
  /** The latest stored event of each aggregation key. */
  #seen = new Map<string, StoredEvent>();
  #seq = 0;
  #nanosMs = Number.NaN;
  /** The current millisecond in nanoseconds, as hi · 2^24 + lo (exact without BigInt: hi < 2^38, lo < 2^24). */
  #nanosHi = 0;
  #nanosLo = 0;

  constructor(api: ApiServer) {
    this.#api = api;
  }

  record(involved: KubeObject, type: 'Normal' | 'Warning', reason: string, message: string, component: string, opts: EventOptions = {}): void {
    const now = this.#api.clock.now();
    const meta = involved.metadata;
    const namespace = meta.namespace ?? 'default';
    const host = opts.host ?? '';
    const fieldPath = opts.fieldPath ?? '';
    const key = `${meta.uid}\u0000${type}\u0000${reason}\u0000${message}\u0000${component}\u0000${host}\u0000${fieldPath}`;
    const seen = this.#seen.get(key);
    if (seen && now - seen.last <= AGGREGATION_WINDOW_MS) {
      const r = this.#api.patch<EventObject>('Event', seen.namespace, seen.name, (e) => {
        e.count += 1;
        e.lastTimestamp = rfc3339(now);
      });
      if (r.ok) {
        seen.last = now;
        return;
      }
    }
    // client-go names events `<object>.<UnixNano in hex>`; events recorded in the same simulated millisecond
    // get consecutive nanoseconds so their names stay unique and in creation order.
    if (now !== this.#nanosMs) {
      this.#nanosMs = now;
      const lo = now % 0x1000000;
      this.#nanosHi = ((now - lo) / 0x1000000) * 1_000_000;
      this.#nanosLo = lo * 1_000_000;
      this.#seq = 0;
    }
    const name = `${meta.name}.${this.#nanosHex(this.#seq++)}`;
    // involvedObject in ObjectReference field order; an empty namespace or fieldPath is left out (omitempty)
    const involvedObject: EventObject['involvedObject'] = meta.namespace
      ? { kind: involved.kind, namespace: meta.namespace, name: meta.name, uid: meta.uid, apiVersion: involved.apiVersion, resourceVersion: meta.resourceVersion }
      : { kind: involved.kind, name: meta.name, uid: meta.uid, apiVersion: involved.apiVersion, resourceVersion: meta.resourceVersion };
    if (fieldPath) involvedObject.fieldPath = fieldPath;
    const time = rfc3339(now);
    const event: EventObject = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name, namespace, uid: '', resourceVersion: '', creationTimestamp: '' },
      involvedObject,
      reason,
      message,
      source: host ? { component, host } : { component },
      firstTimestamp: time,
      lastTimestamp: time,
      count: 1,
      type,
      eventTime: null,
      reportingComponent: component,
      reportingInstance: host,
    };
    const r = this.#api.createInternal(event, { handOver: true });
    if (r.ok) {
      const stored: StoredEvent = { key, name, namespace, last: now };
      this.#seen.set(key, stored);
      this.#expire(stored, now + EVENT_TTL_MS);
    }
  }

  /** The current millisecond plus `seq` nanoseconds, in hex (client-go: UnixNano formatted with %x). */
  #nanosHex(seq: number): string {
    let hi = this.#nanosHi;
    let lo = this.#nanosLo + seq;
    if (lo >= 0x1000000) {
      const carry = Math.floor(lo / 0x1000000);
      hi += carry;
      lo -= carry * 0x1000000;
    }
    return hi === 0 ? lo.toString(16) : hi.toString(16) + lo.toString(16).padStart(6, '0');
  }

  /** One background task per stored event: it deletes the event once it has not been written for an hour. */
  #expire(event: StoredEvent, at: number): void {
    this.#api.clock.at(at, 'event ttl', () => {
      const due = event.last + EVENT_TTL_MS;
      if (due > this.#api.clock.now()) return this.#expire(event, due);
      if (this.#seen.get(event.key) === event) this.#seen.delete(event.key);
      this.#api.delete('Event', event.namespace, event.name);
    }, BACKGROUND);
  }
}
