// What the simulated API server's discovery reports: the resources of core/v1, apps/v1 and batch/v1 as a 1.35
// kube-apiserver serves them, plus the Kubeflow Training Operator v1.9 CRDs (kubeflow.org/v1). Names, short
// names, verbs and categories are the ones kubectl 1.35.2 printed for `kubectl api-resources -o wide|json`
// (tests/golden/kubectl-oracle/recorded/02, 03 and tests/golden/kubectl-read-misc). The custom resources' verbs
// keep the apiextensions-apiserver's order (delete, deletecollection, get, list, patch, create, update, watch).
//
// A real 1.35 cluster serves about twenty more groups (admissionregistration.k8s.io, apiextensions.k8s.io,
// apiregistration.k8s.io, authentication.k8s.io, authorization.k8s.io, autoscaling, certificates.k8s.io,
// coordination.k8s.io, discovery.k8s.io, events.k8s.io, flowcontrol.apiserver.k8s.io, networking.k8s.io,
// node.k8s.io, policy, rbac.authorization.k8s.io, resource.k8s.io, scheduling.k8s.io, storage.k8s.io …); the
// lab, like the kubectl oracle the goldens were recorded with, serves only these four.
//
// Only the kinds in src/engine/schema KINDS are simulated (stored, listed, explained); the others are listed
// because discovery lists them, and commands on them say that the lab does not simulate them.
import { KINDS } from '../schema/index.ts';
import type { KindEntry } from '../schema/index.ts';

export interface ApiResource {
  name: string;
  singularName: string;
  namespaced: boolean;
  group: string;
  version: string;
  kind: string;
  verbs: readonly string[];
  shortNames: readonly string[];
  categories: readonly string[];
}

const ALL_VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
const NO_COLLECTION_DELETE = ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'];
const CRD_VERBS = ['delete', 'deletecollection', 'get', 'list', 'patch', 'create', 'update', 'watch'];

function r(group: string, name: string, singularName: string, kind: string, namespaced: boolean, shortNames: string[] = [], categories: string[] = [], verbs: string[] = ALL_VERBS): ApiResource {
  return { name, singularName, namespaced, group, version: 'v1', kind, verbs, shortNames, categories };
}

export const API_RESOURCES: readonly ApiResource[] = [
  r('', 'bindings', 'binding', 'Binding', true, [], [], ['create']),
  r('', 'componentstatuses', 'componentstatus', 'ComponentStatus', false, ['cs'], [], ['get', 'list']),
  r('', 'configmaps', 'configmap', 'ConfigMap', true, ['cm']),
  r('', 'endpoints', 'endpoints', 'Endpoints', true, ['ep']),
  r('', 'events', 'event', 'Event', true, ['ev']),
  r('', 'limitranges', 'limitrange', 'LimitRange', true, ['limits']),
  r('', 'namespaces', 'namespace', 'Namespace', false, ['ns'], [], NO_COLLECTION_DELETE),
  r('', 'nodes', 'node', 'Node', false, ['no']),
  r('', 'persistentvolumeclaims', 'persistentvolumeclaim', 'PersistentVolumeClaim', true, ['pvc']),
  r('', 'persistentvolumes', 'persistentvolume', 'PersistentVolume', false, ['pv']),
  r('', 'pods', 'pod', 'Pod', true, ['po'], ['all']),
  r('', 'podtemplates', 'podtemplate', 'PodTemplate', true),
  r('', 'replicationcontrollers', 'replicationcontroller', 'ReplicationController', true, ['rc'], ['all']),
  r('', 'resourcequotas', 'resourcequota', 'ResourceQuota', true, ['quota']),
  r('', 'secrets', 'secret', 'Secret', true),
  r('', 'serviceaccounts', 'serviceaccount', 'ServiceAccount', true, ['sa']),
  r('', 'services', 'service', 'Service', true, ['svc'], ['all']),
  r('apps', 'controllerrevisions', 'controllerrevision', 'ControllerRevision', true),
  r('apps', 'daemonsets', 'daemonset', 'DaemonSet', true, ['ds'], ['all']),
  r('apps', 'deployments', 'deployment', 'Deployment', true, ['deploy'], ['all']),
  r('apps', 'replicasets', 'replicaset', 'ReplicaSet', true, ['rs'], ['all']),
  r('apps', 'statefulsets', 'statefulset', 'StatefulSet', true, ['sts'], ['all']),
  r('batch', 'cronjobs', 'cronjob', 'CronJob', true, ['cj'], ['all']),
  r('batch', 'jobs', 'job', 'Job', true, [], ['all']),
  r('kubeflow.org', 'pytorchjobs', 'pytorchjob', 'PyTorchJob', true, [], [], CRD_VERBS),
  r('kubeflow.org', 'tfjobs', 'tfjob', 'TFJob', true, [], [], CRD_VERBS),
];

/**
 * The discovery entry for a resource as kubectl's RESTMapper and shortcut expander accept it (plural, singular,
 * short name or kind, any case), optionally qualified by group or version.group. Undefined when unknown.
 */
export function apiResourceFor(name: string): ApiResource | undefined {
  const n = name.toLowerCase();
  const dot = n.indexOf('.');
  const base = dot < 0 ? n : n.slice(0, dot);
  const qualifier = dot < 0 ? null : n.slice(dot + 1);
  return API_RESOURCES.find(
    (a) =>
      (a.name === base || a.singularName === base || a.shortNames.includes(base) || a.kind.toLowerCase() === base) &&
      (qualifier === null || qualifier === a.group || qualifier === `${a.version}.${a.group}`),
  );
}

/** The simulated kind of a discovery entry, if the lab simulates it. */
export function simulatedKind(a: ApiResource): KindEntry | undefined {
  return KINDS.find((k) => k.resource === a.name && k.group === a.group);
}

/** `error: the lab does not simulate secrets` — for resources discovery lists but the lab does not store. */
export function notSimulatedText(a: ApiResource): string {
  return `error: ${a.group ? `${a.name}.${a.group}` : a.name} exist on a real cluster, but this lab does not simulate them (it simulates ${KINDS.map((k) => k.resource).join(', ')})`;
}
