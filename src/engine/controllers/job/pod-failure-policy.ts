// matchPodFailurePolicy (pod_failure_policy.go, reference §4.9): the first rule that matches a failed pod
// decides. onExitCodes looks at terminated containers with a non-zero exit code, regular containers before init
// containers, optionally only the named one; onPodConditions matches a pod condition by type and status.
import type { ContainerStatus, Pod } from '../../api/kinds.ts';
import type { PodFailurePolicy, PodFailurePolicyAction, PodFailurePolicyOnExitCodes, PodFailurePolicyOnPodConditionsPattern } from './job-types.ts';

export interface PolicyMatch {
  /** The FailJob message, when a FailJob rule matched. */
  failJobMessage?: string;
  /** Whether the failure counts toward backoffLimit (and backoffLimitPerIndex): false only for Ignore. */
  countFailed: boolean;
  /** The action of the matching rule, if any rule matched. */
  action?: PodFailurePolicyAction;
}

const NO_MATCH: PolicyMatch = { countFailed: true };

export function matchPodFailurePolicy(policy: PodFailurePolicy | undefined, pod: Pod): PolicyMatch {
  if (!policy) return NO_MATCH;
  const rules = policy.rules ?? [];
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i]!;
    if (rule.onExitCodes) {
      const c = matchOnExitCodes(pod, rule.onExitCodes);
      if (!c) continue;
      if (rule.action === 'FailJob') {
        const msg = `Container ${c.name} for pod ${pod.metadata.namespace}/${pod.metadata.name} failed with exit code ${c.state.terminated!.exitCode} matching FailJob rule at index ${i}`;
        return { failJobMessage: msg, countFailed: true, action: 'FailJob' };
      }
      const m = actionOutcome(rule.action);
      if (m) return m;
    } else if (rule.onPodConditions) {
      const cond = matchOnPodConditions(pod, rule.onPodConditions);
      if (!cond) continue;
      if (rule.action === 'FailJob') {
        const msg = `Pod ${pod.metadata.namespace}/${pod.metadata.name} has condition ${cond} matching FailJob rule at index ${i}`;
        return { failJobMessage: msg, countFailed: true, action: 'FailJob' };
      }
      const m = actionOutcome(rule.action);
      if (m) return m;
    }
  }
  return NO_MATCH;
}

/** Ignore, FailIndex and Count; an unknown action falls through to the next rule, as upstream's switch does. */
function actionOutcome(action: PodFailurePolicyAction): PolicyMatch | undefined {
  switch (action) {
    case 'Ignore':
      return { countFailed: false, action };
    case 'FailIndex':
    case 'Count':
      return { countFailed: true, action };
    default:
      return undefined;
  }
}

function matchOnExitCodes(pod: Pod, req: PodFailurePolicyOnExitCodes): ContainerStatus | undefined {
  return firstMatching(pod.status?.containerStatuses, req) ?? firstMatching(pod.status?.initContainerStatuses, req);
}

function firstMatching(statuses: ContainerStatus[] | undefined, req: PodFailurePolicyOnExitCodes): ContainerStatus | undefined {
  for (const s of statuses ?? []) {
    const t = s.state?.terminated;
    if (!t) continue; // still running or waiting: no exit code to match
    if (req.containerName !== undefined && req.containerName !== null && req.containerName !== s.name) continue;
    if (t.exitCode !== 0 && exitCodeMatches(t.exitCode, req)) return s;
  }
  return undefined;
}

function exitCodeMatches(code: number, req: PodFailurePolicyOnExitCodes): boolean {
  const listed = (req.values ?? []).includes(code);
  if (req.operator === 'In') return listed;
  if (req.operator === 'NotIn') return !listed;
  return false;
}

/** The type of the first pod condition (in the pod's order) matching a pattern. */
function matchOnPodConditions(pod: Pod, patterns: PodFailurePolicyOnPodConditionsPattern[]): string | undefined {
  for (const c of pod.status?.conditions ?? []) {
    for (const p of patterns) if (c.type === p.type && c.status === (p.status ?? 'True')) return c.type;
  }
  return undefined;
}
