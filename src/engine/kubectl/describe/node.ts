// kubectl's NodeDescriber (pkg/describe): roles, labels, taints, the node's Lease (kube-node-lease), condition
// table, addresses, capacity/allocatable, system info, the non-terminated pods on the node with their
// requests and limits as a share of allocatable, the totals, events.
import type { KubeObject } from '../../api/objects.ts';
import { addQuantity, milliValue, newQuantity, parseQuantity, quantityString, quantityValue } from '../../validate/rules/quantity.ts';
import type { Quantity } from '../../validate/rules/quantity.ts';
import { ageSince } from '../human-duration.ts';
import { printAnnotationsMultiline, printLabelsMultiline, rfc1123z } from './common.ts';
import { describeEvents, eventsFor } from './events.ts';
import { LEVEL_0, LEVEL_1, tabbedString } from './prefix-writer.ts';
import type { PrefixWriter } from './prefix-writer.ts';
import type { DescribeContext } from './source.ts';
import type { ContainerSpec } from './types.ts';

interface NodeView {
  spec?: { taints?: { key: string; value?: string; effect: string }[]; unschedulable?: boolean; podCIDR?: string; podCIDRs?: string[]; providerID?: string };
  status?: {
    conditions?: { type: string; status: string; lastHeartbeatTime?: string; lastTransitionTime?: string; reason?: string; message?: string }[];
    addresses?: { type: string; address: string }[];
    capacity?: Record<string, string>;
    allocatable?: Record<string, string>;
    nodeInfo?: Record<string, string>;
  };
}

type ResourceList = Map<string, Quantity>;

const ZERO_TIME = 'Mon, 01 Jan 0001 00:00:00 +0000';
const time = (t: string | undefined) => (t ? rfc1123z(t) : ZERO_TIME);

function quantity(s: string | undefined): Quantity {
  const r = s === undefined ? null : parseQuantity(s);
  return r && r.ok ? r.quantity : newQuantity(0);
}

function toList(m: Record<string, string> | undefined): ResourceList {
  return new Map(Object.entries(m ?? {}).map(([k, v]) => [k, quantity(v)]));
}

function add(into: ResourceList, from: ResourceList): void {
  for (const [k, v] of from) into.set(k, into.has(k) ? addQuantity(into.get(k)!, v) : v);
}

/** resourcehelper.PodRequestsAndLimits: containers summed, each init container as a floor. */
function podRequestsAndLimits(pod: KubeObject): [ResourceList, ResourceList] {
  const spec = (pod.spec ?? {}) as { containers?: ContainerSpec[]; initContainers?: ContainerSpec[]; overhead?: Record<string, string> };
  const result: [ResourceList, ResourceList] = [new Map(), new Map()];
  (['requests', 'limits'] as const).forEach((which, i) => {
    const sum = result[i]!;
    for (const c of spec.containers ?? []) add(sum, toList(c.resources?.[which]));
    for (const c of spec.initContainers ?? []) {
      if (c.restartPolicy === 'Always') add(sum, toList(c.resources?.[which]));
    }
    for (const c of spec.initContainers ?? []) {
      if (c.restartPolicy === 'Always') continue;
      for (const [k, v] of toList(c.resources?.[which])) {
        const cur = sum.get(k);
        if (!cur || milliValue(v) > milliValue(cur)) sum.set(k, v);
      }
    }
    add(sum, toList(spec.overhead));
  });
  return result;
}

const zero = newQuantity(0);
const get = (l: ResourceList, k: string) => l.get(k) ?? zero;

/** `int64(float64(x) / float64(allocatable) * 100)`, 0 when nothing is allocatable. */
function percent(x: Quantity, of: Quantity, milli: boolean): number {
  const total = Number(milli ? milliValue(of) : quantityValue(of));
  if (total === 0) return 0;
  return Math.trunc((Number(milli ? milliValue(x) : quantityValue(x)) / total) * 100);
}

const cell = (q: Quantity, of: Quantity, milli: boolean) => `${quantityString(q)} (${percent(q, of, milli)}%)`;

function describeNodeResources(pods: KubeObject[], allocatable: ResourceList, nowMs: number, w: PrefixWriter): void {
  w.write(LEVEL_0, `Non-terminated Pods:\t(${pods.length} in total)\n`);
  w.write(LEVEL_1, 'Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n');
  w.write(LEVEL_1, '---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n');
  const cpu = get(allocatable, 'cpu');
  const memory = get(allocatable, 'memory');
  const reqs: ResourceList = new Map();
  const limits: ResourceList = new Map();
  for (const pod of pods) {
    const [req, limit] = podRequestsAndLimits(pod);
    add(reqs, req);
    add(limits, limit);
    w.write(
      LEVEL_1,
      `${pod.metadata.namespace ?? ''}\t${pod.metadata.name}\t\t${cell(get(req, 'cpu'), cpu, true)}\t${cell(get(limit, 'cpu'), cpu, true)}\t` +
        `${cell(get(req, 'memory'), memory, false)}\t${cell(get(limit, 'memory'), memory, false)}\t${ageSince(pod.metadata.creationTimestamp, nowMs)}\n`,
    );
  }
  w.write(LEVEL_0, 'Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n');
  w.write(LEVEL_1, 'Resource\tRequests\tLimits\n');
  w.write(LEVEL_1, '--------\t--------\t------\n');
  const row = (name: string, milli: boolean) => w.write(LEVEL_1, `${name}\t${cell(get(reqs, name), get(allocatable, name), milli)}\t${cell(get(limits, name), get(allocatable, name), milli)}\n`);
  row('cpu', true);
  row('memory', false);
  row('ephemeral-storage', false);
  // Extended resources (a domain-qualified name outside kubernetes.io) and huge pages, sorted.
  const extended = [...allocatable.keys()].filter((k) => k.startsWith('hugepages-') || (k.includes('/') && !k.split('/')[0]!.endsWith('kubernetes.io'))).sort();
  for (const k of extended) row(k, false);
}

/** findNodeRoles: `node-role.kubernetes.io/<role>` labels and the legacy `kubernetes.io/role` label. */
function nodeRoles(labels: Record<string, string>): string[] {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(labels)) {
    if (k.startsWith('node-role.kubernetes.io/') && k.length > 'node-role.kubernetes.io/'.length) roles.add(k.slice('node-role.kubernetes.io/'.length));
    else if (k === 'kubernetes.io/role' && v) roles.add(v);
  }
  return [...roles].sort();
}

export function describeNode(node: KubeObject, ctx: DescribeContext): string {
  const { spec = {}, status = {} } = node as KubeObject & NodeView;
  const lease = ctx.api.get('Lease', 'kube-node-lease', node.metadata.name) as (KubeObject & { spec?: { holderIdentity?: string; acquireTime?: string; renewTime?: string } }) | undefined;
  const pods = ctx.api
    .list('Pod')
    .filter((p) => (p.spec as { nodeName?: string } | undefined)?.nodeName === node.metadata.name)
    .filter((p) => !['Succeeded', 'Failed'].includes((p.status as { phase?: string } | undefined)?.phase ?? ''));
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${node.metadata.name}\n`);
    const roles = nodeRoles(node.metadata.labels ?? {});
    w.write(LEVEL_0, `Roles:\t${roles.length > 0 ? roles.join(',') : '<none>'}\n`);
    printLabelsMultiline(w, 'Labels', node.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', node.metadata.annotations);
    w.write(LEVEL_0, `CreationTimestamp:\t${time(node.metadata.creationTimestamp)}\n`);
    const taints = [...(spec.taints ?? [])].sort((a, b) => {
      const [x, y] = [`${a.effect},${a.key}`, `${b.effect},${b.key}`];
      return x < y ? -1 : x > y ? 1 : 0;
    });
    w.write(LEVEL_0, 'Taints:\t');
    if (taints.length === 0) w.writeLine('<none>');
    taints.forEach((t, i) => w.write(LEVEL_0, `${i === 0 ? '' : '\t'}${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}\n`));
    w.write(LEVEL_0, `Unschedulable:\t${spec.unschedulable === true}\n`);
    w.write(LEVEL_0, 'Lease:\n');
    w.write(LEVEL_1, `HolderIdentity:\t${lease?.spec?.holderIdentity ?? '<unset>'}\n`);
    w.write(LEVEL_1, `AcquireTime:\t${lease?.spec?.acquireTime ? rfc1123z(lease.spec.acquireTime) : '<unset>'}\n`);
    w.write(LEVEL_1, `RenewTime:\t${lease?.spec?.renewTime ? rfc1123z(lease.spec.renewTime) : '<unset>'}\n`);
    if (status.conditions && status.conditions.length > 0) {
      w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n');
      w.write(LEVEL_1, '----\t------\t-----------------\t------------------\t------\t-------\n');
      for (const c of status.conditions) w.write(LEVEL_1, `${c.type} \t${c.status} \t${time(c.lastHeartbeatTime)} \t${time(c.lastTransitionTime)} \t${c.reason ?? ''} \t${c.message ?? ''}\n`);
    }
    w.write(LEVEL_0, 'Addresses:\n');
    for (const a of status.addresses ?? []) w.write(LEVEL_1, `${a.type}:\t${a.address}\n`);
    for (const [title, list] of [['Capacity', status.capacity], ['Allocatable', status.allocatable]] as const) {
      if (Object.keys(list ?? {}).length === 0) continue;
      w.write(LEVEL_0, `${title}:\n`);
      for (const [k, q] of [...toList(list)].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) w.write(LEVEL_0, `  ${k}:\t${quantityString(q)}\n`);
    }
    const info = status.nodeInfo ?? {};
    w.write(LEVEL_0, 'System Info:\n');
    for (const [title, key] of [
      ['Machine ID', 'machineID'],
      ['System UUID', 'systemUUID'],
      ['Boot ID', 'bootID'],
      ['Kernel Version', 'kernelVersion'],
      ['OS Image', 'osImage'],
      ['Operating System', 'operatingSystem'],
      ['Architecture', 'architecture'],
      ['Container Runtime Version', 'containerRuntimeVersion'],
      ['Kubelet Version', 'kubeletVersion'],
      ['Kube-Proxy Version', 'kubeProxyVersion'],
    ]) w.write(LEVEL_0, `  ${title}:\t${info[key!] ?? ''}\n`);
    if (spec.podCIDR) w.write(LEVEL_0, `PodCIDR:\t${spec.podCIDR}\n`);
    if (spec.podCIDRs && spec.podCIDRs.length > 0) w.write(LEVEL_0, `PodCIDRs:\t${spec.podCIDRs.join(',')}\n`);
    if (spec.providerID) w.write(LEVEL_0, `ProviderID:\t${spec.providerID}\n`);
    const allocatable = Object.keys(status.allocatable ?? {}).length > 0 ? toList(status.allocatable) : toList(status.capacity);
    describeNodeResources(pods, allocatable, ctx.nowMs, w);
    describeEvents(eventsFor(ctx.api, node), ctx.nowMs, w);
  });
}
