// kubectl's DeploymentDescriber (pkg/describe): replica counts, strategy, pod template, conditions, the
// old and new ReplicaSets (deploymentutil.GetAllReplicaSets: ReplicaSets this Deployment controls; the new
// one has the Deployment's template, ignoring pod-template-hash; every other one is old), events.
import type { LabelSelector } from '../../api/kinds.ts';
import { deepEqual } from '../../api/objects.ts';
import type { KubeObject } from '../../api/objects.ts';
import { compareStrings } from '../../api/api-server.ts';
import { printAnnotationsMultiline, printLabelsMultiline, rfc1123z, selectorString } from './common.ts';
import { describePodTemplate } from './containers.ts';
import { describeEvents, eventsFor } from './events.ts';
import { LEVEL_0, LEVEL_1, tabbedString } from './prefix-writer.ts';
import type { PrefixWriter } from './prefix-writer.ts';
import type { DescribeContext, DescribeSource } from './source.ts';
import type { PodTemplateView } from './types.ts';

interface DeploymentSpecView {
  replicas?: number;
  minReadySeconds?: number;
  selector?: LabelSelector;
  strategy?: { type?: string; rollingUpdate?: { maxSurge?: number | string; maxUnavailable?: number | string } };
  template?: PodTemplateView;
}

interface WorkloadStatusView {
  replicas?: number;
  updatedReplicas?: number;
  availableReplicas?: number;
  unavailableReplicas?: number;
  conditions?: { type: string; status: string; reason?: string }[];
}

/** The `Conditions:` table of Deployments and ReplicaSets. */
export function describeWorkloadConditions(conditions: WorkloadStatusView['conditions'], w: PrefixWriter): void {
  if (!conditions || conditions.length === 0) return;
  w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\tReason\n');
  w.write(LEVEL_1, '----\t------\t------\n');
  for (const c of conditions) w.write(LEVEL_1, `${c.type} \t${c.status}\t${c.reason ?? ''}\n`);
}

function withoutHash(t: PodTemplateView | undefined): PodTemplateView {
  const copy = JSON.parse(JSON.stringify(t ?? {})) as PodTemplateView;
  if (copy.metadata?.labels) delete copy.metadata.labels['pod-template-hash'];
  return copy;
}

function replicaSetsOf(api: DescribeSource, d: KubeObject): { oldRSs: KubeObject[]; newRS: KubeObject | undefined } {
  const owned = api
    .list('ReplicaSet', { namespace: d.metadata.namespace ?? 'default' })
    .filter((rs) => (rs.metadata.ownerReferences ?? []).some((r) => r.controller === true && r.uid === d.metadata.uid));
  const template = withoutHash((d.spec as DeploymentSpecView | undefined)?.template);
  // FindNewReplicaSet: the oldest matching one wins when several do.
  const byAge = [...owned].sort((a, b) => compareStrings(a.metadata.creationTimestamp ?? '', b.metadata.creationTimestamp ?? '') || compareStrings(a.metadata.name, b.metadata.name));
  const newRS = byAge.find((rs) => deepEqual(withoutHash((rs.spec as { template?: PodTemplateView } | undefined)?.template), template));
  return { oldRSs: owned.filter((rs) => rs !== newRS), newRS };
}

function printReplicaSets(list: KubeObject[]): string {
  const s = list.map((rs) => `${rs.metadata.name} (${(rs.status as WorkloadStatusView | undefined)?.replicas ?? 0}/${(rs.spec as { replicas?: number } | undefined)?.replicas ?? 0} replicas created)`).join(', ');
  return s === '' ? '<none>' : s;
}

export function describeDeployment(d: KubeObject, ctx: DescribeContext): string {
  const spec = (d.spec ?? {}) as DeploymentSpecView;
  const status = (d.status ?? {}) as WorkloadStatusView;
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${d.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${d.metadata.namespace ?? ''}\n`);
    w.write(LEVEL_0, `CreationTimestamp:\t${rfc1123z(d.metadata.creationTimestamp ?? '')}\n`);
    printLabelsMultiline(w, 'Labels', d.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', d.metadata.annotations);
    w.write(LEVEL_0, `Selector:\t${selectorString(spec.selector)}\n`);
    w.write(LEVEL_0, `Replicas:\t${spec.replicas ?? 0} desired | ${status.updatedReplicas ?? 0} updated | ${status.replicas ?? 0} total | ${status.availableReplicas ?? 0} available | ${status.unavailableReplicas ?? 0} unavailable\n`);
    w.write(LEVEL_0, `StrategyType:\t${spec.strategy?.type ?? ''}\n`);
    w.write(LEVEL_0, `MinReadySeconds:\t${spec.minReadySeconds ?? 0}\n`);
    const ru = spec.strategy?.rollingUpdate;
    if (ru) w.write(LEVEL_0, `RollingUpdateStrategy:\t${ru.maxUnavailable ?? 0} max unavailable, ${ru.maxSurge ?? 0} max surge\n`);
    describePodTemplate(spec.template, w);
    describeWorkloadConditions(status.conditions, w);
    const { oldRSs, newRS } = replicaSetsOf(ctx.api, d);
    w.write(LEVEL_0, `OldReplicaSets:\t${printReplicaSets(oldRSs)}\n`);
    w.write(LEVEL_0, `NewReplicaSet:\t${printReplicaSets(newRS ? [newRS] : [])}\n`);
    describeEvents(eventsFor(ctx.api, d), ctx.nowMs, w);
  });
}
