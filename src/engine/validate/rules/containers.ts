// Regular and init containers (core validation.go validateContainerCommon, validateContainers,
// validateInitContainers, validateContainerPorts, validateResizePolicy, AccumulateUniqueHostPorts).

import { duplicate, forbidden, invalid, notSupported, required, type FieldError, type FieldPath } from '../field.ts';
import { isDNS1123Label, isValidPortName, isValidPortNum } from './formats.ts';
import { child, objList, optStr, orderedJSON, str, type Obj } from './access.ts';
import { validateEnv, validateEnvFrom } from './env.ts';
import { validateLifecycle, validateProbes } from './probes.ts';
import { validateContainerResources } from './resources.ts';
import { validateContainerSecurityContext } from './security.ts';
import { validateVolumeDevices, validateVolumeMounts, type VolumeSet } from './volumes.ts';

export interface ContainerContext {
  readonly volumes: VolumeSet;
  readonly podClaimNames: Set<string>;
  readonly gracePeriod: number | undefined;
  readonly podRestartPolicy: string;
  readonly hostUsers: boolean;
}

const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];

function validatePorts(ports: unknown, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  objList(ports).forEach((port, i) => {
    const idxPath = child(path, i);
    const name = str(port['name']);
    if (name.length > 0) {
      const msgs = isValidPortName(name);
      if (msgs.length) for (const m of msgs) errs.push(invalid(child(idxPath, 'name'), name, m));
      else if (names.has(name)) errs.push(duplicate(child(idxPath, 'name'), name));
      else names.add(name);
    }
    const containerPort = typeof port['containerPort'] === 'number' ? port['containerPort'] : 0;
    if (containerPort === 0) errs.push(required(child(idxPath, 'containerPort')));
    else for (const m of isValidPortNum(containerPort)) errs.push(invalid(child(idxPath, 'containerPort'), containerPort, m));
    const hostPort = typeof port['hostPort'] === 'number' ? port['hostPort'] : 0;
    if (hostPort !== 0) for (const m of isValidPortNum(hostPort)) errs.push(invalid(child(idxPath, 'hostPort'), hostPort, m));
    const protocol = str(port['protocol']);
    if (protocol === '') errs.push(required(child(idxPath, 'protocol')));
    else if (!PROTOCOLS.includes(protocol)) errs.push(notSupported(child(idxPath, 'protocol'), orderedJSON(protocol), PROTOCOLS));
  });
  return errs;
}

function validateResizePolicy(policies: unknown, path: FieldPath, podRestartPolicy: string): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  objList(policies).forEach((p, i) => {
    const name = str(p['resourceName']);
    const policy = str(p['restartPolicy']);
    if (seen.has(name)) errs.push(duplicate(child(path, i), orderedJSON(name)));
    seen.add(name);
    if (name === '') errs.push(required(path));
    else if (name !== 'cpu' && name !== 'memory') errs.push(notSupported(path, orderedJSON(name), ['cpu', 'memory']));
    if (policy === '') errs.push(required(path));
    else if (policy !== 'NotRequired' && policy !== 'RestartContainer')
      errs.push(notSupported(path, orderedJSON(policy), ['NotRequired', 'RestartContainer']));
    if (podRestartPolicy === 'Never' && policy !== 'NotRequired')
      errs.push(invalid(path, orderedJSON(policy), "must be 'NotRequired' when `restartPolicy` is 'Never'"));
  });
  return errs;
}

function validateContainerCommon(ctr: Obj, ctx: ContainerContext, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const name = str(ctr['name']);
  if (name === '') errs.push(required(child(path, 'name')));
  else for (const m of isDNS1123Label(name)) errs.push(invalid(child(path, 'name'), name, m));
  if (str(ctr['image']) === '') errs.push(required(child(path, 'image')));
  const tmp = str(ctr['terminationMessagePolicy']);
  if (tmp === '') errs.push(required(child(path, 'terminationMessagePolicy')));
  else if (tmp !== 'File' && tmp !== 'FallbackToLogsOnError')
    errs.push(notSupported(child(path, 'terminationMessagePolicy'), orderedJSON(tmp), ['File', 'FallbackToLogsOnError']));
  errs.push(...validatePorts(ctr['ports'], child(path, 'ports')));
  errs.push(...validateEnv(ctr['env'], child(path, 'env')));
  errs.push(...validateEnvFrom(ctr['envFrom'], child(path, 'envFrom')));
  errs.push(...validateVolumeMounts(ctr, ctx.volumes, child(path, 'volumeMounts')));
  errs.push(...validateVolumeDevices(ctr, ctx.volumes, child(path, 'volumeDevices')));
  const pull = str(ctr['imagePullPolicy']);
  if (pull === '') errs.push(required(child(path, 'imagePullPolicy')));
  else if (!['Always', 'IfNotPresent', 'Never'].includes(pull))
    errs.push(notSupported(child(path, 'imagePullPolicy'), orderedJSON(pull), ['Always', 'IfNotPresent', 'Never']));
  errs.push(...validateContainerResources(ctr['resources'], ctx.podClaimNames, child(path, 'resources')));
  errs.push(...validateResizePolicy(ctr['resizePolicy'], child(path, 'resizePolicy'), ctx.podRestartPolicy));
  errs.push(...validateContainerSecurityContext(ctr['securityContext'], child(path, 'securityContext'), ctx.hostUsers));
  return errs;
}

/** Host ports must be unique per protocol/IP; `path` is the list the containers come from. */
function accumulateHostPorts(containers: Obj[], seen: Set<string>, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  containers.forEach((ctr, ci) => {
    objList(ctr['ports']).forEach((port, pi) => {
      const hostPort = typeof port['hostPort'] === 'number' ? port['hostPort'] : 0;
      if (hostPort === 0) return;
      const k = `${str(port['protocol'])}/${str(port['hostIP'])}/${hostPort}`;
      if (seen.has(k)) errs.push(duplicate(child(path, ci, 'ports', pi, 'hostPort'), k));
      else seen.add(k);
    });
  });
  return errs;
}

export function validateContainers(containers: unknown, ctx: ContainerContext, path: FieldPath): FieldError[] {
  const ctrs = objList(containers);
  if (ctrs.length === 0) return [required(path)];
  const errs: FieldError[] = [];
  const names = new Set<string>();
  ctrs.forEach((ctr, i) => {
    const p = child(path, i);
    errs.push(...validateContainerCommon(ctr, ctx, p));
    const name = str(ctr['name']);
    if (names.has(name)) errs.push(duplicate(child(p, 'name'), name));
    else names.add(name);
    if (ctr['lifecycle'] !== undefined && ctr['lifecycle'] !== null)
      errs.push(...validateLifecycle(ctr['lifecycle'], ctx.gracePeriod, child(p, 'lifecycle')));
    errs.push(...validateProbes(ctr, ctx.gracePeriod, p));
    if (optStr(ctr['restartPolicy']) !== undefined) errs.push(forbidden(child(p, 'restartPolicy'), 'may not be set for non-init containers'));
  });
  errs.push(...accumulateHostPorts(ctrs, new Set(), path));
  return errs;
}

export function validateInitContainers(initContainers: unknown, regular: unknown, ctx: ContainerContext, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set(objList(regular).map((c) => str(c['name'])));
  objList(initContainers).forEach((ctr, i) => {
    const p = child(path, i);
    errs.push(...validateContainerCommon(ctr, ctx, p));
    const restartPolicy = optStr(ctr['restartPolicy']);
    if (restartPolicy !== undefined && restartPolicy !== 'Always')
      errs.push(notSupported(child(p, 'restartPolicy'), orderedJSON(restartPolicy), ['Always']));
    const restartAlways = restartPolicy === 'Always';
    const name = str(ctr['name']);
    if (names.has(name)) errs.push(duplicate(child(p, 'name'), name));
    else if (name.length > 0) names.add(name);
    // init containers run one by one, so host ports only clash within one; upstream always
    // reports these at index 0
    errs.push(...accumulateHostPorts([ctr], new Set(), path));
    if (restartAlways) {
      if (ctr['lifecycle'] !== undefined && ctr['lifecycle'] !== null)
        errs.push(...validateLifecycle(ctr['lifecycle'], ctx.gracePeriod, child(p, 'lifecycle')));
      errs.push(...validateProbes(ctr, ctx.gracePeriod, p));
    } else {
      for (const f of ['lifecycle', 'livenessProbe', 'readinessProbe', 'startupProbe'])
        if (ctr[f] !== undefined && ctr[f] !== null)
          errs.push(forbidden(child(p, f), 'may not be set for init containers without restartPolicy=Always'));
    }
  });
  return errs;
}

/** Pod-only check (not for templates): the image may not have surrounding whitespace. */
export function validateContainersOnlyForPod(containers: unknown, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  objList(containers).forEach((ctr, i) => {
    const image = str(ctr['image']);
    if (image.length !== image.trim().length)
      errs.push(invalid(child(path, i, 'image'), image, 'must not have leading or trailing whitespace'));
  });
  return errs;
}

export function containerNames(spec: Obj): Set<string> {
  return new Set([...objList(spec['containers']), ...objList(spec['initContainers'])].map((c) => str(c['name'])));
}

