// The pods of each controller (by controller UID) with the counts a ReplicaSet status needs, kept up to
// date from watch events. A sync then costs what changed, not what the ReplicaSet has: with a thousand
// replicas becoming ready one by one, recounting every pod on every sync is what would make a rollout slow.
// Counts are over pods that match the owner's selector ("claimed"); owned pods that stopped matching are
// counted apart, to be released. Selector and template labels come from the owning ReplicaSet when a sync
// binds the group; a change of either re-derives the group once.
import type { Pod, ReplicaSet } from '../../api/kinds.ts';
import { controllerOf } from '../../api/objects.ts';
import { labelSelectorAsSelector, selectorMatches, type Selector } from '../../validate/rules/meta.ts';
import { podFacts, type PodFacts } from './pod-facts.ts';

interface Member {
  facts: PodFacts;
  matches: boolean;
  fullyLabeled: boolean;
}

export interface PodCounts {
  replicas: number;
  fullyLabeledReplicas: number;
  readyReplicas: number;
  availableReplicas: number;
  terminatingReplicas: number;
}

class Group {
  members = new Map<string, Member>();
  /** Active members per node (whether they match or not: the related-pods count of §2.2 rule 5). */
  activeOnNode = new Map<string, number>();
  /** `uid/generation` of the ReplicaSet last bound: its selector and labels are unchanged until it moves. */
  boundTo = '';
  bound = false;
  selectorKey = '';
  labelsKey = '';
  selector: Selector | null = null;
  labels: [string, string][] = [];
  active = 0;
  activeMismatched = 0;
  terminating = 0;
  ready = 0;
  fullyLabeled = 0;
  /** Sorted Ready transition times (ms) of the claimed active ready pods that have one. */
  readySince: number[] = [];

  classify(facts: PodFacts): Member {
    const labels = facts.pod.metadata.labels ?? {};
    const matches = this.bound && this.selector !== null && selectorMatches(this.selector, labels);
    const fullyLabeled = this.labels.every(([k, v]) => labels[k] === v);
    return { facts, matches, fullyLabeled };
  }

  account(m: Member, sign: 1 | -1): void {
    if (!this.bound) return;
    const f = m.facts;
    if (!m.matches) {
      if (f.active) this.activeMismatched += sign;
      return;
    }
    if (f.terminating) this.terminating += sign;
    if (!f.active) return;
    this.active += sign;
    if (m.fullyLabeled) this.fullyLabeled += sign;
    if (!f.ready) return;
    this.ready += sign;
    if (f.readySince === undefined) return;
    const i = lowerBound(this.readySince, f.readySince);
    if (sign > 0) this.readySince.splice(i, 0, f.readySince);
    else this.readySince.splice(i, 1);
  }

  rebind(selectorKey: string, labelsKey: string, selector: Selector | null, labels: [string, string][]): void {
    this.bound = true;
    this.selectorKey = selectorKey;
    this.labelsKey = labelsKey;
    this.selector = selector;
    this.labels = labels;
    this.active = this.activeMismatched = this.terminating = this.ready = this.fullyLabeled = 0;
    this.readySince = [];
    for (const [key, m] of this.members) {
      const next = this.classify(m.facts);
      this.members.set(key, next);
      this.account(next, 1);
    }
  }
}

function lowerBound(a: number[], x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function upperBound(a: number[], x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function podKey(p: Pod): string {
  return `${p.metadata.namespace ?? ''}/${p.metadata.name}`;
}

/**
 * Groups by controller UID. Pods controlled by another kind than ReplicaSet (a Job's) are only parked by UID,
 * without their facts: a ReplicaSet would count one only if its UID were that ReplicaSet's (ClaimPods compares
 * UIDs alone), and such a pod joins the group when a group for that UID is first needed.
 */
export class OwnedPods {
  #groups = new Map<string, Group>();
  #parked = new Map<string, Map<string, Pod>>();

  /** Applies one pod change (old → cur, either may be absent); `eventKey` is the pod's `namespace/name`. */
  update(old: Pod | undefined, cur: Pod | undefined, eventKey?: string): void {
    if (old) {
      const uid = controllerOf(old)?.uid ?? '';
      const g = this.#groups.get(uid);
      const key = eventKey ?? podKey(old);
      const m = g?.members.get(key);
      if (g && m) {
        g.account(m, -1);
        g.members.delete(key);
        if (m.facts.active) g.activeOnNode.set(m.facts.nodeName, (g.activeOnNode.get(m.facts.nodeName) ?? 1) - 1);
        if (g.members.size === 0) this.#groups.delete(uid);
      } else if (!g) {
        const parked = this.#parked.get(uid);
        if (parked?.delete(key) && parked.size === 0) this.#parked.delete(uid);
      }
    }
    if (cur) {
      const ref = controllerOf(cur);
      if (!ref) return;
      const uid = ref.uid;
      let g = this.#groups.get(uid);
      if (!g) {
        if (ref.kind !== 'ReplicaSet') {
          let parked = this.#parked.get(uid);
          if (!parked) this.#parked.set(uid, (parked = new Map()));
          parked.set(eventKey ?? podKey(cur), cur);
          return;
        }
        g = this.#newGroup(uid);
      }
      this.#add(g, cur, eventKey);
    }
  }

  #add(g: Group, pod: Pod, key = podKey(pod)): void {
    const m = g.classify(podFacts(pod));
    g.members.set(key, m);
    g.account(m, 1);
    if (m.facts.active) g.activeOnNode.set(m.facts.nodeName, (g.activeOnNode.get(m.facts.nodeName) ?? 0) + 1);
  }

  /** A new group for `uid`, with the pods parked under it. */
  #newGroup(uid: string): Group {
    const g = new Group();
    this.#groups.set(uid, g);
    const parked = this.#parked.get(uid);
    if (parked) {
      this.#parked.delete(uid);
      for (const pod of parked.values()) this.#add(g, pod);
    }
    return g;
  }

  /** Binds the ReplicaSet's selector and template labels to its group (re-deriving it if they changed). */
  #group(rs: ReplicaSet): Group {
    const g = this.#groups.get(rs.metadata.uid) ?? this.#newGroup(rs.metadata.uid);
    const boundTo = `${rs.metadata.uid}/${rs.metadata.generation ?? 0}`;
    if (g.bound && g.boundTo === boundTo) return g;
    g.boundTo = boundTo;
    const selectorKey = JSON.stringify(rs.spec?.selector ?? null);
    const labels = Object.entries(rs.spec?.template?.metadata?.labels ?? {});
    const labelsKey = JSON.stringify(labels);
    if (!g.bound || g.selectorKey !== selectorKey || g.labelsKey !== labelsKey) g.rebind(selectorKey, labelsKey, labelSelectorAsSelector(rs.spec?.selector), labels);
    return g;
  }

  /** §2.3 counts over the claimed pods, at `nowMs` for availability. */
  counts(rs: ReplicaSet, nowMs: number): PodCounts {
    const g = this.#group(rs);
    const minReady = rs.spec?.minReadySeconds ?? 0;
    const available = minReady > 0 ? upperBound(g.readySince, nowMs - minReady * 1000) : g.ready;
    return { replicas: g.active, fullyLabeledReplicas: g.fullyLabeled, readyReplicas: g.ready, availableReplicas: available, terminatingReplicas: g.terminating };
  }

  /** ms until the next claimed ready pod reaches minReadySeconds, if any is waiting. */
  nextAvailabilityMs(rs: ReplicaSet, nowMs: number): number | undefined {
    const minReady = rs.spec?.minReadySeconds ?? 0;
    if (minReady <= 0) return undefined;
    const g = this.#group(rs);
    const i = upperBound(g.readySince, nowMs - minReady * 1000);
    return i < g.readySince.length ? g.readySince[i] + minReady * 1000 - nowMs : undefined;
  }

  /** The claimed active pods (for choosing deletion victims). */
  activeClaimed(rs: ReplicaSet): PodFacts[] {
    const out: PodFacts[] = [];
    for (const m of this.#group(rs).members.values()) if (m.matches && m.facts.active) out.push(m.facts);
    return out;
  }

  /** Owned active pods that no longer match the selector (to release). */
  activeMismatched(rs: ReplicaSet): Pod[] {
    const g = this.#group(rs);
    if (g.activeMismatched === 0) return [];
    const out: Pod[] = [];
    for (const m of g.members.values()) if (!m.matches && m.facts.active) out.push(m.facts.pod);
    return out;
  }

  /** Adds the active pods per node controlled by this UID to `onNode` (for the related-pods ranking). */
  addActivePerNode(uid: string, onNode: Map<string, number>): void {
    const g = this.#groups.get(uid) ?? (this.#parked.has(uid) ? this.#newGroup(uid) : undefined);
    if (g) for (const [node, n] of g.activeOnNode) if (n > 0) onNode.set(node, (onNode.get(node) ?? 0) + n);
  }
}
