// core/v1 Events, the audit trail learners read in `kubectl describe` and `kubectl get events`.
// Like client-go's recorder, an identical event (same object, type, reason, message and source) repeated
// within 10 minutes is not stored again: the existing one gets count+1 and a new lastTimestamp.
// Like the API server's --event-ttl (1 h), an Event is deleted an hour after its last update, which keeps long
// runs (a CronJob over a year) in bounded memory.
import { rfc3339 } from '../clock/time-format.ts';
import type { ApiServer } from './api-server.ts';
import type { EventObject } from './kinds.ts';
import type { KubeObject } from './objects.ts';
import { EventAggregationIndex, sameEventIdentity, type EventIdentity } from './event-aggregation.ts';

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

/**
 * A stored event as the recorder follows it: the event as last written, and when (for the TTL). What identifies
 * it for aggregation is read from the event itself, so that tens of thousands of stored events keep no copy.
 */
class StoredEvent implements EventIdentity {
  event: EventObject;
  /** The namespace the event was recorded in (where the recorder patches and deletes it). */
  readonly namespace: string;
  last: number;

  constructor(event: EventObject, namespace: string, last: number) {
    this.event = event;
    this.namespace = namespace;
    this.last = last;
  }

  get name(): string {
    return this.event.metadata.name;
  }

  get uid(): string {
    return this.event.involvedObject.uid;
  }

  get type(): string {
    return this.event.type;
  }

  get reason(): string {
    return this.event.reason;
  }

  get message(): string {
    return this.event.message;
  }

  get component(): string {
    return this.event.source.component;
  }

  get host(): string {
    return this.event.source.host ?? '';
  }

  get fieldPath(): string {
    return this.event.involvedObject.fieldPath ?? '';
  }
}

export class EventRecorder {
  #api: ApiServer;
  /** The latest stored event of each aggregation identity. */
  #seen = new EventAggregationIndex<StoredEvent>();
  #seq = 0;
  #nanosMs = Number.NaN;
  /** The current millisecond in nanoseconds, as hi · 2^24 + lo (exact without BigInt: hi < 2^38, lo < 2^24). */
  #nanosHi = 0;
  #nanosLo = 0;
  #lastInvolved: EventObject['involvedObject'] | null = null;
  #sources = new Map<string, Map<string, EventObject['source']>>();
  /** The hex digits of #nanosHex's last `hi`. */
  #hiHexOf = Number.NaN;
  #hiHex = '';

  constructor(api: ApiServer) {
    this.#api = api;
  }

  record(involved: KubeObject, type: 'Normal' | 'Warning', reason: string, message: string, component: string, opts: EventOptions = {}): void {
    const now = this.#api.clock.now();
    const meta = involved.metadata;
    const namespace = meta.namespace ?? 'default';
    const host = opts.host ?? '';
    const fieldPath = opts.fieldPath ?? '';
    const seen = this.#seen.get({ uid: meta.uid, type, reason, message, component, host, fieldPath });
    if (seen && now - seen.last <= AGGREGATION_WINDOW_MS) {
      const r = this.#api.patch<EventObject>('Event', seen.namespace, seen.name, (e) => {
        e.count += 1;
        e.lastTimestamp = rfc3339(now);
      });
      if (r.ok) {
        // follow the new version (the old one may go), unless someone else rewrote what identifies it
        if (sameEventIdentity(new StoredEvent(r.object, seen.namespace, now), seen)) seen.event = r.object;
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
    // one flat string (kept for the event's hour of life): joined pieces would be kept as a tree of strings
    const name = [meta.name, '.', this.#nanosHex(this.#seq++)].join('');
    const involvedObject = this.#involvedObject(involved, fieldPath);
    const time = rfc3339(now);
    const event: EventObject = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name, namespace, uid: '', resourceVersion: '', creationTimestamp: '' },
      involvedObject,
      reason,
      message,
      source: this.#source(component, host),
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
      const stored = new StoredEvent(r.object as EventObject, namespace, now);
      this.#seen.set(stored);
      this.#expire(stored, now + EVENT_TTL_MS);
    }
  }

  // The parts of an event that repeat are shared between events: stored objects are never changed in place, and
  // a run keeps tens of thousands of events for their hour of life. An event's source is one of a few
  // (component, node) pairs; its involvedObject is often the one of the event before (the kubelet reports
  // Pulled, Created and Started on the same version of a pod).

  /** involvedObject in ObjectReference field order; an empty namespace or fieldPath is left out (omitempty). */
  #involvedObject(involved: KubeObject, fieldPath: string): EventObject['involvedObject'] {
    const meta = involved.metadata;
    const last = this.#lastInvolved;
    if (last && last.kind === involved.kind && last.namespace === meta.namespace && last.name === meta.name && last.uid === meta.uid &&
        last.apiVersion === involved.apiVersion && last.resourceVersion === meta.resourceVersion && (last.fieldPath ?? '') === fieldPath) {
      return last;
    }
    const ref: EventObject['involvedObject'] = meta.namespace
      ? { kind: involved.kind, namespace: meta.namespace, name: meta.name, uid: meta.uid, apiVersion: involved.apiVersion, resourceVersion: meta.resourceVersion }
      : { kind: involved.kind, name: meta.name, uid: meta.uid, apiVersion: involved.apiVersion, resourceVersion: meta.resourceVersion };
    if (fieldPath) ref.fieldPath = fieldPath;
    return (this.#lastInvolved = ref);
  }

  #source(component: string, host: string): EventObject['source'] {
    let byHost = this.#sources.get(component);
    if (!byHost) this.#sources.set(component, (byHost = new Map()));
    let source = byHost.get(host);
    if (!source) byHost.set(host, (source = host ? { component, host } : { component }));
    return source;
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
    if (hi === 0) return lo.toString(16);
    // hi changes every 16.8 ms of simulated time: its digits (a slow conversion of a large number) are kept
    if (hi !== this.#hiHexOf) {
      this.#hiHexOf = hi;
      this.#hiHex = hi.toString(16);
    }
    return this.#hiHex + lo.toString(16).padStart(6, '0');
  }

  /**
   * The fast-forward's jump (src/engine/sim/fast-forward): the clock has moved `byMs` on, and so has every
   * stored event last written at or after `sinceMs`; their expiry follows.
   */
  shiftTime(byMs: number, sinceMs: number): void {
    for (const stored of this.#api.clock.pendingArgs(this.#onTtl)) if (stored.last >= sinceMs) stored.last += byMs;
    this.#nanosMs = Number.NaN;
  }

  /** One background task per stored event: it deletes the event once it has not been written for an hour. */
  #expire(event: StoredEvent, at: number): void {
    this.#api.clock.atWith(at, 'event ttl', this.#onTtl, event, BACKGROUND);
  }

  /** The TTL task of every stored event (one function for all of them). */
  readonly #onTtl = (event: StoredEvent): void => {
    const due = event.last + EVENT_TTL_MS;
    if (due > this.#api.clock.now()) return this.#expire(event, due);
    this.#seen.deleteIfCurrent(event);
    this.#api.delete('Event', event.namespace, event.name);
  };
}
