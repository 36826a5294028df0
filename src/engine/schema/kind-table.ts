// The kinds this lab knows, as a 1.35 API server with the Kubeflow Training Operator v1.9 CRDs
// publishes them. Plain data with no JSON imports, so that scripts/generate-schemas.ts can read it
// before anything is generated. Short names and categories are what discovery reports
// (checked against `kubectl api-resources` of kubectl 1.35 in shared/tools/kubectl-oracle).

export interface KindInfo {
  readonly kind: string;
  /** `group/version`, or just `version` for the core group. */
  readonly apiVersion: string;
  /** '' for the core group. */
  readonly group: string;
  readonly version: string;
  /** Plural resource name (`deployments`). */
  readonly resource: string;
  readonly singular: string;
  readonly shortNames: readonly string[];
  readonly categories: readonly string[];
  readonly namespaced: boolean;
  /** `builtin`: a typed Go struct decoded by the API server; `crd`: a custom resource (structural schema). */
  readonly source: 'builtin' | 'crd';
  /** File under src/engine/schema/generated/. */
  readonly schemaFile: string;
  /** Built-in kinds: the OpenAPI definition of the kind. */
  readonly definition?: string;
  /** CRD kinds: the CRD file under shared/data/kubeflow-training-v1.9. */
  readonly crdFile?: string;
  /** CRD kinds with a scale subresource: its spec replicas path (`.spec.x.replicas`). */
  readonly specReplicasPath?: string;
  /** CRD kinds with a status subresource: create drops `status` before validation. */
  readonly statusSubresource?: boolean;
}

function builtin(
  kind: string,
  group: string,
  resource: string,
  shortNames: readonly string[],
  categories: readonly string[],
  namespaced: boolean,
  definition: string,
): KindInfo {
  return {
    kind,
    apiVersion: group ? `${group}/v1` : 'v1',
    group,
    version: 'v1',
    resource,
    singular: kind.toLowerCase(),
    shortNames,
    categories,
    namespaced,
    source: 'builtin',
    schemaFile: `${kind}.json`,
    definition,
  };
}

export const KIND_TABLE: readonly KindInfo[] = [
  builtin('Pod', '', 'pods', ['po'], ['all'], true, 'io.k8s.api.core.v1.Pod'),
  builtin('ReplicaSet', 'apps', 'replicasets', ['rs'], ['all'], true, 'io.k8s.api.apps.v1.ReplicaSet'),
  builtin('Deployment', 'apps', 'deployments', ['deploy'], ['all'], true, 'io.k8s.api.apps.v1.Deployment'),
  builtin('Job', 'batch', 'jobs', [], ['all'], true, 'io.k8s.api.batch.v1.Job'),
  builtin('CronJob', 'batch', 'cronjobs', ['cj'], ['all'], true, 'io.k8s.api.batch.v1.CronJob'),
  builtin('Node', '', 'nodes', ['no'], [], false, 'io.k8s.api.core.v1.Node'),
  builtin('Service', '', 'services', ['svc'], ['all'], true, 'io.k8s.api.core.v1.Service'),
  builtin('Namespace', '', 'namespaces', ['ns'], [], false, 'io.k8s.api.core.v1.Namespace'),
  builtin('ConfigMap', '', 'configmaps', ['cm'], [], true, 'io.k8s.api.core.v1.ConfigMap'),
  builtin('Event', '', 'events', ['ev'], [], true, 'io.k8s.api.core.v1.Event'),
  {
    kind: 'TFJob',
    apiVersion: 'kubeflow.org/v1',
    group: 'kubeflow.org',
    version: 'v1',
    resource: 'tfjobs',
    singular: 'tfjob',
    shortNames: [],
    categories: [],
    namespaced: true,
    source: 'crd',
    schemaFile: 'TFJob.json',
    crdFile: 'kubeflow.org_tfjobs.yaml',
    statusSubresource: true,
  },
  {
    kind: 'PyTorchJob',
    apiVersion: 'kubeflow.org/v1',
    group: 'kubeflow.org',
    version: 'v1',
    resource: 'pytorchjobs',
    singular: 'pytorchjob',
    shortNames: [],
    categories: [],
    namespaced: true,
    source: 'crd',
    schemaFile: 'PyTorchJob.json',
    crdFile: 'kubeflow.org_pytorchjobs.yaml',
    specReplicasPath: '.spec.pytorchReplicaSpecs.Worker.replicas',
    statusSubresource: true,
  },
];
