// Pod and pod-template defaulting (pkg/apis/core/v1/defaults.go and the declarative +default
// tags of k8s.io/api/core/v1), plus what the Pod registry sets on create (status.phase/qosClass).
// Functions mutate the object they are given; callers pass a copy.

import { isObj, obj, objList, type Obj } from '../validate/rules/access.ts';
import {
  addQuantity, cmpQuantity, parseQuantityValue, quantitySign, quantityString, roundUp, type Quantity,
} from '../validate/rules/quantity.ts';
import { defaultPullPolicy } from './image.ts';

function setIfAbsent(o: Obj, k: string, v: unknown): void {
  if (o[k] === undefined || o[k] === null) o[k] = v;
}

/** A quantity as the server stores it: rounded up to milli precision for resource lists. */
function storedQuantity(v: unknown, roundToMilli: boolean): unknown {
  const r = parseQuantityValue(v);
  if (!r.ok) return v;
  return quantityString(roundToMilli ? roundUp(r.quantity, -3) : r.quantity);
}

function defaultResourceList(list: unknown): void {
  const m = obj(list);
  if (!m) return;
  for (const k of Object.keys(m)) m[k] = storedQuantity(m[k], true);
}

function defaultHTTPGet(h: unknown): void {
  const http = obj(h);
  if (!http) return;
  if (!http['path']) http['path'] = '/';
  if (!http['scheme']) http['scheme'] = 'HTTP';
}

function defaultProbe(p: unknown): void {
  const probe = obj(p);
  if (!probe) return;
  if (!probe['timeoutSeconds']) probe['timeoutSeconds'] = 1;
  if (!probe['periodSeconds']) probe['periodSeconds'] = 10;
  if (!probe['successThreshold']) probe['successThreshold'] = 1;
  if (!probe['failureThreshold']) probe['failureThreshold'] = 3;
  defaultHTTPGet(probe['httpGet']);
  const grpc = obj(probe['grpc']);
  if (grpc) setIfAbsent(grpc, 'service', '');
}

function defaultFieldRef(ref: unknown): void {
  const f = obj(ref);
  if (f && !f['apiVersion']) f['apiVersion'] = 'v1';
}

function defaultResourceFieldRef(ref: unknown): void {
  const f = obj(ref);
  if (f) f['divisor'] = f['divisor'] === undefined || f['divisor'] === null ? '0' : storedQuantity(f['divisor'], false);
}

function defaultContainer(c: Obj): void {
  if (!c['imagePullPolicy']) c['imagePullPolicy'] = defaultPullPolicy(typeof c['image'] === 'string' ? c['image'] : '');
  if (!c['terminationMessagePath']) c['terminationMessagePath'] = '/dev/termination-log';
  if (!c['terminationMessagePolicy']) c['terminationMessagePolicy'] = 'File';
  // a non-pointer struct without omitempty effect: always serialized
  setIfAbsent(c, 'resources', {});
  const resources = obj(c['resources'])!;
  defaultResourceList(resources['limits']);
  defaultResourceList(resources['requests']);
  for (const port of objList(c['ports'])) if (!port['protocol']) port['protocol'] = 'TCP';
  for (const ev of objList(c['env'])) {
    const from = obj(ev['valueFrom']);
    if (!from) continue;
    defaultFieldRef(from['fieldRef']);
    defaultResourceFieldRef(from['resourceFieldRef']);
  }
  defaultProbe(c['livenessProbe']);
  defaultProbe(c['readinessProbe']);
  defaultProbe(c['startupProbe']);
  const lifecycle = obj(c['lifecycle']);
  if (lifecycle) for (const hook of ['postStart', 'preStop']) defaultHTTPGet(obj(lifecycle[hook])?.['httpGet']);
}

function defaultDownwardItems(items: unknown): void {
  for (const item of objList(items)) {
    defaultFieldRef(item['fieldRef']);
    defaultResourceFieldRef(item['resourceFieldRef']);
  }
}

const VOLUME_SOURCES = [
  'hostPath', 'emptyDir', 'gcePersistentDisk', 'awsElasticBlockStore', 'gitRepo', 'secret', 'nfs', 'iscsi', 'glusterfs',
  'persistentVolumeClaim', 'rbd', 'flexVolume', 'cinder', 'cephfs', 'flocker', 'downwardAPI', 'fc', 'azureFile', 'configMap',
  'vsphereVolume', 'quobyte', 'azureDisk', 'photonPersistentDisk', 'projected', 'portworxVolume', 'scaleIO', 'storageos', 'csi',
  'ephemeral', 'image',
];

function defaultVolume(v: Obj): void {
  // a volume without any source becomes an emptyDir
  if (!VOLUME_SOURCES.some((s) => isObj(v[s]))) v['emptyDir'] = {};
  const emptyDir = obj(v['emptyDir']);
  if (emptyDir && emptyDir['sizeLimit'] !== undefined && emptyDir['sizeLimit'] !== null)
    emptyDir['sizeLimit'] = storedQuantity(emptyDir['sizeLimit'], false);
  for (const kind of ['secret', 'configMap', 'downwardAPI', 'projected']) {
    const src = obj(v[kind]);
    if (src) setIfAbsent(src, 'defaultMode', 420);
  }
  defaultDownwardItems(obj(v['downwardAPI'])?.['items']);
  for (const source of objList(obj(v['projected'])?.['sources'])) {
    const token = obj(source['serviceAccountToken']);
    if (token) setIfAbsent(token, 'expirationSeconds', 3600);
    defaultDownwardItems(obj(source['downwardAPI'])?.['items']);
  }
  const hostPath = obj(v['hostPath']);
  if (hostPath) setIfAbsent(hostPath, 'type', '');
  const iscsi = obj(v['iscsi']);
  if (iscsi) setIfAbsent(iscsi, 'iscsiInterface', 'default');
  const rbd = obj(v['rbd']);
  if (rbd) {
    setIfAbsent(rbd, 'pool', 'rbd');
    setIfAbsent(rbd, 'user', 'admin');
    setIfAbsent(rbd, 'keyring', '/etc/ceph/keyring');
  }
  const azureDisk = obj(v['azureDisk']);
  if (azureDisk) {
    setIfAbsent(azureDisk, 'cachingMode', 'ReadWrite');
    setIfAbsent(azureDisk, 'fsType', 'ext4');
    setIfAbsent(azureDisk, 'readOnly', false);
    setIfAbsent(azureDisk, 'kind', 'Shared');
  }
  const scaleIO = obj(v['scaleIO']);
  if (scaleIO) {
    setIfAbsent(scaleIO, 'fsType', 'xfs');
    setIfAbsent(scaleIO, 'storageMode', 'ThinProvisioned');
  }
  const claimSpec = obj(obj(obj(v['ephemeral'])?.['volumeClaimTemplate'])?.['spec']);
  if (claimSpec) {
    setIfAbsent(claimSpec, 'volumeMode', 'Filesystem');
    const res = obj(claimSpec['resources']);
    if (res) {
      defaultResourceList(res['limits']);
      defaultResourceList(res['requests']);
    }
  }
}

/** SetDefaults_PodSpec and the defaults of everything nested in a pod spec. */
export function defaultPodSpec(spec: Obj): void {
  if (!spec['dnsPolicy']) spec['dnsPolicy'] = 'ClusterFirst';
  if (!spec['restartPolicy']) spec['restartPolicy'] = 'Always';
  setIfAbsent(spec, 'securityContext', {});
  setIfAbsent(spec, 'terminationGracePeriodSeconds', 30);
  if (!spec['schedulerName']) spec['schedulerName'] = 'default-scheduler';
  for (const v of objList(spec['volumes'])) defaultVolume(v);
  for (const kind of ['initContainers', 'containers', 'ephemeralContainers'])
    for (const c of objList(spec[kind])) defaultContainer(c);
  defaultResourceList(spec['overhead']);
  const podResources = obj(spec['resources']);
  if (podResources) {
    defaultResourceList(podResources['limits']);
    defaultResourceList(podResources['requests']);
  }
}

/** SetDefaults_Pod: only for Pods, not for templates inside controllers. */
function defaultPodOnly(spec: Obj): void {
  for (const kind of ['containers', 'initContainers']) {
    for (const c of objList(spec[kind])) {
      const resources = obj(c['resources']);
      const limits = obj(resources?.['limits']);
      if (!resources || !limits) continue;
      const requests = obj(resources['requests']) ?? (resources['requests'] = {});
      for (const [k, v] of Object.entries(limits)) if (!(k in requests)) requests[k] = v;
    }
  }
  setIfAbsent(spec, 'enableServiceLinks', true);
  if (spec['hostNetwork'] === true)
    for (const kind of ['containers', 'initContainers'])
      for (const c of objList(spec[kind])) for (const port of objList(c['ports'])) if (!port['hostPort']) port['hostPort'] = port['containerPort'];
}

/** qos.ComputePodQOS from container requests and limits (pod-level resources not considered). */
export function computeQOSClass(spec: Obj): 'Guaranteed' | 'Burstable' | 'BestEffort' {
  const requests = new Map<string, Quantity>();
  const limits = new Map<string, Quantity>();
  let guaranteed = true;
  for (const c of [...objList(spec['containers']), ...objList(spec['initContainers'])]) {
    const res = obj(c['resources']) ?? {};
    const found = new Set<string>();
    for (const [target, source, isLimit] of [[requests, res['requests'], false], [limits, res['limits'], true]] as const) {
      for (const [name, v] of Object.entries(obj(source) ?? {})) {
        if (name !== 'cpu' && name !== 'memory') continue;
        const q = parseQuantityValue(v);
        if (!q.ok || quantitySign(q.quantity) <= 0) continue;
        if (isLimit) found.add(name);
        const prev = target.get(name);
        target.set(name, prev ? addQuantity(prev, q.quantity) : q.quantity);
      }
    }
    if (!found.has('cpu') || !found.has('memory')) guaranteed = false;
  }
  if (requests.size === 0 && limits.size === 0) return 'BestEffort';
  if (guaranteed)
    for (const [name, req] of requests) {
      const lim = limits.get(name);
      if (!lim || cmpQuantity(lim, req) !== 0) {
        guaranteed = false;
        break;
      }
    }
  return guaranteed && requests.size === limits.size ? 'Guaranteed' : 'Burstable';
}

/** Defaults of a Pod object, and the status the Pod registry sets on create. */
export function defaultPod(pod: Obj): void {
  const spec = obj(pod['spec']) ?? (pod['spec'] = {});
  defaultPodOnly(spec);
  defaultPodSpec(spec);
  pod['status'] = { phase: 'Pending', qosClass: computeQOSClass(spec) };
}

/** Defaults of a pod template (PodTemplateSpec) inside a controller. */
export function defaultPodTemplate(template: unknown): void {
  const t = obj(template);
  if (!t) return;
  const spec = obj(t['spec']) ?? (t['spec'] = {});
  defaultPodSpec(spec);
}

