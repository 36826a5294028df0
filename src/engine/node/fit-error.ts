// The scheduler's FailedScheduling message in 1.35 (reference §1.8):
//   0/<N> nodes are available: <filter histogram>. no new claims to deallocate, preemption: 0/<N> nodes are available: <preemption histogram>.
// Reasons are counted across nodes, written `<count> <reason>`, sorted as plain strings and joined with ", ".
// The tail is the two PostFilter plugins of the default profile: DynamicResources (always "no new claims to
// deallocate" for a pod without resource claims) and DefaultPreemption.
import type { FilterFailure } from './scheduler-filters.ts';

export const NO_NODES_MESSAGE = 'no nodes available to schedule pods';
export const PREEMPTION_NOT_HELPFUL = 'Preemption is not helpful for scheduling';
export const NO_VICTIMS = 'No preemption victims found for incoming pod';

export function histogram(reasons: string[]): string {
  const counts = new Map<string, number>();
  for (const r of reasons) counts.set(r, (counts.get(r) ?? 0) + 1);
  const items = [...counts].map(([r, n]) => `${n} ${r}`);
  // plain string order, as sort.Strings: "1 node(s)…" < "2 Insufficient…", "10 …" < "2 …"
  items.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return items.join(', ');
}

export interface NodeVerdict {
  failure: FilterFailure;
  /** Some pod bound to the node has a lower priority than the incoming one. */
  hasLowerPriorityPods: boolean;
}

/**
 * One reason per node for DefaultPreemption: unresolvable failures are "not helpful"; a node with no pod of
 * lower priority has no victims; otherwise the node's filter reasons remain. (A node where preemption would
 * succeed is not modelled: the simulator does not preempt, see the report.)
 */
export function preemptionReasons(v: NodeVerdict): string[] {
  if (v.failure.unresolvable) return [PREEMPTION_NOT_HELPFUL];
  if (!v.hasLowerPriorityPods) return [NO_VICTIMS];
  return v.failure.reasons;
}

export interface FitErrorInput {
  numNodes: number;
  verdicts: NodeVerdict[];
  /** spec.preemptionPolicy: Never — the pod may not preempt. */
  preemptionNever?: boolean;
}

export function fitErrorMessage(input: FitErrorInput): string {
  if (input.numNodes === 0) return NO_NODES_MESSAGE;
  const head = `0/${input.numNodes} nodes are available: ${histogram(input.verdicts.flatMap((v) => v.failure.reasons))}.`;
  // (unverified wording for preemptionPolicy: Never; reference §1.8)
  const preemption = input.preemptionNever
    ? 'not eligible due to preemptionPolicy=Never.'
    : `0/${input.numNodes} nodes are available: ${histogram(input.verdicts.flatMap(preemptionReasons))}.`;
  return `${head} no new claims to deallocate, preemption: ${preemption}`;
}
