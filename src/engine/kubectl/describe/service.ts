// `kubectl describe service` (k8s.io/kubectl v0.35 pkg/describe `describeService`, `formatEndpointSlices`):
// name, labels, selector, type, IP families, IPs, ports with their target ports and endpoints (from the
// Service's EndpointSlices: ready addresses as `ip:port`, at most three then `+ N more...`), session affinity,
// traffic policies and the Events table.
//
// The lab has no EndpointSlice controller. When the store holds no EndpointSlice for the Service, the one that
// controller would keep is worked out from the pods (pkg/controller/endpointslice: pods matching the selector
// that have an IP and may run again — `ShouldPodBeInEndpoints`; ready when the pod is Ready and not
// terminating; ports named after the Service's, target port resolved on each pod). A Service without a selector
// has no slices.
import type { Pod } from '../../api/kinds.ts';
import type { KubeObject } from '../../api/objects.ts';
import { kindNamed } from '../../schema/index.ts';
import { formatLabels } from '../printers/label-selector.ts';
import { printAnnotationsMultiline, printLabelsMultiline } from './common.ts';
import { describeEvents, eventsFor } from './events.ts';
import { LEVEL_0, tabbedString } from './prefix-writer.ts';
import type { DescribeContext, DescribeSource } from './source.ts';

interface ServicePort {
  name?: string;
  protocol?: string;
  port?: number;
  targetPort?: number | string;
  nodePort?: number;
}

interface ServiceView extends KubeObject {
  spec?: {
    type?: string;
    selector?: Record<string, string>;
    ipFamilyPolicy?: string;
    ipFamilies?: string[];
    clusterIP?: string;
    clusterIPs?: string[];
    externalIPs?: string[];
    loadBalancerIP?: string;
    externalName?: string;
    ports?: ServicePort[];
    sessionAffinity?: string;
    externalTrafficPolicy?: string;
    internalTrafficPolicy?: string;
    healthCheckNodePort?: number;
    loadBalancerSourceRanges?: string[];
    trafficDistribution?: string;
  };
  status?: { loadBalancer?: { ingress?: { ip?: string; hostname?: string; ipMode?: string }[] } };
}

interface SliceEndpoint {
  addresses: string[];
  conditions?: { ready?: boolean };
}

export interface EndpointSliceView {
  ports?: { name?: string; port?: number }[] | null;
  endpoints?: SliceEndpoint[] | null;
}

const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';

function isPodReady(pod: Pod): boolean {
  return (pod.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
}

/** `ShouldPodBeInEndpoints` with terminating pods included (the EndpointSlice controller's call). */
function podInEndpoints(pod: Pod): boolean {
  if (!pod.status?.podIP) return false;
  const phase = pod.status.phase;
  switch (pod.spec?.restartPolicy ?? 'Always') {
    case 'Never':
      return phase !== 'Failed' && phase !== 'Succeeded';
    case 'OnFailure':
      return phase !== 'Succeeded';
    default:
      return true;
  }
}

/** The target port of a Service port on one pod: a number, or the pod's container port of that name. */
function resolvePort(pod: Pod, sp: ServicePort): number | undefined {
  const target = sp.targetPort ?? sp.port;
  if (typeof target === 'number') return target;
  for (const c of pod.spec?.containers ?? []) {
    const p = (c.ports ?? []).find((x) => x.name === target && (x.protocol ?? 'TCP') === (sp.protocol ?? 'TCP'));
    if (p) return p.containerPort;
  }
  return undefined;
}

/** The EndpointSlices the EndpointSlice controller would keep for a Service (see the header). */
function derivedSlices(api: DescribeSource, svc: ServiceView): EndpointSliceView[] {
  const selector = svc.spec?.selector;
  if (!selector || Object.keys(selector).length === 0) return [];
  const pods = api.list<Pod>('Pod', { namespace: svc.metadata.namespace, selector: { matchLabels: selector } }).filter(podInEndpoints);
  if (pods.length === 0) return [{ ports: [], endpoints: [] }]; // the controller's placeholder slice
  // One slice per distinct set of resolved ports (the controller groups endpoints by their port mapping).
  const slices = new Map<string, EndpointSliceView>();
  for (const pod of pods) {
    const ports = (svc.spec?.ports ?? []).map((sp) => ({ name: sp.name ?? '', port: resolvePort(pod, sp) })).filter((p): p is { name: string; port: number } => p.port !== undefined);
    const key = JSON.stringify(ports);
    let slice = slices.get(key);
    if (!slice) slices.set(key, (slice = { ports, endpoints: [] }));
    slice.endpoints!.push({ addresses: [pod.status!.podIP!], conditions: { ready: isPodReady(pod) && pod.metadata.deletionTimestamp === undefined } });
  }
  return [...slices.values()];
}

function endpointSlicesFor(api: DescribeSource, svc: ServiceView): EndpointSliceView[] {
  const listed = api.list<KubeObject & EndpointSliceView>('EndpointSlice', { namespace: svc.metadata.namespace, selector: { matchLabels: { [SERVICE_NAME_LABEL]: svc.metadata.name } } });
  if (listed.length > 0 || kindNamed('EndpointSlice')) return listed;
  return derivedSlices(api, svc);
}

/** `formatEndpointSlices` for one Service port name. */
export function formatEndpointSlices(slices: readonly EndpointSliceView[], portName: string): string {
  if (slices.length === 0) return '<none>';
  const list: string[] = [];
  const max = 3;
  let more = false;
  let count = 0;
  const ready = (e: SliceEndpoint) => e.conditions?.ready === undefined || e.conditions.ready;
  for (const slice of slices) {
    const endpoints = slice.endpoints ?? [];
    if (!slice.ports || slice.ports.length === 0) {
      for (const e of endpoints) {
        if (list.length === max) more = true;
        if (!ready(e)) continue;
        if (!more) list.push(e.addresses[0]!);
        count++;
      }
      continue;
    }
    for (const port of slice.ports) {
      if ((port.name ?? '') !== portName) continue;
      for (const e of endpoints) {
        if (list.length === max) more = true;
        if (!ready(e)) continue;
        if (!more) list.push(joinHostPort(e.addresses[0]!, port.port ?? 0));
        count++;
      }
    }
  }
  const joined = list.join(',');
  return more ? `${joined} + ${count - max} more...` : joined;
}

/** net.JoinHostPort: IPv6 addresses in brackets. */
function joinHostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

function ingressString(ingress: { ip?: string; hostname?: string; ipMode?: string }[]): string {
  return ingress.map((i) => (i.ip ? `${i.ip}${i.ipMode ? ` (${i.ipMode})` : ''}` : i.hostname ?? '')).join(', ');
}

export function describeService(obj: KubeObject, ctx: DescribeContext): string {
  const svc = obj as ServiceView;
  const spec = svc.spec ?? {};
  const slices = endpointSlicesFor(ctx.api, svc);
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${svc.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${svc.metadata.namespace ?? ''}\n`);
    printLabelsMultiline(w, 'Labels', svc.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', svc.metadata.annotations);
    const selector = formatLabels(spec.selector);
    w.write(LEVEL_0, `Selector:\t${selector}\n`);
    w.write(LEVEL_0, `Type:\t${spec.type ?? ''}\n`);
    if (spec.ipFamilyPolicy) w.write(LEVEL_0, `IP Family Policy:\t${spec.ipFamilyPolicy}\n`);
    w.write(LEVEL_0, `IP Families:\t${spec.ipFamilies?.length ? spec.ipFamilies.join(',') : '<none>'}\n`);
    w.write(LEVEL_0, `IP:\t${spec.clusterIP ?? ''}\n`);
    w.write(LEVEL_0, `IPs:\t${spec.clusterIPs?.length ? spec.clusterIPs.join(',') : '<none>'}\n`);
    if (spec.externalIPs?.length) w.write(LEVEL_0, `External IPs:\t${spec.externalIPs.join(',')}\n`);
    if (spec.loadBalancerIP) w.write(LEVEL_0, `Desired LoadBalancer IP:\t${spec.loadBalancerIP}\n`);
    if (spec.externalName) w.write(LEVEL_0, `External Name:\t${spec.externalName}\n`);
    const ingress = svc.status?.loadBalancer?.ingress ?? [];
    if (ingress.length) w.write(LEVEL_0, `LoadBalancer Ingress:\t${ingressString(ingress)}\n`);
    for (const sp of spec.ports ?? []) {
      const name = sp.name || '<unset>';
      const protocol = sp.protocol ?? '';
      w.write(LEVEL_0, `Port:\t${name}\t${sp.port ?? 0}/${protocol}\n`);
      w.write(LEVEL_0, `TargetPort:\t${sp.targetPort ?? 0}/${protocol}\n`);
      if (sp.nodePort) w.write(LEVEL_0, `NodePort:\t${name}\t${sp.nodePort}/${protocol}\n`);
      w.write(LEVEL_0, `Endpoints:\t${formatEndpointSlices(slices, sp.name ?? '')}\n`);
    }
    w.write(LEVEL_0, `Session Affinity:\t${spec.sessionAffinity ?? ''}\n`);
    if (spec.externalTrafficPolicy) w.write(LEVEL_0, `External Traffic Policy:\t${spec.externalTrafficPolicy}\n`);
    if (spec.internalTrafficPolicy) w.write(LEVEL_0, `Internal Traffic Policy:\t${spec.internalTrafficPolicy}\n`);
    if (spec.healthCheckNodePort) w.write(LEVEL_0, `HealthCheck NodePort:\t${spec.healthCheckNodePort}\n`);
    if (spec.loadBalancerSourceRanges?.length) w.write(LEVEL_0, `LoadBalancer Source Ranges:\t${spec.loadBalancerSourceRanges.join(',')}\n`);
    if (spec.trafficDistribution) w.write(LEVEL_0, `Traffic Distribution:\t${spec.trafficDistribution}\n`);
    describeEvents(eventsFor(ctx.api, svc), ctx.nowMs, w);
  });
}
