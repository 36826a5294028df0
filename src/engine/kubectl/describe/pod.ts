// kubectl's describePod (pkg/describe): header, IPs, containers with their statuses, conditions,
// volumes, QoS, node selectors, tolerations, events.
import type { KubeObject } from '../../api/objects.ts';
import { humanDuration } from '../human-duration.ts';
import { controlledBy, printAnnotationsMultiline, printLabelsMultiline, printTolerationsMultiline, rfc1123z } from './common.ts';
import { describeContainers, describeVolumes } from './containers.ts';
import type { EnvResolver } from './containers.ts';
import { describeEvents, eventsFor } from './events.ts';
import type { DescribeContext } from './source.ts';
import { LEVEL_0, LEVEL_1, tabbedString } from './prefix-writer.ts';
import type { ContainerStatusView, EnvVar, PodSpecView } from './types.ts';

interface PodStatusView {
  phase?: string;
  reason?: string;
  message?: string;
  hostIP?: string;
  podIP?: string;
  podIPs?: { ip: string }[];
  startTime?: string;
  nominatedNodeName?: string;
  qosClass?: string;
  conditions?: { type: string; status: string }[];
  containerStatuses?: ContainerStatusView[];
  initContainerStatuses?: ContainerStatusView[];
}

/** Values of the fieldRef paths a pod's env can reference (kubectl's EnvValueRetriever). */
function envResolver(pod: KubeObject, spec: PodSpecView, status: PodStatusView): EnvResolver {
  return (e: EnvVar) => {
    const path = e.valueFrom?.fieldRef?.fieldPath ?? '';
    const m = /^metadata\.(labels|annotations)\['(.*)'\]$/.exec(path);
    if (m) return (m[1] === 'labels' ? pod.metadata.labels : pod.metadata.annotations)?.[m[2]!] ?? '';
    const values: Record<string, string | undefined> = {
      'metadata.name': pod.metadata.name,
      'metadata.namespace': pod.metadata.namespace,
      'metadata.uid': pod.metadata.uid,
      'spec.nodeName': spec.nodeName,
      'spec.serviceAccountName': spec.serviceAccountName,
      'status.hostIP': status.hostIP,
      'status.podIP': status.podIP,
    };
    return values[path] ?? '';
  };
}

export function describePod(pod: KubeObject, ctx: DescribeContext): string {
  const spec = (pod.spec ?? {}) as PodSpecView;
  const status = (pod.status ?? {}) as PodStatusView;
  const md = pod.metadata;
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${md.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${md.namespace ?? ''}\n`);
    if (spec.priority !== undefined) w.write(LEVEL_0, `Priority:\t${spec.priority}\n`);
    if (spec.priorityClassName) w.write(LEVEL_0, `Priority Class Name:\t${spec.priorityClassName}\n`);
    if (spec.runtimeClassName) w.write(LEVEL_0, `Runtime Class Name:\t${spec.runtimeClassName}\n`);
    if (spec.serviceAccountName) w.write(LEVEL_0, `Service Account:\t${spec.serviceAccountName}\n`);
    w.write(LEVEL_0, spec.nodeName ? `Node:\t${spec.nodeName}/${status.hostIP ?? ''}\n` : 'Node:\t<none>\n');
    if (status.startTime) w.write(LEVEL_0, `Start Time:\t${rfc1123z(status.startTime)}\n`);
    printLabelsMultiline(w, 'Labels', md.labels);
    printAnnotationsMultiline(w, 'Annotations', md.annotations);
    if (md.deletionTimestamp && status.phase !== 'Failed' && status.phase !== 'Succeeded') {
      // translateTimestampUntil: time left until the deletion deadline.
      w.write(LEVEL_0, `Status:\tTerminating (lasts ${humanDuration(Date.parse(md.deletionTimestamp) - ctx.nowMs)})\n`);
      w.write(LEVEL_0, `Termination Grace Period:\t${md.deletionGracePeriodSeconds ?? 0}s\n`);
    } else w.write(LEVEL_0, `Status:\t${status.phase ?? ''}\n`);
    if (status.reason) w.write(LEVEL_0, `Reason:\t${status.reason}\n`);
    if (status.message) w.write(LEVEL_0, `Message:\t${status.message}\n`);
    w.write(LEVEL_0, `IP:\t${status.podIP ?? ''}\n`);
    if (!status.podIPs || status.podIPs.length === 0) w.write(LEVEL_0, 'IPs:\t<none>\n');
    else {
      w.write(LEVEL_0, 'IPs:\n');
      for (const ip of status.podIPs) w.write(LEVEL_1, `IP:\t${ip.ip}\n`);
    }
    const owner = controlledBy(pod);
    if (owner) w.write(LEVEL_0, `Controlled By:\t${owner}\n`);
    if (status.nominatedNodeName) w.write(LEVEL_0, `NominatedNodeName:\t${status.nominatedNodeName}\n`);
    const resolve = envResolver(pod, spec, status);
    if (spec.initContainers && spec.initContainers.length > 0) describeContainers('Init Containers', spec.initContainers, status.initContainerStatuses ?? [], resolve, w, '');
    describeContainers('Containers', spec.containers ?? [], status.containerStatuses ?? [], resolve, w, '');
    if (status.conditions && status.conditions.length > 0) {
      w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\n');
      for (const c of status.conditions) w.write(LEVEL_1, `${c.type} \t${c.status} \n`);
    }
    describeVolumes(spec.volumes, w, '');
    w.write(LEVEL_0, `QoS Class:\t${status.qosClass ?? ''}\n`);
    printLabelsMultiline(w, 'Node-Selectors', spec.nodeSelector);
    printTolerationsMultiline(w, 'Tolerations', spec.tolerations);
    describeEvents(eventsFor(ctx.api, pod), ctx.nowMs, w);
  });
}
