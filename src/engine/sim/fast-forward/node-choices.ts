// The scheduler's random choices over the skipped periods. Which of several equal nodes a pod goes to leaves one
// lasting trace in a periodic run: the node's round-robin of pod IPs (host-local IPAM hands out the next address
// after the last one). The choices of every period are made the same way — the same groups of equal nodes, in
// the same order, decided by draws at the same places in the period's share of the random sequence — only the
// drawn values differ. So the jump reads, while it skips the sequence, the draws that decided the last period's
// choices, at the same places in each skipped period, and replays selectHost's reservoir sampling on them.
import type { SeededRandom } from '../../clock/random.ts';
import type { NodeChoice } from '../../node/scheduler.ts';

export interface TimedChoice {
  atMs: number;
  choice: NodeChoice;
}

/**
 * Skips `periods` × `drawsPerPeriod` draws of `random`, replaying `choices` (made in the period whose draws began
 * at `periodStart`) in each skipped period; returns how many pods each node received.
 */
export function replayChoices(random: SeededRandom, periods: number, drawsPerPeriod: number, periodStart: number, choices: readonly NodeChoice[]): Map<string, number> {
  const offsets = [...new Set(choices.flatMap((c) => c.group.flatMap((t) => (t.draw === null ? [] : [t.draw - periodStart]))))].sort((a, b) => a - b);
  const slotOf = new Map(offsets.map((o, k) => [o, k]));
  const nodes = [...new Set(choices.flatMap((c) => c.group.map((t) => t.node)))];
  const nodeIndex = new Map(nodes.map((n, i) => [n, i]));
  // each choice as node indices and the slots of the draws that decide its 2nd, 3rd … node
  const plans = choices.map(({ group }) => ({
    nodes: group.map((t) => nodeIndex.get(t.node)!),
    slots: group.map((t) => (t.draw === null ? -1 : slotOf.get(t.draw - periodStart)!)),
  }));
  const received = new Array<number>(nodes.length).fill(0);
  const values: number[] = new Array<number>(offsets.length).fill(0);
  for (let p = 0; p < periods; p++) {
    random.skipReading(drawsPerPeriod, offsets, values);
    for (const plan of plans) {
      // reservoir sampling: the k-th node of the group (k ≥ 2) replaces the best when int(k) draws 0
      let chosen = plan.nodes[0]!;
      for (let k = 1; k < plan.nodes.length; k++) {
        if (Math.floor((values[plan.slots[k]!]! / 4294967296) * (k + 1)) === 0) chosen = plan.nodes[k]!;
      }
      received[chosen]!++;
    }
  }
  return new Map(nodes.map((n, i) => [n, received[i]!]));
}
