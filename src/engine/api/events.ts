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

export interface EventOptions {
  /** `spec.containers{name}` for container-level kubelet events. */
  fieldPath?: string;
  /** The node name, for kubelet events. */
  host?: string;
}

export class EventRecorder {
  #api: ApiServer;
  #seen = new Map<string, { name: string; namespace: string; last: number }>();
  /** Stored event name → time of its last write, for the TTL. */
  #lastWrite = new Map<string, number>();
  #seq = 0;
  #nanosMs = Number.NaN;
  #nanosBase = 0n;

  constructor(api: ApiServer) {
    this.#api = api;
  }

  record(involved: KubeObject, type: 'Normal' | 'Warning', reason: string, message: string, component: string, opts: EventOptions = {}): void {
    const now = this.#api.clock.now();
    const namespace = involved.metadata.namespace ?? 'default';
    const key = [involved.metadata.uid, type, reason, message, component, opts.host ?? '', opts.fieldPath ?? ''].join('\u0000');
    const seen = this.#seen.get(key);
    if (seen && now - seen.last <= AGGREGATION_WINDOW_MS) {
      const r = this.#api.patch<EventObject>('Event', seen.namespace, seen.name, (e) => {
        e.count += 1;
        e.lastTimestamp = rfc3339(now);
      });
      if (r.ok) {
        seen.last = now;
        this.#lastWrite.set(seen.name, now);
        return;
      }
    }
    // client-go names events `<object>.<UnixNano in hex>`; events recorded in the same simulated millisecond
    // get consecutive nanoseconds so their names stay unique and in creation order.
    if (now !== this.#nanosMs) {
      this.#nanosMs = now;
      this.#nanosBase = BigInt(now) * 1_000_000n;
      this.#seq = 0;
    }
    const name = `${involved.metadata.name}.${(this.#nanosBase + BigInt(this.#seq++)).toString(16)}`;
    const event: EventObject = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name, namespace, uid: '', resourceVersion: '', creationTimestamp: '' },
      involvedObject: {
        kind: involved.kind,
        namespace: involved.metadata.namespace,
        name: involved.metadata.name,
        uid: involved.metadata.uid,
        apiVersion: involved.apiVersion,
        resourceVersion: involved.metadata.resourceVersion,
        ...(opts.fieldPath ? { fieldPath: opts.fieldPath } : {}),
      },
      reason,
      message,
      source: { component, ...(opts.host ? { host: opts.host } : {}) },
      firstTimestamp: rfc3339(now),
      lastTimestamp: rfc3339(now),
      count: 1,
      type,
      eventTime: null,
      reportingComponent: component,
      reportingInstance: opts.host ?? '',
    };
    if (!event.involvedObject.namespace) delete event.involvedObject.namespace;
    const r = this.#api.createInternal(event, { handOver: true });
    if (r.ok) {
      this.#seen.set(key, { name, namespace, last: now });
      this.#lastWrite.set(name, now);
      this.#expire(key, name, namespace, now + EVENT_TTL_MS);
    }
  }

  /** One background task per stored event: it deletes the event once it has not been written for an hour. */
  #expire(key: string, name: string, namespace: string, at: number): void {
    this.#api.clock.at(at, 'event ttl', () => {
      const last = this.#lastWrite.get(name);
      if (last === undefined) return;
      const due = last + EVENT_TTL_MS;
      if (due > this.#api.clock.now()) return this.#expire(key, name, namespace, due);
      this.#lastWrite.delete(name);
      if (this.#seen.get(key)?.name === name) this.#seen.delete(key);
      this.#api.delete('Event', namespace, name);
    }, { background: true });
  }
}
