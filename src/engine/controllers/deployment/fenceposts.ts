// maxSurge / maxUnavailable as numbers of pods (§3.3): intstr.GetScaledValueFromIntOrPercent and
// ResolveFenceposts / MaxSurge / MaxUnavailable of pkg/controller/deployment/util/deployment_util.go.
import type { Deployment } from '../../api/kinds.ts';

export type IntOrString = number | string;

/** Percentages scale against `total`, rounded up or down; a malformed value reads as 0 (upstream ignores the error). */
export function scaledValue(value: IntOrString | undefined, total: number, roundUp: boolean): number {
  if (value === undefined) return 0;
  if (typeof value === 'number') return value;
  if (!value.endsWith('%')) return 0;
  const digits = value.slice(0, -1);
  if (!/^[+-]?[0-9]+$/.test(digits)) return 0;
  const scaled = (Number(digits) * total) / 100;
  return roundUp ? Math.ceil(scaled) : Math.floor(scaled);
}

/** ResolveFenceposts: surge rounds up, unavailable down; both 0 → unavailable 1. */
export function resolveFenceposts(maxSurge: IntOrString | undefined, maxUnavailable: IntOrString | undefined, desired: number): { surge: number; unavailable: number } {
  const surge = scaledValue(maxSurge ?? 0, desired, true);
  let unavailable = scaledValue(maxUnavailable ?? 0, desired, false);
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return { surge, unavailable };
}

/** spec.replicas with the API default (1) for objects that were stored without defaults. */
export function desiredReplicas(d: Deployment): number {
  return d.spec?.replicas ?? 1;
}

export function isRollingUpdate(d: Deployment): boolean {
  return (d.spec?.strategy?.type ?? 'RollingUpdate') === 'RollingUpdate';
}

/** The rollingUpdate parameters, with the API defaults (25% / 25%) when absent. */
function rollingParams(d: Deployment): { maxSurge: IntOrString; maxUnavailable: IntOrString } {
  const ru = d.spec?.strategy?.rollingUpdate;
  return { maxSurge: ru?.maxSurge ?? '25%', maxUnavailable: ru?.maxUnavailable ?? '25%' };
}

/** MaxSurge: 0 for Recreate. */
export function maxSurge(d: Deployment): number {
  if (!isRollingUpdate(d)) return 0;
  const p = rollingParams(d);
  return resolveFenceposts(p.maxSurge, p.maxUnavailable, desiredReplicas(d)).surge;
}

/** MaxUnavailable: 0 for Recreate or 0 replicas, and never more than spec.replicas. */
export function maxUnavailable(d: Deployment): number {
  const replicas = desiredReplicas(d);
  if (!isRollingUpdate(d) || replicas === 0) return 0;
  const p = rollingParams(d);
  return Math.min(resolveFenceposts(p.maxSurge, p.maxUnavailable, replicas).unavailable, replicas);
}

/** maxSurge scaled without ResolveFenceposts, as NewRSNewReplicas does. */
export function scaledMaxSurge(d: Deployment): number {
  return scaledValue(rollingParams(d).maxSurge, desiredReplicas(d), true);
}
