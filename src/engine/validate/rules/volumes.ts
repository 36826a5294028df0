// Pod volumes, volume mounts and volume devices (core validation.go ValidateVolumes,
// validateVolumeSource, ValidateVolumeMounts, ValidateVolumeDevices).
// Common sources are checked in full; rarer cloud/legacy sources are only counted for the
// one-source rule, and their own fields are left to the schema check.

import { forbidden, invalid, notFound, notSupported, required, duplicate, type FieldError, type FieldPath } from '../field.ts';
import { isDNS1123Label } from './formats.ts';
import { child, isObj, key, list, obj, objList, optNum, optStr, orderedJSON, str, type Obj } from './access.ts';
import { validateLocalDescendingPath, validateLocalNonReservedPath, validatePathNoBacksteps } from './paths.ts';
import { parseQuantityValue, quantitySign } from './quantity.ts';
import { validateContainerResourceFieldSelector, validateObjectFieldSelector } from './env.ts';

/** Volume sources in the order validateVolumeSource checks them, with the path segment its
 * "may not specify more than 1 volume type" error uses (two are misspelt upstream). */
const SOURCES: [json: string, forbiddenSeg: string][] = [
  ['emptyDir', 'emptyDir'], ['hostPath', 'hostPath'], ['gitRepo', 'gitRepo'], ['gcePersistentDisk', 'gcePersistentDisk'],
  ['awsElasticBlockStore', 'awsElasticBlockStore'], ['secret', 'secret'], ['nfs', 'nfs'], ['iscsi', 'iscsi'],
  ['glusterfs', 'glusterfs'], ['flocker', 'flocker'], ['persistentVolumeClaim', 'persistentVolumeClaim'], ['rbd', 'rbd'],
  ['cinder', 'cinder'], ['cephfs', 'cephFS'], ['quobyte', 'quobyte'], ['downwardAPI', 'downwarAPI'], ['fc', 'fc'],
  ['flexVolume', 'flexVolume'], ['configMap', 'configMap'], ['azureFile', 'azureFile'], ['vsphereVolume', 'vsphereVolume'],
  ['photonPersistentDisk', 'photonPersistentDisk'], ['portworxVolume', 'portworxVolume'], ['azureDisk', 'azureDisk'],
  ['storageos', 'storageos'], ['projected', 'projected'], ['scaleIO', 'scaleIO'], ['csi', 'csi'], ['ephemeral', 'ephemeral'],
  ['image', 'image'],
];

const FILE_MODE_MSG = 'must be a number between 0 and 0777 (octal), both inclusive';
const PARTITION_MSG = 'must be between 1 and 255, inclusive';

function validateMode(v: unknown, path: FieldPath): FieldError[] {
  const mode = optNum(v);
  return mode !== undefined && (mode > 0o777 || mode < 0) ? [invalid(path, mode, FILE_MODE_MSG)] : [];
}

function validateKeyToPath(kp: Obj, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (str(kp['key']) === '') errs.push(required(child(path, 'key')));
  if (str(kp['path']) === '') errs.push(required(child(path, 'path')));
  errs.push(...validateLocalNonReservedPath(str(kp['path']), child(path, 'path')));
  errs.push(...validateMode(kp['mode'], child(path, 'mode')));
  return errs;
}

const VOLUME_FIELD_PATHS = new Set(['metadata.annotations', 'metadata.labels', 'metadata.name', 'metadata.namespace', 'metadata.uid']);

function validateDownwardAPIFile(file: Obj, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (str(file['path']) === '') errs.push(required(child(path, 'path')));
  errs.push(...validateLocalNonReservedPath(str(file['path']), child(path, 'path')));
  if (isObj(file['fieldRef'])) {
    errs.push(...validateObjectFieldSelector(file['fieldRef'], VOLUME_FIELD_PATHS, child(path, 'fieldRef')));
    if (isObj(file['resourceFieldRef']))
      errs.push(invalid(path, 'resource', 'fieldRef and resourceFieldRef can not be specified simultaneously'));
  } else if (isObj(file['resourceFieldRef'])) {
    errs.push(...validateContainerResourceFieldSelector(file['resourceFieldRef'], child(path, 'resourceFieldRef'), true));
  } else {
    errs.push(required(path, 'one of fieldRef and resourceFieldRef is required'));
  }
  errs.push(...validateMode(file['mode'], child(path, 'mode')));
  return errs;
}

function validateProjected(src: Obj, path: FieldPath): FieldError[] {
  const errs = validateMode(src['defaultMode'], child(path, 'defaultMode'));
  const allPaths = new Set<string>();
  objList(src['sources']).forEach((source, i) => {
    let count = 0;
    const srcPath = child(path, 'sources', i);
    for (const kind of ['secret', 'configMap'] as const) {
      const s = obj(source[kind]);
      if (!s) continue;
      count++;
      const projPath = child(srcPath, kind);
      if (str(s['name']) === '') errs.push(required(child(projPath, 'name')));
      objList(s['items']).forEach((kp, j) => {
        errs.push(...validateKeyToPath(kp, child(projPath, 'items', j)));
        const p = str(kp['path']);
        if (p.length > 0) {
          if (allPaths.has(p)) errs.push(invalid(path, str(s['name']), 'conflicting duplicate paths'));
          else allPaths.add(p);
        }
      });
    }
    const dapi = obj(source['downwardAPI']);
    if (dapi) {
      count++;
      for (const file of objList(dapi['items'])) {
        errs.push(...validateDownwardAPIFile(file, child(srcPath, 'downwardAPI')));
        const p = str(file['path']);
        if (p.length > 0) {
          if (allPaths.has(p)) errs.push(invalid(path, p, 'conflicting duplicate paths'));
          else allPaths.add(p);
        }
      }
    }
    const token = obj(source['serviceAccountToken']);
    if (token) {
      count++;
      const projPath = child(srcPath, 'serviceAccountToken');
      const exp = optNum(token['expirationSeconds']) ?? 3600;
      if (exp < 600) errs.push(invalid(child(projPath, 'expirationSeconds'), exp, 'may not specify a duration less than 10 minutes'));
      if (exp > 2 ** 32) errs.push(invalid(child(projPath, 'expirationSeconds'), exp, 'may not specify a duration larger than 2^32 seconds'));
      if (str(token['path']) === '') errs.push(required(child(path, 'path')));
      else errs.push(...validateLocalNonReservedPath(str(token['path']), child(path, 'path')));
    }
    if (isObj(source['clusterTrustBundle'])) count++;
    if (isObj(source['podCertificate'])) count++;
    if (count > 1) errs.push(forbidden(srcPath, 'may not specify more than 1 volume type per source'));
  });
  return errs;
}

const HOST_PATH_TYPES = ['', 'BlockDevice', 'CharDevice', 'Directory', 'DirectoryOrCreate', 'File', 'FileOrCreate', 'Socket'];

/** The checks of one source kind; `path` is the source's own path. */
function validateSourceFields(kind: string, src: Obj, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  switch (kind) {
    case 'emptyDir': {
      const limit = src['sizeLimit'];
      if (limit !== undefined && limit !== null) {
        const q = parseQuantityValue(limit);
        if (q.ok && quantitySign(q.quantity) < 0)
          errs.push(forbidden(child(path, 'sizeLimit'), 'SizeLimit field must be a valid resource quantity'));
      }
      break;
    }
    case 'hostPath': {
      const p = str(src['path']);
      if (p === '') return [required(child(path, 'path'))];
      errs.push(...validatePathNoBacksteps(p, child(path, 'path')));
      const t = optStr(src['type']);
      if (t !== undefined && !HOST_PATH_TYPES.includes(t)) errs.push(notSupported(child(path, 'type'), orderedJSON(t), HOST_PATH_TYPES));
      break;
    }
    case 'gitRepo':
      if (str(src['repository']) === '') errs.push(required(child(path, 'repository')));
      errs.push(...validateLocalDescendingPath(str(src['directory']), child(path, 'directory')));
      break;
    case 'gcePersistentDisk':
    case 'awsElasticBlockStore': {
      // upstream names the GCE path "persistentDisk"
      const p = kind === 'gcePersistentDisk' ? child(path.slice(0, -1), 'persistentDisk') : path;
      const idField = kind === 'gcePersistentDisk' ? 'pdName' : 'volumeID';
      if (str(src[idField]) === '') errs.push(required(child(p, idField)));
      const partition = optNum(src['partition']) ?? 0;
      if (partition < 0 || partition > 255) errs.push(invalid(child(p, 'partition'), partition, PARTITION_MSG));
      break;
    }
    case 'secret':
    case 'configMap':
      if (str(src[kind === 'secret' ? 'secretName' : 'name']) === '') errs.push(required(child(path, kind === 'secret' ? 'secretName' : 'name')));
      errs.push(...validateMode(src['defaultMode'], child(path, 'defaultMode')));
      objList(src['items']).forEach((kp, i) => errs.push(...validateKeyToPath(kp, child(path, 'items', i))));
      break;
    case 'nfs': {
      if (str(src['server']) === '') errs.push(required(child(path, 'server')));
      const p = str(src['path']);
      if (p === '') errs.push(required(child(path, 'path')));
      if (!p.startsWith('/')) errs.push(invalid(child(path, 'path'), p, 'must be an absolute path'));
      break;
    }
    case 'glusterfs':
      if (str(src['endpoints']) === '') errs.push(required(child(path, 'endpoints')));
      if (str(src['path']) === '') errs.push(required(child(path, 'path')));
      break;
    case 'persistentVolumeClaim':
      if (str(src['claimName']) === '') errs.push(required(child(path, 'claimName')));
      break;
    case 'rbd':
      if (list(src['monitors']).length === 0) errs.push(required(child(path, 'monitors')));
      if (str(src['image']) === '') errs.push(required(child(path, 'image')));
      break;
    case 'cinder':
      if (str(src['volumeID']) === '') errs.push(required(child(path, 'volumeID')));
      if (isObj(src['secretRef']) && str(src['secretRef']['name']) === '') errs.push(required(child(path, 'secretRef', 'name')));
      break;
    case 'cephfs':
      if (list(src['monitors']).length === 0) errs.push(required(child(path, 'monitors')));
      break;
    case 'downwardAPI':
      errs.push(...validateMode(src['defaultMode'], child(path, 'defaultMode')));
      for (const file of objList(src['items'])) errs.push(...validateDownwardAPIFile(file, path));
      break;
    case 'flexVolume':
      if (str(src['driver']) === '') errs.push(required(child(path, 'driver')));
      for (const k of Object.keys(obj(src['options']) ?? {})) {
        const ns = k.includes('/') ? k.slice(0, k.indexOf('/')) : k;
        const normalized = `.${ns.toLowerCase()}`;
        if (normalized.endsWith('.kubernetes.io') || normalized.endsWith('.k8s.io'))
          errs.push(invalid(child(path, 'options', key(k)), k, 'kubernetes.io and k8s.io namespaces are reserved'));
      }
      break;
    case 'azureFile':
      if (str(src['secretName']) === '') errs.push(required(child(path, 'secretName')));
      if (str(src['shareName']) === '') errs.push(required(child(path, 'shareName')));
      break;
    case 'projected':
      errs.push(...validateProjected(src, path));
      break;
    default:
      break;
  }
  return errs;
}

export interface VolumeSet {
  /** Volumes that passed, by name, with their source kind. */
  readonly byName: Map<string, string>;
  readonly errors: FieldError[];
}

export function validateVolumes(volumes: unknown, path: FieldPath): VolumeSet {
  const errors: FieldError[] = [];
  const byName = new Map<string, string>();
  objList(volumes).forEach((vol, i) => {
    const idxPath = child(path, i);
    const el: FieldError[] = [];
    let count = 0;
    let kind = '';
    for (const [json, forbiddenSeg] of SOURCES) {
      const src = obj(vol[json]);
      if (!src) continue;
      if (count > 0) {
        el.push(forbidden(child(idxPath, forbiddenSeg), 'may not specify more than 1 volume type'));
        continue;
      }
      count++;
      kind = json;
      el.push(...validateSourceFields(json, src, child(idxPath, json === 'cephfs' ? 'cephfs' : json)));
    }
    if (count === 0) el.push(required(idxPath, 'must specify a volume type'));
    const name = str(vol['name']);
    if (name === '') el.push(required(child(idxPath, 'name')));
    else el.push(...isDNS1123Label(name).map((m) => invalid(child(idxPath, 'name'), name, m)));
    if (byName.has(name)) el.push(duplicate(child(idxPath, 'name'), name));
    if (el.length === 0) byName.set(name, kind);
    else errors.push(...el);
  });
  return { byName, errors };
}

const PROPAGATIONS = ['Bidirectional', 'HostToContainer', 'None'];

export function validateVolumeMounts(container: Obj, volumes: VolumeSet, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const mountPoints = new Set<string>();
  const devices = new Map(objList(container['volumeDevices']).map((d) => [str(d['name']), str(d['devicePath'])]));
  const privileged = obj(container['securityContext'])?.['privileged'] === true;
  objList(container['volumeMounts']).forEach((mnt, i) => {
    const idxPath = child(path, i);
    const name = str(mnt['name']);
    const mountPath = str(mnt['mountPath']);
    if (name === '') errs.push(required(child(idxPath, 'name')));
    if (!volumes.byName.has(name)) errs.push(notFound(child(idxPath, 'name'), name));
    if (mountPath === '') errs.push(required(child(idxPath, 'mountPath')));
    if (mountPoints.has(mountPath)) errs.push(invalid(child(idxPath, 'mountPath'), mountPath, 'must be unique'));
    mountPoints.add(mountPath);
    if (devices.has(name)) errs.push(invalid(child(idxPath, 'name'), name, 'must not already exist in volumeDevices'));
    if ([...devices.values()].includes(mountPath))
      errs.push(invalid(child(idxPath, 'mountPath'), mountPath, 'must not already exist as a path in volumeDevices'));
    const subPath = str(mnt['subPath']);
    const subPathExpr = str(mnt['subPathExpr']);
    if (volumes.byName.get(name) === 'image') {
      if (subPath !== '') errs.push(invalid(child(idxPath, 'subPath'), subPath, 'not allowed in image volume sources'));
      if (subPathExpr !== '') errs.push(invalid(child(idxPath, 'subPathExpr'), subPathExpr, 'not allowed in image volume sources'));
    }
    // upstream reports sub-path problems without the list index
    if (subPath !== '') errs.push(...validateLocalDescendingPath(subPath, child(path, 'subPath')));
    if (subPathExpr !== '') {
      if (subPath !== '') errs.push(invalid(child(idxPath, 'subPathExpr'), subPathExpr, 'subPathExpr and subPath are mutually exclusive'));
      errs.push(...validateLocalDescendingPath(subPathExpr, child(path, 'subPathExpr')));
    }
    const propagation = optStr(mnt['mountPropagation']);
    if (propagation !== undefined) {
      const p = child(path, 'mountPropagation');
      if (!PROPAGATIONS.includes(propagation)) errs.push(notSupported(p, orderedJSON(propagation), PROPAGATIONS));
      if (propagation === 'Bidirectional' && !privileged)
        errs.push(forbidden(p, 'Bidirectional mount propagation is available only to privileged containers'));
    }
    const rro = optStr(mnt['recursiveReadOnly']);
    if (rro !== undefined && rro !== 'Disabled') {
      const p = child(path, 'recursiveReadOnly');
      if (rro === 'Enabled' || rro === 'IfPossible') {
        if (mnt['readOnly'] !== true) errs.push(forbidden(p, 'may only be specified when readOnly is true'));
        if (propagation !== undefined && propagation !== 'None')
          errs.push(forbidden(p, 'may only be specified when mountPropagation is None or not specified'));
      } else errs.push(notSupported(p, orderedJSON(rro), ['Disabled', 'Enabled', 'IfPossible']));
    }
  });
  return errs;
}

export function validateVolumeDevices(container: Obj, volumes: VolumeSet, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const devicePaths = new Set<string>();
  const deviceNames = new Set<string>();
  const mounts = new Map(objList(container['volumeMounts']).map((m) => [str(m['name']), str(m['mountPath'])]));
  objList(container['volumeDevices']).forEach((dev, i) => {
    const idxPath = child(path, i);
    const name = str(dev['name']);
    const devPath = str(dev['devicePath']);
    const kind = volumes.byName.get(name);
    const isPVC = kind === 'persistentVolumeClaim' || kind === 'ephemeral';
    if (name === '') errs.push(required(child(idxPath, 'name')));
    if (deviceNames.has(name)) errs.push(invalid(child(idxPath, 'name'), name, 'must be unique'));
    if (kind !== undefined && !isPVC)
      errs.push(invalid(child(idxPath, 'name'), name, 'can only use volume source type of PersistentVolumeClaim or Ephemeral for block mode'));
    if (kind === undefined) errs.push(notFound(child(idxPath, 'name'), name));
    if (devPath === '') errs.push(required(child(idxPath, 'devicePath')));
    if (devicePaths.has(devPath)) errs.push(invalid(child(idxPath, 'devicePath'), devPath, 'must be unique'));
    if (devPath !== '' && devPath.split('/').includes('..'))
      errs.push(invalid(child(idxPath, 'devicePath'), devPath, "can not contain backsteps ('..')"));
    else devicePaths.add(devPath);
    if (mounts.has(name)) errs.push(invalid(child(idxPath, 'name'), name, 'must not already exist in volumeMounts'));
    if ([...mounts.values()].includes(devPath))
      errs.push(invalid(child(idxPath, 'devicePath'), devPath, 'must not already exist as a path in volumeMounts'));
    if (name !== '') deviceNames.add(name);
  });
  return errs;
}

