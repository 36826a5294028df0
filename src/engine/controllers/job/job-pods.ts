// The pods of each Job (by controller UID), kept up to date from watch events with what a sync needs: the
// active pods, the pods that still carry the tracking finalizer but are no longer active (finished or being
// deleted: the outcomes still to count), ready and terminating counts, the restart sum of OnFailure jobs and
// the completion indexes in use. A sync then costs what is running and what changed since the last one, not
// every pod the Job ever created (a 10 000-completion Job keeps its finished pods around).
// Counts are over the pods that match the Job's selector; owned pods that stopped matching are kept apart, to
// be released.
import type { Pod } from '../../api/kinds.ts';
import { controllerOf } from '../../api/objects.ts';
import { labelSelectorAsSelector, selectorMatches, type Selector } from '../../validate/rules/meta.ts';
import { isPodReady } from '../replicaset/pod-state.ts';
import { JOB_COMPLETION_INDEX, JOB_TRACKING_FINALIZER, type Job } from './job-types.ts';

/** What the controller knows about one pod; a new record on every change, so a sync's snapshot stays as read. */
export interface JobPod {
  readonly pod: Pod;
  readonly key: string;
  readonly uid: string;
  /** The completion index annotation, or -1 (unknownCompletionIndex). */
  readonly index: number;
  readonly phase: string;
  readonly deleting: boolean;
  readonly finalizer: boolean;
  /** IsPodActive (§0.5). */
  readonly active: boolean;
  /** Being deleted and not in a terminal phase (CountTerminatingPods). */
  readonly terminating: boolean;
  readonly ready: boolean;
  /** Container restarts, counted only while Running or Pending (pastBackoffLimitOnFailure). */
  readonly restarts: number;
}

/** getCompletionIndex: the annotation as a non-negative integer, else -1. */
export function completionIndexOf(pod: Pod): number {
  const v = pod.metadata.annotations?.[JOB_COMPLETION_INDEX];
  if (v === undefined || !/^[+-]?\d+$/.test(v)) return -1;
  const n = Number(v);
  return n < 0 || !Number.isSafeInteger(n) ? -1 : n;
}

export function hasTrackingFinalizer(pod: Pod): boolean {
  return pod.metadata.finalizers?.includes(JOB_TRACKING_FINALIZER) ?? false;
}

export function jobPod(pod: Pod, key = `${pod.metadata.namespace ?? ''}/${pod.metadata.name}`): JobPod {
  const phase = pod.status?.phase ?? '';
  const deleting = pod.metadata.deletionTimestamp !== undefined;
  const terminal = phase === 'Succeeded' || phase === 'Failed';
  let restarts = 0;
  if (phase === 'Running' || phase === 'Pending') {
    for (const s of pod.status?.initContainerStatuses ?? []) restarts += s.restartCount ?? 0;
    for (const s of pod.status?.containerStatuses ?? []) restarts += s.restartCount ?? 0;
  }
  return {
    pod,
    key,
    uid: pod.metadata.uid,
    index: completionIndexOf(pod),
    phase,
    deleting,
    finalizer: hasTrackingFinalizer(pod),
    active: !terminal && !deleting,
    terminating: deleting && !terminal,
    ready: isPodReady(pod),
    restarts,
  };
}

function bump(m: Map<number, number>, k: number, by: number): void {
  const n = (m.get(k) ?? 0) + by;
  if (n === 0) m.delete(k);
  else m.set(k, n);
}

interface Member {
  info: JobPod;
  matches: boolean;
}

export class JobPodGroup {
  /** Every owned pod by key, with whether it matches the selector. */
  readonly members = new Map<string, Member>();
  /** Matching active pods. */
  readonly active = new Map<string, JobPod>();
  /** Matching pods with the tracking finalizer that are not active: outcomes not yet counted. */
  readonly tracked = new Map<string, JobPod>();
  /** Owned pods that do not match the selector (to release). */
  readonly mismatched = new Map<string, JobPod>();
  /** Active pods per completion index; terminating pods per completion index. */
  readonly activeIndexes = new Map<number, number>();
  readonly terminatingIndexes = new Map<number, number>();
  ready = 0;
  terminating = 0;
  restartSum = 0;
  bound = false;
  /** The Job is gone: the group goes with its last pod. */
  retired = false;
  selector: Selector | null = null;

  /** Adds or replaces a pod's record (a replaced pod with the same labels keeps its selector match). */
  put(info: JobPod): void {
    const prev = this.members.get(info.key);
    let matches: boolean;
    if (prev && prev.info.pod.metadata.labels === info.pod.metadata.labels) matches = prev.matches;
    else matches = this.bound && this.selector !== null && selectorMatches(this.selector, info.pod.metadata.labels ?? {});
    const next = { info, matches };
    this.members.set(info.key, next);
    this.#move(prev, next);
  }

  remove(key: string): void {
    const prev = this.members.get(key);
    if (!prev) return;
    this.members.delete(key);
    this.#move(prev, undefined);
  }

  /**
   * Moves a pod's contribution from its previous record to its new one. Map entries are replaced in place
   * when a pod stays in the same set, so a set keeps the order in which its pods entered it.
   */
  #move(prev: Member | undefined, next: Member | undefined): void {
    const a = prev?.matches ? prev.info : undefined;
    const b = next?.matches ? next.info : undefined;
    const key = (prev ?? next)!.info.key;
    setMembership(this.mismatched, key, next && !next.matches ? next.info : undefined, !!prev && !prev.matches);
    setMembership(this.active, key, b?.active ? b : undefined, !!a?.active);
    setMembership(this.tracked, key, b && !b.active && b.finalizer ? b : undefined, !!a && !a.active && a.finalizer);
    if (a) {
      this.restartSum -= a.restarts;
      if (a.terminating) this.terminating--;
      if (a.active && a.ready) this.ready--;
    }
    if (b) {
      this.restartSum += b.restarts;
      if (b.terminating) this.terminating++;
      if (b.active && b.ready) this.ready++;
    }
    const aActive = a?.active && a.index >= 0 ? a.index : -1;
    const bActive = b?.active && b.index >= 0 ? b.index : -1;
    if (aActive !== bActive) {
      if (aActive >= 0) bump(this.activeIndexes, aActive, -1);
      if (bActive >= 0) bump(this.activeIndexes, bActive, 1);
    }
    const aTerm = a?.terminating && a.index >= 0 ? a.index : -1;
    const bTerm = b?.terminating && b.index >= 0 ? b.index : -1;
    if (aTerm !== bTerm) {
      if (aTerm >= 0) bump(this.terminatingIndexes, aTerm, -1);
      if (bTerm >= 0) bump(this.terminatingIndexes, bTerm, 1);
    }
  }

  /** Binds the Job's selector (immutable, so once per Job UID), classifying the members seen before. */
  bind(job: Job): void {
    if (this.bound) return;
    this.bound = true;
    this.selector = labelSelectorAsSelector(job.spec?.selector);
    const infos = [...this.members.values()].map((m) => m.info);
    for (const info of infos) this.remove(info.key);
    for (const info of infos) this.put(info);
  }
}

/** Puts `value` under `key` (replacing in place) or removes the key when it was there and no longer belongs. */
function setMembership(m: Map<string, JobPod>, key: string, value: JobPod | undefined, wasIn: boolean): void {
  if (value) m.set(key, value);
  else if (wasIn) m.delete(key);
}

/** The UID of the Job controlling a pod, if a Job does. */
function jobUidOf(pod: Pod): string | undefined {
  const ref = controllerOf(pod);
  return ref && ref.kind === 'Job' ? ref.uid : undefined;
}

export class JobPods {
  #groups = new Map<string, JobPodGroup>();

  /** Applies one pod change (old → cur; either may be absent); `key` is the pod's `namespace/name`. */
  update(old: Pod | undefined, cur: Pod | undefined, key?: string): void {
    const oldUid = old ? jobUidOf(old) : undefined;
    const curUid = cur ? jobUidOf(cur) : undefined;
    if (oldUid !== undefined && oldUid !== curUid) {
      const g = this.#groups.get(oldUid);
      if (g) {
        g.remove(key ?? `${old!.metadata.namespace ?? ''}/${old!.metadata.name}`);
        if (g.members.size === 0 && (!g.bound || g.retired)) this.#groups.delete(oldUid);
      }
    }
    if (curUid === undefined) return;
    let g = this.#groups.get(curUid);
    if (!g) this.#groups.set(curUid, (g = new JobPodGroup()));
    g.put(key === undefined ? jobPod(cur!) : jobPod(cur!, key));
  }

  /** The group of a Job, bound to its selector. */
  group(job: Job): JobPodGroup {
    let g = this.#groups.get(job.metadata.uid);
    if (!g) this.#groups.set(job.metadata.uid, (g = new JobPodGroup()));
    g.bind(job);
    return g;
  }

  /** The group of a Job UID if any pod or sync created it. */
  existing(uid: string): JobPodGroup | undefined {
    return this.#groups.get(uid);
  }

  /** Forgets a deleted Job's bookkeeping, now or with its last pod. */
  forget(uid: string): void {
    const g = this.#groups.get(uid);
    if (!g) return;
    if (g.members.size === 0) this.#groups.delete(uid);
    else g.retired = true;
  }
}
