// The recorder's index of stored events by what makes two events "the same" for client-go's aggregation: the
// involved object's uid, type, reason, message, source component and host, and fieldPath.
// It stands in for one Map keyed by those seven strings joined with NUL: a joined key is a string as long as the
// message that every stored event keeps for its hour of life, which costs more memory than the event itself on
// big runs. Here the fields are compared where they are, under the object's uid and the message.
// (The joined key would also have confused tuples whose fields contain NUL; no event text does.)

/** The fields that identify an event for aggregation. */
export interface EventIdentity {
  readonly uid: string;
  readonly type: string;
  readonly reason: string;
  readonly message: string;
  readonly component: string;
  readonly host: string;
  readonly fieldPath: string;
}

/** Same type, reason, source and fieldPath (uid and message are the index's keys). */
function sameIdentity(a: EventIdentity, b: EventIdentity): boolean {
  return a.type === b.type && a.reason === b.reason && a.component === b.component && a.host === b.host && a.fieldPath === b.fieldPath;
}

/** Every field of the identity equal. */
export function sameEventIdentity(a: EventIdentity, b: EventIdentity): boolean {
  return a.uid === b.uid && a.message === b.message && sameIdentity(a, b);
}

/** At most one entry per identity: the latest one set. */
export class EventAggregationIndex<T extends EventIdentity> {
  /** uid → message → the entries with that uid and message (one, or a few differing in the other fields). */
  #byObject = new Map<string, Map<string, T | T[]>>();

  get(id: EventIdentity): T | undefined {
    const slot = this.#byObject.get(id.uid)?.get(id.message);
    if (slot === undefined) return undefined;
    if (!Array.isArray(slot)) return sameIdentity(slot, id) ? slot : undefined;
    return slot.find((e) => sameIdentity(e, id));
  }

  /** Adds `entry`, replacing the entry of the same identity if there is one. */
  set(entry: T): void {
    let messages = this.#byObject.get(entry.uid);
    if (!messages) this.#byObject.set(entry.uid, (messages = new Map()));
    const slot = messages.get(entry.message);
    if (slot === undefined || (!Array.isArray(slot) && sameIdentity(slot, entry))) {
      messages.set(entry.message, entry);
      return;
    }
    const list = Array.isArray(slot) ? slot : [slot];
    const i = list.findIndex((e) => sameIdentity(e, entry));
    if (i >= 0) list[i] = entry;
    else list.push(entry);
    messages.set(entry.message, list);
  }

  /** Removes `entry` if it is still the entry of its identity (a later one may have replaced it). */
  deleteIfCurrent(entry: T): void {
    const messages = this.#byObject.get(entry.uid);
    const slot = messages?.get(entry.message);
    if (!messages || slot === undefined) return;
    if (Array.isArray(slot)) {
      const i = slot.indexOf(entry);
      if (i < 0) return;
      slot.splice(i, 1);
      if (slot.length > 0) return;
    } else if (slot !== entry) return;
    messages.delete(entry.message);
    if (messages.size === 0) this.#byObject.delete(entry.uid);
  }
}
