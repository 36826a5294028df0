// The two Training Operator kinds this engine knows, described by the constants of
// kubeflow/training-operator release-1.9 (`tensorflow_types.go`, `pytorch_types.go`, `common_types.go`)
// and the webhook names of `manifests/base/webhook/manifests.yaml`.

export const KUBEFLOW_API_VERSION = 'kubeflow.org/v1';

export interface KubeflowKind {
  readonly kind: 'TFJob' | 'PyTorchJob';
  /** The map of replica type → ReplicaSpec under `spec`. */
  readonly replicaSpecsField: 'tfReplicaSpecs' | 'pytorchReplicaSpecs';
  /** Replica types in the order the defaulter normalizes their case (`set*TypeNamesToCamelCase`). */
  readonly replicaTypes: readonly string[];
  /** The container the webhook requires and the defaulter gives the port to. */
  readonly defaultContainerName: string;
  readonly defaultPortName: string;
  readonly defaultPort: number;
  readonly defaultRestartPolicy: string;
  /** `metadata.name` of the validating webhook; the API server quotes it in a denial. */
  readonly webhookName: string;
}

export const TFJOB: KubeflowKind = {
  kind: 'TFJob',
  replicaSpecsField: 'tfReplicaSpecs',
  replicaTypes: ['PS', 'Worker', 'Chief', 'Master', 'Evaluator'],
  defaultContainerName: 'tensorflow',
  defaultPortName: 'tfjob-port',
  defaultPort: 2222,
  defaultRestartPolicy: 'Never',
  webhookName: 'validator.tfjob.training-operator.kubeflow.org',
};

export const PYTORCHJOB: KubeflowKind = {
  kind: 'PyTorchJob',
  replicaSpecsField: 'pytorchReplicaSpecs',
  replicaTypes: ['Master', 'Worker'],
  defaultContainerName: 'pytorch',
  defaultPortName: 'pytorchjob-port',
  defaultPort: 23456,
  defaultRestartPolicy: 'OnFailure',
  webhookName: 'validator.pytorchjob.training-operator.kubeflow.org',
};

/** The descriptor for a `kubeflow.org/v1` TFJob or PyTorchJob, or null for anything else. */
export function kubeflowKindOf(obj: { apiVersion?: unknown; kind?: unknown }): KubeflowKind | null {
  if (obj.apiVersion !== KUBEFLOW_API_VERSION) return null;
  if (obj.kind === TFJOB.kind) return TFJOB;
  if (obj.kind === PYTORCHJOB.kind) return PYTORCHJOB;
  return null;
}

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The replica specs as (type, spec) pairs in document order. Go visits the map in random order; document
 * order is a stable stand-in. Null entries are skipped: the API server prunes nulls of non-nullable fields
 * before admission, so the webhook and the controller never see them.
 */
export function replicaEntries(spec: JsonObject | undefined, kind: KubeflowKind): Array<[string, JsonObject]> {
  const specs = spec?.[kind.replicaSpecsField];
  if (!isObject(specs)) return [];
  return Object.entries(specs).filter((e): e is [string, JsonObject] => isObject(e[1]));
}

/** `template.spec.containers` of a replica spec, or [] when any level is missing. */
export function containersOf(replica: JsonObject): unknown[] {
  const template = replica.template;
  const podSpec = isObject(template) ? template.spec : undefined;
  const containers = isObject(podSpec) ? podSpec.containers : undefined;
  return Array.isArray(containers) ? containers : [];
}

export function specOf(job: JsonObject): JsonObject | undefined {
  return isObject(job.spec) ? job.spec : undefined;
}

/** `metadata.name`, or "" like Go's zero value when it is missing. */
export function nameOf(job: JsonObject): string {
  const meta = job.metadata;
  return isObject(meta) && typeof meta.name === 'string' ? meta.name : '';
}

/** Set in the sense of a non-nil Go pointer (the API server prunes explicit nulls first). */
export function isSet(value: unknown): boolean {
  return value !== undefined && value !== null;
}
