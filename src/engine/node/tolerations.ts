// Taints and tolerations (k8s.io/api/core/v1 toleration.go ToleratesTaint), the taint keys the node
// controllers manage, and the tolerations the DefaultTolerationSeconds admission plugin adds to every pod.
import type { Taint, Toleration } from '../api/kinds.ts';

export const TAINT_NOT_READY = 'node.kubernetes.io/not-ready';
export const TAINT_UNREACHABLE = 'node.kubernetes.io/unreachable';
export const TAINT_UNSCHEDULABLE = 'node.kubernetes.io/unschedulable';
/** DefaultTolerationSeconds admission: `--default-not-ready-toleration-seconds` / `--default-unreachable-toleration-seconds`. */
export const DEFAULT_TOLERATION_SECONDS = 300;

/** Toleration.ToleratesTaint: empty effect matches all effects; Exists with an empty key matches all keys. */
export function toleratesTaint(t: Toleration, taint: Pick<Taint, 'key' | 'value' | 'effect'>): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.key && t.key !== taint.key) return false;
  const op = t.operator ?? 'Equal';
  if (op === 'Exists') return true;
  if (op === 'Equal') return (t.value ?? '') === (taint.value ?? '');
  return false;
}

export function tolerates(tolerations: Toleration[] | undefined, taint: Pick<Taint, 'key' | 'value' | 'effect'>): boolean {
  return (tolerations ?? []).some((t) => toleratesTaint(t, taint));
}

/**
 * The DefaultTolerationSeconds admission plugin: unless the pod already tolerates them (same key, or an empty key,
 * with effect NoExecute or empty), add `not-ready` and `unreachable` NoExecute tolerations for 300 s. The simulated
 * API server does not run this plugin; the taint eviction controller applies it to the pods it reads.
 */
export function withDefaultTolerations(tolerations: Toleration[] | undefined): Toleration[] {
  const out = [...(tolerations ?? [])];
  const has = (key: string) => out.some((t) => (t.key === key || !t.key) && (t.effect === 'NoExecute' || !t.effect));
  const add: Toleration[] = [];
  if (!has(TAINT_NOT_READY)) add.push({ key: TAINT_NOT_READY, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: DEFAULT_TOLERATION_SECONDS });
  if (!has(TAINT_UNREACHABLE)) add.push({ key: TAINT_UNREACHABLE, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: DEFAULT_TOLERATION_SECONDS });
  return [...out, ...add];
}
