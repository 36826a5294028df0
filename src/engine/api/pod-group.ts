// The PodGroup of the scheduler-plugins coscheduling plugin (sigs.k8s.io/scheduler-plugins v0.28,
// apis/scheduling/v1alpha1, CRD podgroups.scheduling.x-k8s.io): what the Training Operator creates for a job when
// it runs with a gang scheduler (kubeflow-training reference §2.4), and what the simulated gang scheduler reads
// (node/gang.ts).
//
// The lab's API server stores PodGroups for its controllers only: the kind is not in the kind table, so it is not
// in discovery, kubectl cannot address it and users cannot apply one. (A cluster with scheduler-plugins installed
// would serve it; adding it to the kind table would change what `kubectl api-resources` prints for the recorded
// cluster, which has no scheduler-plugins.)
import type { KindEntry } from '../schema/index.ts';
import type { ResourceList } from './kinds.ts';
import type { KubeObject } from './objects.ts';

export const POD_GROUP_KIND = 'PodGroup';
export const POD_GROUP_API_VERSION = 'scheduling.x-k8s.io/v1alpha1';
/** v1alpha1.PodGroupLabel: the label that puts a pod into a group. */
export const POD_GROUP_LABEL = 'scheduling.x-k8s.io/pod-group';

export interface PodGroupSpec {
  [k: string]: unknown;
  minMember?: number;
  minResources?: ResourceList;
  scheduleTimeoutSeconds?: number;
}

export type PodGroup = KubeObject<PodGroupSpec>;

const POD_GROUP_ENTRY: KindEntry = {
  kind: POD_GROUP_KIND,
  apiVersion: POD_GROUP_API_VERSION,
  group: 'scheduling.x-k8s.io',
  version: 'v1alpha1',
  resource: 'podgroups',
  singular: 'podgroup',
  shortNames: ['pg', 'pgs'],
  categories: [],
  namespaced: true,
  source: 'crd',
  schemaFile: '',
  statusSubresource: true,
};

/** Kinds the API server stores for controllers (createInternal) without listing them in the kind table. */
export function controllerOnlyKind(kind: string): KindEntry | undefined {
  return kind === POD_GROUP_KIND ? POD_GROUP_ENTRY : undefined;
}
