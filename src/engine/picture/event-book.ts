// The event log's memory: every Event the API server stored, in the order of its last occurrence, kept after
// the API's one-hour TTL deletes it (api/events.ts) so the log covers the whole session. Bounded by MAX_EVENTS.
import type { EventObject } from '../api/kinds.ts';
import { keyFor, timeOf } from './pod-view.ts';
import type { EventView } from './types.ts';

export const MAX_EVENTS = 1_000;

export class EventBook {
  /** By event name, in order of last occurrence. Map keeps insertion order; re-inserting moves an entry last. */
  #byId = new Map<string, EventView>();
  #seq = 0;
  #dropped = 0;
  #cache: EventView[] | null = null;
  /** Events recorded since the last drainChanges (for incremental updates). */
  #changed = new Set<string>();
  readonly maxEvents: number;

  constructor(maxEvents = MAX_EVENTS) {
    this.maxEvents = maxEvents;
  }

  get dropped(): number {
    return this.#dropped;
  }

  /**
   * An Event was created or aggregated (count + 1) at `time`. Returns whether the log changed.
   * `time` is the watch time in ms; the Event's own timestamps have whole seconds only.
   */
  observe(e: EventObject, time: number): boolean {
    const id = e.metadata.name;
    const before = this.#byId.get(id);
    const count = e.count || 1;
    if (before && before.count === count) return false;
    const io = e.involvedObject;
    const view: EventView = {
      id,
      seq: ++this.#seq,
      first: before?.first ?? (count > 1 ? (timeOf(e.firstTimestamp) ?? time) : time),
      time,
      type: e.type,
      reason: e.reason,
      message: e.message,
      count,
      source: e.source?.component ?? '',
      object: { kind: io.kind, namespace: io.namespace ?? '', name: io.name, key: keyFor(io.kind, io.namespace, io.name), fieldPath: io.fieldPath ?? null },
    };
    this.#byId.delete(id);
    this.#byId.set(id, view);
    this.#changed.add(id);
    while (this.#byId.size > this.maxEvents) {
      const oldest = this.#byId.keys().next().value!;
      this.#byId.delete(oldest);
      this.#changed.delete(oldest);
      this.#dropped++;
    }
    this.#cache = null;
    return true;
  }

  events(): EventView[] {
    return (this.#cache ??= [...this.#byId.values()]);
  }

  /** Events recorded (new or again) since the previous call, in log order. Dropped ones leave from the front. */
  drainChanges(): EventView[] {
    const out = this.#changed.size ? this.events().filter((e) => this.#changed.has(e.id)) : [];
    this.#changed.clear();
    return out;
  }
}
