// matchSuccessPolicy (success_policy.go, reference §4.10): rules are tried in order; a rule with
// succeededIndexes matches when all of those indexes succeeded, or at least succeededCount of them; a rule
// with only succeededCount matches when that many indexes succeeded in all. The message names the rule.
import { parseIntervals, totalOf, type Intervals } from './intervals.ts';
import type { SuccessPolicyRule } from './job-types.ts';

export function matchSuccessPolicy(rules: readonly SuccessPolicyRule[] | undefined, completions: number, succeeded: Intervals): string | undefined {
  if (!rules || succeeded.length === 0) return undefined;
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i]!;
    if (rule.succeededIndexes !== undefined && rule.succeededIndexes !== null) {
      const required = parseIntervals(rule.succeededIndexes, completions);
      if (required.length === 0) continue;
      if (matchesIndexesRule(required, succeeded, rule.succeededCount)) return `Matched rules at index ${i}`;
    } else if (rule.succeededCount !== undefined && rule.succeededCount !== null && totalOf(succeeded) >= rule.succeededCount) {
      return `Matched rules at index ${i}`;
    }
  }
  return undefined;
}

/** How many of the rule's indexes succeeded: all of them, or at least succeededCount. */
function matchesIndexesRule(rule: Intervals, succeeded: Intervals, succeededCount: number | undefined): boolean {
  let contains = 0;
  let r = 0;
  let s = 0;
  while (r < rule.length && s < succeeded.length) {
    const overlap = Math.min(rule[r]!.last, succeeded[s]!.last) - Math.max(rule[r]!.first, succeeded[s]!.first) + 1;
    if (overlap > 0) contains += overlap;
    if (succeeded[s]!.last < rule[r]!.last) s++;
    else if (succeeded[s]!.last > rule[r]!.last) r++;
    else {
      s++;
      r++;
    }
  }
  return contains === totalOf(rule) || (succeededCount !== undefined && succeededCount !== null && contains >= succeededCount);
}
