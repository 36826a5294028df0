// Server-side table columns per kind, as a 1.35 API server's table convertor returns them to kubectl
// (kubernetes pkg/printers/internalversion/printers.go; CRD additionalPrinterColumns for Kubeflow jobs).
// Reference: §1.6 pods, §2.5 replicasets, §3.13 deployments, §4.14 jobs, §5.13 cronjobs,
// kubeflow-training §6 tfjobs/pytorchjobs.
import type { Condition, Container, Deployment, EventObject, LabelSelector, Node, Pod, PodTemplateSpec, ReplicaSet } from '../../api/kinds.ts';
import type { KubeObject } from '../../api/objects.ts';
import { ageSince, humanDuration } from '../human-duration.ts';
import { formatLabelSelector } from './label-selector.ts';
import { trainingJobColumns } from './kubeflow-columns.ts';
import { serviceColumns } from './service-columns.ts';
import { podCells } from './pod-status.ts';

export interface KindColumns {
  headers: string[];
  wideHeaders: string[];
  /** Cells after NAME (NAME is added by the printer with its optional `kind/` prefix). */
  cells(obj: KubeObject, nowMs: number, wide: boolean): string[];
}

type Obj = Record<string, unknown>;
const rec = (v: unknown): Obj => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});
const num = (v: unknown): number => (typeof v === 'number' ? v : 0);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

function containersAndImages(template: PodTemplateSpec | undefined): string[] {
  const cs: Container[] = template?.spec?.containers ?? [];
  return [cs.map((c) => c.name).join(','), cs.map((c) => c.image).join(',')];
}

const WORKLOAD_WIDE = ['CONTAINERS', 'IMAGES', 'SELECTOR'];

const pods: KindColumns = {
  headers: ['READY', 'STATUS', 'RESTARTS', 'AGE'],
  wideHeaders: ['IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES'],
  cells(obj, nowMs, wide) {
    const pod = obj as Pod;
    const c = podCells(pod, nowMs);
    const out = [c.ready, c.status, c.restarts, ageSince(pod.metadata.creationTimestamp, nowMs)];
    if (wide) {
      const ip = pod.status?.podIPs?.[0]?.ip || '<none>';
      const gates = (rec(pod.spec).readinessGates as { conditionType: string }[] | undefined) ?? [];
      let gatesText = '<none>';
      if (gates.length > 0) {
        const met = gates.filter((g) => pod.status?.conditions?.some((cond) => cond.type === g.conditionType && cond.status === 'True')).length;
        gatesText = `${met}/${gates.length}`;
      }
      out.push(ip, pod.spec?.nodeName || '<none>', pod.status?.nominatedNodeName || '<none>', gatesText);
    }
    return out;
  },
};

const replicasets: KindColumns = {
  headers: ['DESIRED', 'CURRENT', 'READY', 'AGE'],
  wideHeaders: WORKLOAD_WIDE,
  cells(obj, nowMs, wide) {
    const rs = obj as ReplicaSet;
    const out = [String(rs.spec?.replicas ?? 0), String(rs.status?.replicas ?? 0), String(rs.status?.readyReplicas ?? 0), ageSince(rs.metadata.creationTimestamp, nowMs)];
    if (wide) out.push(...containersAndImages(rs.spec?.template), formatLabelSelector(rs.spec?.selector));
    return out;
  },
};

const deployments: KindColumns = {
  headers: ['READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE'],
  wideHeaders: WORKLOAD_WIDE,
  cells(obj, nowMs, wide) {
    const d = obj as Deployment;
    const s = d.status ?? {};
    const out = [`${s.readyReplicas ?? 0}/${d.spec?.replicas ?? 0}`, String(s.updatedReplicas ?? 0), String(s.availableReplicas ?? 0), ageSince(d.metadata.creationTimestamp, nowMs)];
    if (wide) out.push(...containersAndImages(d.spec?.template), formatLabelSelector(d.spec?.selector));
    return out;
  },
};

const trueCondition = (conds: unknown, type: string): boolean =>
  Array.isArray(conds) && (conds as Condition[]).some((c) => c.type === type && c.status === 'True');

/** §4.14: the first status word that applies. */
export function jobStatusWord(job: KubeObject): string {
  const conds = rec(job.status).conditions;
  if (trueCondition(conds, 'Complete')) return 'Complete';
  if (trueCondition(conds, 'Failed')) return 'Failed';
  if (job.metadata.deletionTimestamp) return 'Terminating';
  if (trueCondition(conds, 'Suspended')) return 'Suspended';
  if (trueCondition(conds, 'FailureTarget')) return 'FailureTarget';
  if (trueCondition(conds, 'SuccessCriteriaMet')) return 'SuccessCriteriaMet';
  return 'Running';
}

const jobs: KindColumns = {
  headers: ['STATUS', 'COMPLETIONS', 'DURATION', 'AGE'],
  wideHeaders: WORKLOAD_WIDE,
  cells(obj, nowMs, wide) {
    const spec = rec(obj.spec);
    const status = rec(obj.status);
    const succeeded = num(status.succeeded);
    let completions: string;
    if (typeof spec.completions === 'number') completions = `${succeeded}/${spec.completions}`;
    else completions = num(spec.parallelism) > 1 ? `${succeeded}/1 of ${num(spec.parallelism)}` : `${succeeded}/1`;
    const start = str(status.startTime);
    const end = str(status.completionTime);
    const duration = !start ? '' : !end ? humanDuration(nowMs - Date.parse(start)) : humanDuration(Date.parse(end) - Date.parse(start));
    const out = [jobStatusWord(obj), completions, duration, ageSince(obj.metadata.creationTimestamp, nowMs)];
    if (wide) out.push(...containersAndImages(spec.template as PodTemplateSpec | undefined), formatLabelSelector(spec.selector as LabelSelector | undefined));
    return out;
  },
};

const cronjobs: KindColumns = {
  headers: ['SCHEDULE', 'TIMEZONE', 'SUSPEND', 'ACTIVE', 'LAST SCHEDULE', 'AGE'],
  wideHeaders: WORKLOAD_WIDE,
  cells(obj, nowMs, wide) {
    const spec = rec(obj.spec);
    const status = rec(obj.status);
    const suspend = typeof spec.suspend === 'boolean' ? (spec.suspend ? 'True' : 'False') : '<unset>';
    const active = Array.isArray(status.active) ? status.active.length : 0;
    const last = str(status.lastScheduleTime) ? ageSince(str(status.lastScheduleTime), nowMs) : '<none>';
    const out = [str(spec.schedule) ?? '', str(spec.timeZone) ?? '<none>', suspend, String(active), last, ageSince(obj.metadata.creationTimestamp, nowMs)];
    if (wide) {
      const jobSpec = rec(rec(spec.jobTemplate).spec);
      out.push(...containersAndImages(jobSpec.template as PodTemplateSpec | undefined), formatLabelSelector(jobSpec.selector as LabelSelector | undefined));
    }
    return out;
  },
};

const nodes: KindColumns = {
  headers: ['STATUS', 'ROLES', 'AGE', 'VERSION'],
  wideHeaders: ['INTERNAL-IP', 'EXTERNAL-IP', 'OS-IMAGE', 'KERNEL-VERSION', 'CONTAINER-RUNTIME'],
  cells(obj, nowMs, wide) {
    const node = obj as Node;
    const st = rec(node.status);
    const conds = (st.conditions as Condition[] | undefined) ?? [];
    const readyCond = conds.find((c) => c.type === 'Ready');
    const words = [readyCond ? (readyCond.status === 'True' ? 'Ready' : 'NotReady') : 'Unknown'];
    if (rec(node.spec).unschedulable === true) words.push('SchedulingDisabled');
    const roles = new Set<string>();
    for (const [k, v] of Object.entries(node.metadata.labels ?? {})) {
      if (k.startsWith('node-role.kubernetes.io/')) roles.add(k.slice('node-role.kubernetes.io/'.length));
      else if (k === 'kubernetes.io/role' && v) roles.add(v);
    }
    const info = rec(st.nodeInfo);
    const out = [words.join(','), roles.size ? [...roles].sort().join(',') : '<none>', ageSince(node.metadata.creationTimestamp, nowMs), str(info.kubeletVersion) ?? ''];
    if (wide) {
      const addrs = (st.addresses as { type: string; address: string }[] | undefined) ?? [];
      const addr = (t: string) => addrs.find((a) => a.type === t)?.address ?? '<none>';
      const orUnknown = (v: unknown) => str(v) || '<unknown>';
      out.push(addr('InternalIP'), addr('ExternalIP'), orUnknown(info.osImage), orUnknown(info.kernelVersion), orUnknown(info.containerRuntimeVersion));
    }
    return out;
  },
};

/** Events: LAST SEEN  TYPE  REASON  OBJECT  MESSAGE (wide inserts SUBOBJECT/SOURCE and adds FIRST SEEN, COUNT, NAME). */
const events: KindColumns = {
  headers: [],
  wideHeaders: [],
  cells(obj, nowMs, wide) {
    const e = obj as EventObject;
    const first = ageSince(e.firstTimestamp, nowMs);
    const last = e.lastTimestamp ? ageSince(e.lastTimestamp, nowMs) : first;
    const target = e.involvedObject.name ? `${e.involvedObject.kind.toLowerCase()}/${e.involvedObject.name}` : e.involvedObject.kind.toLowerCase();
    const message = (e.message ?? '').trim();
    if (!wide) return [last, e.type, e.reason, target, message];
    const source = e.source?.component ? (e.source.host ? `${e.source.component}, ${e.source.host}` : e.source.component) : '';
    return [last, e.type, e.reason, target, e.involvedObject.fieldPath ?? '', source, message, first, String(e.count || 1), e.metadata.name];
  },
};

const generic: KindColumns = {
  headers: ['AGE'],
  wideHeaders: [],
  cells: (obj, nowMs) => [ageSince(obj.metadata.creationTimestamp, nowMs)],
};

const BY_KIND: Record<string, KindColumns> = {
  Pod: pods,
  ReplicaSet: replicasets,
  Deployment: deployments,
  Job: jobs,
  CronJob: cronjobs,
  Node: nodes,
  Service: serviceColumns,
  TFJob: trainingJobColumns,
  PyTorchJob: trainingJobColumns,
};

/** The full header row (after NAME) and a row function for a kind. Events have no NAME column. */
export function columnsFor(kind: string): KindColumns & { hasName: boolean; allHeaders(wide: boolean): string[] } {
  if (kind === 'Event') {
    return {
      ...events,
      hasName: false,
      allHeaders: (wide) => (wide ? ['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'SUBOBJECT', 'SOURCE', 'MESSAGE', 'FIRST SEEN', 'COUNT', 'NAME'] : ['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE']),
    };
  }
  const c = BY_KIND[kind] ?? generic;
  return { ...c, hasName: true, allHeaders: (wide) => ['NAME', ...c.headers, ...(wide ? c.wideHeaders : [])] };
}
