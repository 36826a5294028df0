// kubectl's ReplicaSetDescriber (pkg/describe): replica counts, the phases of the pods it controls
// (getPodStatusForController: pods matching the selector whose controller is this ReplicaSet), the pod
// template, conditions, events.
import type { LabelSelector } from '../../api/kinds.ts';
import type { KubeObject } from '../../api/objects.ts';
import { controlledBy, printAnnotationsMultiline, printLabelsMultiline } from './common.ts';
import { describePodTemplate } from './containers.ts';
import { describeWorkloadConditions } from './deployment.ts';
import { describeEvents, eventsFor } from './events.ts';
import { formatLabelSelector } from '../printers/label-selector.ts';
import { LEVEL_0, tabbedString } from './prefix-writer.ts';
import type { DescribeContext } from './source.ts';
import type { PodTemplateView } from './types.ts';

interface ReplicaSetView {
  spec?: { replicas?: number; selector?: LabelSelector; template?: PodTemplateView };
  status?: { replicas?: number; conditions?: { type: string; status: string; reason?: string }[] };
}

/** Running / Waiting (Pending) / Succeeded / Failed counts of the pods `owner` controls. */
export function podPhasesFor(ctx: DescribeContext, owner: KubeObject, selector: LabelSelector | undefined): [number, number, number, number] {
  const counts: [number, number, number, number] = [0, 0, 0, 0];
  if (!selector) return counts;
  const pods = ctx.api.list('Pod', { namespace: owner.metadata.namespace ?? 'default', selector });
  for (const p of pods) {
    if (!(p.metadata.ownerReferences ?? []).some((r) => r.controller === true && r.uid === owner.metadata.uid)) continue;
    const phase = (p.status as { phase?: string } | undefined)?.phase;
    const i = ['Running', 'Pending', 'Succeeded', 'Failed'].indexOf(phase ?? '');
    if (i >= 0) counts[i as 0 | 1 | 2 | 3]++;
  }
  return counts;
}

export function describeReplicaSet(rs: KubeObject, ctx: DescribeContext): string {
  const view = rs as KubeObject & ReplicaSetView;
  const spec = view.spec ?? {};
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${rs.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${rs.metadata.namespace ?? ''}\n`);
    w.write(LEVEL_0, `Selector:\t${formatLabelSelector(spec.selector)}\n`);
    printLabelsMultiline(w, 'Labels', rs.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', rs.metadata.annotations);
    const owner = controlledBy(rs);
    if (owner) w.write(LEVEL_0, `Controlled By:\t${owner}\n`);
    w.write(LEVEL_0, `Replicas:\t${view.status?.replicas ?? 0} current / ${spec.replicas ?? 0} desired\n`);
    const [running, waiting, succeeded, failed] = podPhasesFor(ctx, rs, spec.selector);
    w.write(LEVEL_0, `Pods Status:\t${running} Running / ${waiting} Waiting / ${succeeded} Succeeded / ${failed} Failed\n`);
    describePodTemplate(spec.template, w);
    describeWorkloadConditions(view.status?.conditions, w);
    describeEvents(eventsFor(ctx.api, rs), ctx.nowMs, w);
  });
}
