// One pod as the picture shows it: kubectl's READY/STATUS/RESTARTS cells, the state bucket, containers,
// owner and training role. Built once per pod version (the recorder caches it by resourceVersion).
import type { ContainerStatus, Pod } from '../api/kinds.ts';
import { controllerOf } from '../api/objects.ts';
import { parseRfc3339 } from '../clock/time-format.ts';
import { podCells, type PodCells } from '../kubectl/printers/pod-status.ts';
import { podRequests, type Resources } from '../node/resources.ts';
import { PYTORCHJOB, TFJOB } from '../validate/kubeflow/kinds.ts';
import { laneStateOf } from './lane-state.ts';
import type { ContainerView, ObjectRef, PodRole, PodView } from './types.ts';

export const GPU = 'nvidia.com/gpu';

/** Labels the Training Operator puts on its pods (kubeflow-training §2.1). */
export const TRAINING_LABELS = {
  jobName: 'training.kubeflow.org/job-name',
  replicaType: 'training.kubeflow.org/replica-type',
  replicaIndex: 'training.kubeflow.org/replica-index',
  jobRole: 'training.kubeflow.org/job-role',
} as const;

/**
 * resource.PodRequests of a pod spec, computed once per spec object: the API server's status writes keep the
 * stored spec object, so a pod's requests are parsed once, not at every status change.
 */
const requestsBySpec = new WeakMap<object, Resources>();
export function requestsOf(spec: Pod['spec']): Resources {
  if (!spec) return podRequests(spec);
  let r = requestsBySpec.get(spec);
  if (!r) requestsBySpec.set(spec, (r = podRequests(spec)));
  return r;
}

export function keyFor(kind: string, namespace: string | undefined, name: string): string {
  return `${kind}/${namespace ?? ''}/${name}`;
}

export function timeOf(ts: string | null | undefined): number | null {
  return ts ? parseRfc3339(ts) : null;
}

/** The pod's cells and state bucket, which the lanes record too. */
export function podStateOf(pod: Pod): { cells: PodCells; state: ReturnType<typeof laneStateOf> } {
  // The cells used here do not depend on the clock (only the RESTARTS "(… ago)" text does, and it is not kept).
  const cells = podCells(pod, 0);
  return { cells, state: laneStateOf(pod, cells) };
}

function containerView(kind: ContainerView['kind'], name: string, image: string, cs: ContainerStatus | undefined): ContainerView {
  const st = cs?.state;
  const state: ContainerView['state'] = st?.running ? 'running' : st?.terminated ? 'terminated' : st?.waiting ? 'waiting' : 'none';
  const last = cs?.lastState?.terminated;
  return {
    name,
    kind,
    image,
    state,
    reason: st?.waiting?.reason ?? st?.terminated?.reason ?? null,
    exitCode: st?.terminated ? st.terminated.exitCode : null,
    ready: cs?.ready ?? false,
    restartCount: cs?.restartCount ?? 0,
    lastExit: last ? { exitCode: last.exitCode, reason: last.reason ?? null } : null,
  };
}

function containersOf(pod: Pod): ContainerView[] {
  const out: ContainerView[] = [];
  const inits = new Map((pod.status?.initContainerStatuses ?? []).map((c) => [c.name, c]));
  for (const c of pod.spec?.initContainers ?? []) out.push(containerView(c.restartPolicy === 'Always' ? 'sidecar' : 'init', c.name, c.image, inits.get(c.name)));
  const regular = new Map((pod.status?.containerStatuses ?? []).map((c) => [c.name, c]));
  for (const c of pod.spec?.containers ?? []) out.push(containerView('regular', c.name, c.image, regular.get(c.name)));
  return out;
}

function lastRestartOf(pod: Pod): number | null {
  let last: number | null = null;
  for (const cs of [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])]) {
    const t = timeOf(cs.lastState?.terminated?.finishedAt);
    if (t !== null && (last === null || t > last)) last = t;
  }
  return last;
}

/** The training role of a pod created by the TFJob or PyTorchJob controller, from its labels and owner. */
export function podRoleOf(pod: Pod): PodRole | null {
  const owner = controllerOf(pod);
  const labels = pod.metadata.labels ?? {};
  const kind = owner?.kind === 'TFJob' ? TFJOB : owner?.kind === 'PyTorchJob' ? PYTORCHJOB : null;
  const typeLabel = labels[TRAINING_LABELS.replicaType];
  if (!kind || !owner || typeLabel === undefined) return null;
  const type = kind.replicaTypes.find((t) => t.toLowerCase() === typeLabel) ?? typeLabel;
  const index = Number(labels[TRAINING_LABELS.replicaIndex] ?? '0');
  const job = labels[TRAINING_LABELS.jobName] ?? owner.name;
  return {
    jobKind: kind.kind,
    job,
    jobKey: keyFor(kind.kind, pod.metadata.namespace, job),
    type,
    index: Number.isFinite(index) ? index : 0,
    master: labels[TRAINING_LABELS.jobRole] === 'master',
  };
}

/** `createdAt`: when the recorder first saw the pod (ms), finer than creationTimestamp's seconds. */
export function buildPodView(pod: Pod, createdAt: number, ownerChain: (pod: Pod) => { owner: ObjectRef | null; root: ObjectRef | null }): PodView {
  const { cells, state } = podStateOf(pod);
  const ns = pod.metadata.namespace ?? 'default';
  const { owner, root } = ownerChain(pod);
  return {
    key: keyFor('Pod', ns, pod.metadata.name),
    uid: pod.metadata.uid,
    name: pod.metadata.name,
    namespace: ns,
    rev: pod.metadata.resourceVersion,
    createdAt,
    node: pod.spec?.nodeName || null,
    phase: pod.status?.phase ?? '',
    state,
    status: cells.status,
    ready: cells.ready,
    restarts: Number.parseInt(cells.restarts, 10) || 0,
    lastRestartAt: lastRestartOf(pod),
    ip: pod.status?.podIP || null,
    owner,
    root,
    role: podRoleOf(pod),
    gpus: requestsOf(pod.spec).scalar[GPU] ?? 0,
    deleting: pod.metadata.deletionTimestamp !== undefined,
    containers: containersOf(pod),
  };
}
