// ValidatePodSpec and ValidatePodTemplateSpec (core validation.go), in upstream order.
// Not checked here: pod-level resources (spec.resources), resourceClaims contents, Windows
// hostProcess rules, windowsOptions contents and ephemeral-volume claim templates.

import { forbidden, invalid, notSupported, required, type FieldError, type FieldPath } from '../field.ts';
import { inclusiveRangeError, isDNS1123Label, nameIsDNSSubdomain } from './formats.ts';
import { child, isObj, key, list, obj, objList, optNum, optStr, orderedJSON, str, strMap, type Obj } from './access.ts';
import { validateAnnotations, validateLabels } from './meta.ts';
import { validateContainers, validateInitContainers, type ContainerContext } from './containers.ts';
import { validateVolumes } from './volumes.ts';
import { validateOSSpecific, validatePodSecurityContext } from './security.ts';
import {
  validateAffinity, validateDNSConfig, validateHostAliases, validateReadinessGates, validateSchedulingGates,
  validateTolerations, validateTopologySpreadConstraints,
} from './scheduling.ts';
import { validateContainerResources } from './resources.ts';
import { validateLocalDescendingPath } from './paths.ts';

export interface PodValidationOptions {
  /** The spec belongs to a Pod (not a template inside a controller). */
  readonly resourceIsPod: boolean;
}

function validateRestartPolicy(policy: string, path: FieldPath): FieldError[] {
  if (policy === 'Always' || policy === 'OnFailure' || policy === 'Never') return [];
  if (policy === '') return [required(path)];
  return [notSupported(path, orderedJSON(policy), ['Always', 'OnFailure', 'Never'])];
}

function validateDNSPolicy(policy: string, path: FieldPath): FieldError[] {
  const valid = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'];
  if (valid.includes(policy)) return [];
  if (policy === '') return [required(path)];
  return [notSupported(path, orderedJSON(policy), valid)];
}

/** Every container with its path, init containers first (podshelper.VisitContainersWithPath). */
function containersWithPaths(spec: Obj, path: FieldPath): [Obj, FieldPath][] {
  return [
    ...objList(spec['initContainers']).map((c, i): [Obj, FieldPath] => [c, child(path, 'initContainers', i)]),
    ...objList(spec['containers']).map((c, i): [Obj, FieldPath] => [c, child(path, 'containers', i)]),
  ];
}

export function validatePodSpec(spec: Obj, path: FieldPath, opts: PodValidationOptions): FieldError[] {
  const errs: FieldError[] = [];
  const gracePeriod = optNum(spec['terminationGracePeriodSeconds']);
  if (gracePeriod === undefined) errs.push(required(child(path, 'terminationGracePeriodSeconds')));
  const hostUsers = spec['hostUsers'] !== false;
  const volumes = validateVolumes(spec['volumes'], child(path, 'volumes'));
  errs.push(...volumes.errors);
  const podClaimNames = new Set(objList(spec['resourceClaims']).map((c) => str(c['name'])).filter((n) => n !== ''));
  const ctx: ContainerContext = {
    volumes,
    podClaimNames,
    gracePeriod,
    podRestartPolicy: str(spec['restartPolicy']),
    hostUsers,
  };
  errs.push(...validateContainers(spec['containers'], ctx, child(path, 'containers')));
  errs.push(...validateInitContainers(spec['initContainers'], spec['containers'], ctx, child(path, 'initContainers')));

  if (spec['hostNetwork'] === true) {
    objList(spec['containers']).forEach((c, i) => {
      objList(c['ports']).forEach((port, j) => {
        const hp = optNum(port['hostPort']) ?? 0;
        const cp = optNum(port['containerPort']) ?? 0;
        if ((opts.resourceIsPod || hp !== 0) && hp !== cp)
          errs.push(invalid(child(path, 'containers', i, 'ports', j, 'hostPort'), hp, 'must match `containerPort` when `hostNetwork` is true'));
      });
    });
  }
  errs.push(...validateRestartPolicy(str(spec['restartPolicy']), child(path, 'restartPolicy')));
  errs.push(...validateDNSPolicy(str(spec['dnsPolicy']), child(path, 'dnsPolicy')));
  errs.push(...validateLabels(spec['nodeSelector'], child(path, 'nodeSelector')));
  errs.push(...validatePodSecurityContext(spec, child(path, 'securityContext')));
  objList(spec['imagePullSecrets']).forEach((s, i) => {
    const extra = Object.keys(s).filter((k) => k !== 'name');
    if (extra.length) errs.push(invalid(child(path, 'imagePullSecrets', i), orderedJSON({ Name: str(s['name']) }), 'only name may be set'));
  });
  errs.push(...validateAffinity(spec['affinity'], child(path, 'affinity')));
  errs.push(...validateDNSConfig(spec, child(path, 'dnsConfig')));
  errs.push(...validateReadinessGates(spec['readinessGates'], child(path, 'readinessGates')));
  errs.push(...validateSchedulingGates(spec['schedulingGates'], child(path, 'schedulingGates')));
  errs.push(...validateTopologySpreadConstraints(spec['topologySpreadConstraints'], child(path, 'topologySpreadConstraints')));
  if (spec['hostUsers'] === false) {
    if (spec['hostNetwork'] === true) errs.push(forbidden(child(path, 'hostNetwork'), 'when `pod.Spec.HostUsers` is false'));
    if (spec['hostPID'] === true) errs.push(forbidden(child(path, 'HostPID'), 'when `pod.Spec.HostUsers` is false'));
    if (spec['hostIPC'] === true) errs.push(forbidden(child(path, 'HostIPC'), 'when `pod.Spec.HostUsers` is false'));
  }
  for (const f of ['serviceAccountName', 'nodeName'] as const) {
    const v = str(spec[f]);
    if (v.length > 0) for (const m of nameIsDNSSubdomain(v, false)) errs.push(invalid(child(path, f), v, m));
  }
  const ads = optNum(spec['activeDeadlineSeconds']);
  if (ads !== undefined && (ads < 1 || ads > 2147483647))
    errs.push(invalid(child(path, 'activeDeadlineSeconds'), ads, inclusiveRangeError(1, 2147483647)));
  for (const f of ['hostname', 'subdomain'] as const) {
    const v = str(spec[f]);
    if (v.length > 0) for (const m of isDNS1123Label(v)) errs.push(invalid(child(path, f), v, m));
  }
  if (list(spec['tolerations']).length > 0) errs.push(...validateTolerations(spec['tolerations'], child(path, 'tolerations')));
  if (list(spec['hostAliases']).length > 0) errs.push(...validateHostAliases(spec['hostAliases'], child(path, 'hostAliases')));
  const pcn = str(spec['priorityClassName']);
  if (pcn.length > 0) for (const m of nameIsDNSSubdomain(pcn, false)) errs.push(invalid(child(path, 'priorityClassName'), pcn, m));
  const rcn = optStr(spec['runtimeClassName']);
  if (rcn !== undefined) for (const m of nameIsDNSSubdomain(rcn, false)) errs.push(invalid(child(path, 'runtimeClassName'), rcn, m));
  const preemption = optStr(spec['preemptionPolicy']);
  if (preemption !== undefined) {
    if (preemption === '') errs.push(required(child(path, 'preemptionPolicy')));
    else if (preemption !== 'PreemptLowerPriority' && preemption !== 'Never')
      errs.push(notSupported(child(path, 'preemptionPolicy'), orderedJSON(preemption), ['PreemptLowerPriority', 'Never']));
  }
  if (isObj(spec['overhead'])) errs.push(...validateContainerResources({ limits: spec['overhead'] }, new Set(), child(path, 'overhead')));
  const os = obj(spec['os']);
  if (os) {
    const name = str(os['name']);
    if (name === '') errs.push(required(child(path, 'os', 'name'), 'cannot be empty'));
    else if (name !== 'linux' && name !== 'windows') errs.push(notSupported(child(path, 'os'), orderedJSON(name), ['linux', 'windows']));
    else errs.push(...validateOSSpecific(spec, path, name, containersWithPaths(spec, path)));
  }
  return errs;
}

const MIRROR_POD = 'kubernetes.io/config.mirror';
const DELETION_COST = 'controller.kubernetes.io/pod-deletion-cost';
const SECCOMP_POD = 'seccomp.security.alpha.kubernetes.io/pod';
const SECCOMP_CONTAINER = 'container.seccomp.security.alpha.kubernetes.io/';
const APPARMOR_CONTAINER = 'container.apparmor.security.beta.kubernetes.io/';

function validSeccompAnnotation(p: string, path: FieldPath): FieldError[] {
  if (p === 'runtime/default' || p === 'docker/default' || p === 'unconfined') return [];
  if (p.startsWith('localhost/')) return validateLocalDescendingPath(p.slice('localhost/'.length), path);
  return [invalid(path, p, 'must be a valid seccomp profile')];
}

/** ValidatePodSpecificAnnotations (mirror pods, deletion cost, seccomp and AppArmor annotations). */
export function validatePodSpecificAnnotations(annotations: unknown, spec: Obj, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const a = strMap(annotations);
  if (MIRROR_POD in a && str(spec['nodeName']) === '')
    errs.push(invalid(child(path, key(MIRROR_POD)), a[MIRROR_POD]!, 'must set spec.nodeName if mirror pod annotation is set'));
  if (DELETION_COST in a) {
    const v = a[DELETION_COST]!;
    // no '+' and no leading zeros (except after '-'), then strconv.ParseInt(v, 10, 32)
    const ok = (v === '0' || /^-[0-9]+$/.test(v) || /^[1-9][0-9]*$/.test(v)) && Number(v) >= -2147483648 && Number(v) <= 2147483647;
    if (!ok) errs.push(invalid(child(path, key(DELETION_COST)), v, 'must be a 32bit integer'));
  }
  if (SECCOMP_POD in a) errs.push(...validSeccompAnnotation(a[SECCOMP_POD]!, child(path, SECCOMP_POD)));
  for (const [k, v] of Object.entries(a)) if (k.startsWith(SECCOMP_CONTAINER)) errs.push(...validSeccompAnnotation(v, child(path, k)));
  const names = new Set([...objList(spec['initContainers']), ...objList(spec['containers'])].map((c) => str(c['name'])));
  for (const [k, v] of Object.entries(a)) {
    if (!k.startsWith(APPARMOR_CONTAINER)) continue;
    const container = k.slice(APPARMOR_CONTAINER.length);
    if (!names.has(container)) errs.push(invalid(child(path, key(k)), container, 'container not found'));
    if (v !== '' && v !== 'runtime/default' && v !== 'unconfined' && !v.startsWith('localhost/'))
      errs.push(invalid(child(path, key(k)), v, `invalid AppArmor profile name: ${JSON.stringify(v)}`));
  }
  return errs;
}

/** ValidatePodTemplateSpec: labels and annotations are reported at `<path>.labels`, not `.metadata.labels`. */
export function validatePodTemplateSpec(template: unknown, path: FieldPath): FieldError[] {
  const t = obj(template) ?? {};
  const meta = obj(t['metadata']) ?? {};
  const spec = obj(t['spec']) ?? {};
  const errs: FieldError[] = [];
  errs.push(...validateLabels(meta['labels'], child(path, 'labels')));
  errs.push(...validateAnnotations(meta['annotations'], child(path, 'annotations')));
  errs.push(...validatePodSpecificAnnotations(meta['annotations'], spec, child(path, 'annotations')));
  errs.push(...validatePodSpec(spec, child(path, 'spec'), { resourceIsPod: false }));
  if (list(spec['ephemeralContainers']).length > 0)
    errs.push(forbidden(child(path, 'spec', 'ephemeralContainers'), 'ephemeral containers not allowed in pod template'));
  return errs;
}
