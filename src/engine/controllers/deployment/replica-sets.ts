// Reading a Deployment's ReplicaSets (pkg/controller/deployment/util and pkg/controller/controller_utils.go):
// which one is "new", orderings, sums, saturation and the proportions of §3.8.
import type { Deployment, PodTemplateSpec, ReplicaSet } from '../../api/kinds.ts';
import { clone, identicalJson } from '../../api/objects.ts';
import { DESIRED_REPLICAS_ANNOTATION, MAX_REPLICAS_ANNOTATION, POD_TEMPLATE_HASH_LABEL, revisionOf } from './annotations.ts';
import { desiredReplicas, maxSurge, scaledMaxSurge } from './fenceposts.ts';
import { canonicalJSON } from './hash.ts';
import { timeMs } from '../replicaset/pod-state.ts';

export function specReplicas(rs: ReplicaSet | undefined): number {
  return rs?.spec?.replicas ?? 0;
}

/** ReplicaSetsByCreationTimestamp.Less: older first, then by name. */
export function olderFirst(a: ReplicaSet, b: ReplicaSet): number {
  const ta = timeMs(a.metadata.creationTimestamp) ?? 0;
  const tb = timeMs(b.metadata.creationTimestamp) ?? 0;
  if (ta !== tb) return ta - tb;
  return a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0;
}

/** ReplicaSetsBySizeNewer: larger first; equal sizes newer first (used when scaling up). */
export function largerThenNewer(a: ReplicaSet, b: ReplicaSet): number {
  const d = specReplicas(b) - specReplicas(a);
  return d !== 0 ? d : olderFirst(b, a);
}

/** ReplicaSetsBySizeOlder: larger first; equal sizes older first (used when scaling down). */
export function largerThenOlder(a: ReplicaSet, b: ReplicaSet): number {
  const d = specReplicas(b) - specReplicas(a);
  return d !== 0 ? d : olderFirst(a, b);
}

/** ReplicaSetsByRevision: lower revision first, then older. */
export function lowerRevisionFirst(a: ReplicaSet, b: ReplicaSet): number {
  const d = revisionOf(a) - revisionOf(b);
  return d !== 0 ? d : olderFirst(a, b);
}

function withoutHash(t: PodTemplateSpec | undefined): unknown {
  const copy = clone(t ?? { spec: { containers: [] } });
  if (copy.metadata?.labels) delete copy.metadata.labels[POD_TEMPLATE_HASH_LABEL];
  return copy;
}

/** A template's canonical form without pod-template-hash: what EqualIgnoreHash compares. */
export function templateKey(t: PodTemplateSpec | undefined): string {
  return canonicalJSON(withoutHash(t));
}

/** EqualIgnoreHash: templates equal once pod-template-hash is removed (empty and absent treated alike). */
export function equalIgnoreHash(a: PodTemplateSpec | undefined, b: PodTemplateSpec | undefined): boolean {
  return templateKey(a) === templateKey(b);
}

/**
 * Template keys of stored objects. A stored spec changes only with its generation, so a key is computed once
 * per uid/generation (the controller never edits a template in place before comparing it). One cache per
 * controller: uids repeat across simulations started with the same seed.
 */
export class TemplateKeys {
  #keys = new Map<string, string>();
  /**
   * The last template seen for each uid (a copy) and its key: a scale bumps the generation but keeps the
   * template, and comparing it with the copy (identicalJson) costs less than computing the key again.
   */
  #last = new Map<string, { template: PodTemplateSpec | undefined; key: string }>();

  of(o: ReplicaSet | Deployment): string {
    if (o.metadata.generation === undefined || !o.metadata.uid) return templateKey(o.spec?.template);
    const id = `${o.metadata.uid}/${o.metadata.generation}`;
    let key = this.#keys.get(id);
    if (key === undefined) {
      if (this.#keys.size > 10_000) this.#keys.clear();
      key = this.#keyOfTemplate(o.metadata.uid, o.spec?.template);
      this.#keys.set(id, key);
    }
    return key;
  }

  #keyOfTemplate(uid: string, template: PodTemplateSpec | undefined): string {
    const last = this.#last.get(uid);
    if (last && identicalJson(last.template, template)) return last.key;
    if (this.#last.size > 10_000) this.#last.clear();
    const key = templateKey(template);
    this.#last.set(uid, { template: clone(template), key });
    return key;
  }
}

/** FindNewReplicaSet: the oldest ReplicaSet whose template matches the Deployment's. */
export function findNewReplicaSet(d: Deployment, rsList: readonly ReplicaSet[], keys = new TemplateKeys()): ReplicaSet | undefined {
  const sorted = [...rsList].sort(olderFirst);
  const want = keys.of(d);
  return sorted.find((rs) => keys.of(rs) === want);
}

/** FindOldReplicaSets: every other ReplicaSet. */
export function findOldReplicaSets(rsList: readonly ReplicaSet[], newRS: ReplicaSet | undefined): ReplicaSet[] {
  return rsList.filter((rs) => !newRS || rs.metadata.uid !== newRS.metadata.uid);
}

/** FilterActiveReplicaSets: ReplicaSets with spec.replicas > 0. */
export function activeReplicaSets(list: readonly (ReplicaSet | undefined)[]): ReplicaSet[] {
  return list.filter((rs): rs is ReplicaSet => rs !== undefined && specReplicas(rs) > 0);
}

/** GetReplicaCountForReplicaSets: Σ spec.replicas. */
export function sumSpecReplicas(list: readonly (ReplicaSet | undefined)[]): number {
  return list.reduce((n, rs) => n + specReplicas(rs), 0);
}

/** GetActualReplicaCountForReplicaSets: Σ status.replicas. */
export function sumStatusReplicas(list: readonly (ReplicaSet | undefined)[]): number {
  return list.reduce((n, rs) => n + (rs?.status?.replicas ?? 0), 0);
}

export function sumReadyReplicas(list: readonly (ReplicaSet | undefined)[]): number {
  return list.reduce((n, rs) => n + (rs?.status?.readyReplicas ?? 0), 0);
}

export function sumAvailableReplicas(list: readonly (ReplicaSet | undefined)[]): number {
  return list.reduce((n, rs) => n + (rs?.status?.availableReplicas ?? 0), 0);
}

/**
 * GetTerminatingReplicaCountForReplicaSets: Σ status.terminatingReplicas, or undefined as soon as one
 * ReplicaSet has not reported it yet (so a just-created ReplicaSet hides the field for a moment).
 */
export function sumTerminatingReplicas(list: readonly (ReplicaSet | undefined)[]): number | undefined {
  let n = 0;
  for (const rs of list) {
    if (!rs) continue;
    const t = rs.status?.terminatingReplicas;
    if (t === undefined) return undefined;
    n += t;
  }
  return n;
}

/** FindActiveOrLatest: the only active ReplicaSet, or the newest when none is active; undefined when several are. */
export function findActiveOrLatest(newRS: ReplicaSet | undefined, oldRSs: readonly ReplicaSet[]): ReplicaSet | undefined {
  if (!newRS && oldRSs.length === 0) return undefined;
  const newestFirst = [...oldRSs].sort((a, b) => olderFirst(b, a));
  const active = activeReplicaSets([...newestFirst, newRS]);
  if (active.length === 0) return newRS ?? newestFirst[0];
  return active.length === 1 ? active[0] : undefined;
}

/** IsSaturated: the new ReplicaSet has all replicas, desired-replicas agrees and all are available. */
export function isSaturated(d: Deployment, rs: ReplicaSet | undefined): boolean {
  if (!rs) return false;
  const text = rs.metadata.annotations?.[DESIRED_REPLICAS_ANNOTATION];
  if (text === undefined || !/^[+-]?[0-9]+$/.test(text)) return false;
  const replicas = desiredReplicas(d);
  return specReplicas(rs) === replicas && Number(text) === replicas && (rs.status?.availableReplicas ?? 0) === replicas;
}

export function annotatedInt(rs: ReplicaSet, key: string): number | undefined {
  const text = rs.metadata.annotations?.[key];
  return text !== undefined && /^[+-]?[0-9]+$/.test(text) ? Number(text) : undefined;
}

/** math.Round: halves away from zero. */
function goRound(x: number): number {
  return x < 0 ? -Math.round(-x) : Math.round(x);
}

/** getReplicaSetFraction: round(replicas × allowed / max-replicas annotation) − replicas. */
function replicaSetFraction(rs: ReplicaSet, d: Deployment): number {
  const replicas = desiredReplicas(d);
  if (replicas === 0) return -specReplicas(rs);
  const deploymentMax = replicas + maxSurge(d);
  let before = annotatedInt(rs, MAX_REPLICAS_ANNOTATION);
  if (before === undefined || before === 0) {
    // Annotation missing (edited by hand): fall back to the Deployment's current size.
    before = d.status?.replicas ?? 0;
    if (before === 0) return 0;
  }
  return goRound((specReplicas(rs) * deploymentMax) / before) - specReplicas(rs);
}

/** GetReplicaSetProportion: this ReplicaSet's share of `toAdd`, never overshooting what is left. */
export function replicaSetProportion(rs: ReplicaSet, d: Deployment, toAdd: number, added: number): number {
  if (specReplicas(rs) === 0 || toAdd === 0 || toAdd === added) return 0;
  const fraction = replicaSetFraction(rs, d);
  const allowed = toAdd - added;
  return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
}

/** NewRSNewReplicas (§3.6 step 1): how far the new ReplicaSet may grow now. */
export function newRSNewReplicas(d: Deployment, allRSs: readonly (ReplicaSet | undefined)[], newRS: ReplicaSet): number {
  const replicas = desiredReplicas(d);
  if ((d.spec?.strategy?.type ?? 'RollingUpdate') === 'Recreate') return replicas;
  const maxTotal = replicas + scaledMaxSurge(d);
  const current = sumSpecReplicas(allRSs);
  if (current >= maxTotal) return specReplicas(newRS);
  const scaleUp = Math.min(maxTotal - current, replicas - specReplicas(newRS));
  return specReplicas(newRS) + scaleUp;
}
