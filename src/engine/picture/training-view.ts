// TFJobs and PyTorchJobs as the picture shows them: roles from the spec (with the operator's in-memory
// defaults, kubeflow-training §1.1/§5.1), the pod and headless Service of every replica (§2.1, §2.2), and the
// wiring the operator put into each pod — TF_CONFIG (§3) or the PyTorch env vars (§5.2) — read from the pod
// itself, never recomputed here.
import type { Container, Pod } from '../api/kinds.ts';
import type { KubeObject } from '../api/objects.ts';
import { applyKubeflowDefaults } from '../defaults/kubeflow/index.ts';
import { isObject, kubeflowKindOf, replicaEntries, specOf, type KubeflowKind } from '../validate/kubeflow/kinds.ts';
import { keyFor, timeOf } from './pod-view.ts';
import type { PodView, ReplicaView, TrainingCondition, TrainingJobView, TrainingRoleView } from './types.ts';

/** Display order of replica types: the coordinator first, then servers, workers, evaluators. */
const ROLE_ORDER = ['Chief', 'Master', 'PS', 'Worker', 'Evaluator'];

export interface RoleSpec {
  type: string;
  replicas: number;
  restartPolicy: string;
  port: number | null;
}

function roleRank(type: string): number {
  const i = ROLE_ORDER.indexOf(type);
  return i < 0 ? ROLE_ORDER.length : i;
}

function frameworkContainerOf<T extends { name?: unknown }>(containers: T[], kind: KubeflowKind): T | undefined {
  return containers.find((c) => c.name === kind.defaultContainerName) ?? containers[0];
}

function portOf(replica: Record<string, unknown>, kind: KubeflowKind): number | null {
  const template = isObject(replica.template) ? replica.template : {};
  const spec = isObject(template.spec) ? template.spec : {};
  const containers = (Array.isArray(spec.containers) ? spec.containers : []).filter(isObject);
  const c = frameworkContainerOf(containers, kind);
  const ports = c && Array.isArray(c.ports) ? c.ports.filter(isObject) : [];
  const port = ports.find((p) => p.name === kind.defaultPortName)?.containerPort;
  return typeof port === 'number' ? port : null;
}

/** The job's replica types with the defaults the controller acts on, in display order. */
export function roleSpecsOf(job: KubeObject): RoleSpec[] {
  const kind = kubeflowKindOf(job);
  if (!kind) return [];
  const defaulted = applyKubeflowDefaults(job);
  return replicaEntries(specOf(defaulted), kind)
    .map(([type, r]) => ({
      type,
      replicas: typeof r.replicas === 'number' ? r.replicas : 1,
      restartPolicy: typeof r.restartPolicy === 'string' ? r.restartPolicy : kind.defaultRestartPolicy,
      port: portOf(r, kind),
    }))
    .sort((a, b) => roleRank(a.type) - roleRank(b.type));
}

/** `<job>-<lowercased type>-<index>` with any `/` replaced (GenGeneralName, kubeflow-training §2.1). */
export function replicaPodName(job: string, type: string, index: number): string {
  return `${job}-${type.toLowerCase()}-${index}`.replace(/\//g, '-');
}

function envOf(container: Container | undefined): { name: string; value: string }[] {
  return (container?.env ?? []).map((e) => ({ name: e.name, value: e.value ?? (e.valueFrom ? `(valueFrom ${Object.keys(e.valueFrom).join(', ')})` : '') }));
}

export interface TrainingInputs {
  /** Current pods by key. */
  pods: Map<string, Pod>;
  /** Views of the current pods whose role names this job. */
  jobPods: PodView[];
  serviceExists: (key: string) => boolean;
}

export function buildTrainingView(job: KubeObject, input: TrainingInputs): TrainingJobView | null {
  const kind = kubeflowKindOf(job);
  if (!kind) return null;
  const ns = job.metadata.namespace ?? 'default';
  const name = job.metadata.name;
  const key = keyFor(kind.kind, ns, name);
  const status = isObject(job.status) ? job.status : {};
  const conds = (Array.isArray(status.conditions) ? status.conditions : []).filter(isObject);
  const conditions: TrainingCondition[] = conds.map((c) => ({
    type: String(c.type ?? ''),
    status: String(c.status ?? ''),
    reason: String(c.reason ?? ''),
    message: String(c.message ?? ''),
    time: timeOf(typeof c.lastTransitionTime === 'string' ? c.lastTransitionTime : null),
  }));
  const replicaStatuses: TrainingJobView['replicaStatuses'] = {};
  if (isObject(status.replicaStatuses)) {
    for (const [t, v] of Object.entries(status.replicaStatuses)) {
      const r = isObject(v) ? v : {};
      const n = (x: unknown) => (typeof x === 'number' ? x : 0);
      replicaStatuses[t] = { active: n(r.active), succeeded: n(r.succeeded), failed: n(r.failed) };
    }
  }
  const roles: TrainingRoleView[] = roleSpecsOf(job).map((spec) => {
    // Pods of this type that exist beyond `replicas` (scale-down pending) are shown too.
    const indices = new Set<number>(Array.from({ length: Math.max(0, spec.replicas) }, (_, i) => i));
    for (const pv of input.jobPods) if (pv.role?.type === spec.type) indices.add(pv.role.index);
    const byName = new Map(input.jobPods.map((pv) => [pv.name, pv]));
    const members: ReplicaView[] = [...indices].sort((a, b) => a - b).map((index) => {
      const podName = replicaPodName(name, spec.type, index);
      const podKey = keyFor('Pod', ns, podName);
      const pod = input.pods.get(podKey);
      const view = pod ? byName.get(podName) : undefined;
      const container = frameworkContainerOf(pod?.spec?.containers ?? [], kind);
      const env = envOf(container);
      const serviceKey = keyFor('Service', ns, podName);
      return {
        index,
        podName,
        podKey: pod ? podKey : null,
        state: view?.state ?? null,
        status: view?.status ?? null,
        node: view?.node ?? null,
        master: view?.role?.master ?? false,
        service: { name: podName, key: serviceKey, exists: input.serviceExists(serviceKey) },
        container: container?.name ?? kind.defaultContainerName,
        tfConfig: kind.kind === 'TFJob' ? (env.find((e) => e.name === 'TF_CONFIG')?.value ?? null) : null,
        env,
      };
    });
    return { type: spec.type, key: `${key}#${spec.type}`, replicas: spec.replicas, restartPolicy: spec.restartPolicy, port: spec.port, members };
  });
  const spec = isObject(job.spec) ? job.spec : {};
  const runPolicy = isObject(spec.runPolicy) ? spec.runPolicy : {};
  return {
    key,
    kind: kind.kind,
    name,
    namespace: ns,
    state: conditions.length ? conditions[conditions.length - 1]!.type : '',
    conditions,
    roles,
    replicaStatuses,
    startTime: timeOf(typeof status.startTime === 'string' ? status.startTime : null),
    completionTime: timeOf(typeof status.completionTime === 'string' ? status.completionTime : null),
    cleanPodPolicy: typeof runPolicy.cleanPodPolicy === 'string' ? runPolicy.cleanPodPolicy : 'None',
    successPolicy: kind.kind === 'TFJob' ? (typeof spec.successPolicy === 'string' ? spec.successPolicy : '') : null,
  };
}
