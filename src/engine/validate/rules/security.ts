// Pod and container securityContext checks (core validation.go validatePodSpecSecurityContext,
// ValidateSecurityContext and the seccomp / AppArmor profile helpers).
// Windows options and supplementalGroupsPolicy / seLinuxChangePolicy values are not checked.

import { duplicate, forbidden, invalid, notSupported, required, tooLong, type FieldError, type FieldPath } from '../field.ts';
import { byteLength, isValidGroupID, isValidUserID } from './formats.ts';
import { child, list, obj, optBool, optNum, optStr, orderedJSON, str, type Obj } from './access.ts';
import { validateLocalDescendingPath } from './paths.ts';

export function validateSeccompProfile(profile: unknown, path: FieldPath): FieldError[] {
  const sp = obj(profile);
  if (!sp) return [];
  const errs: FieldError[] = [];
  const type = str(sp['type']);
  if (type === '') errs.push(required(child(path, 'type'), 'type is required when seccompProfile is set'));
  else if (!['Localhost', 'RuntimeDefault', 'Unconfined'].includes(type))
    errs.push(notSupported(child(path, 'type'), orderedJSON(type), ['Localhost', 'RuntimeDefault', 'Unconfined']));
  const localhost = optStr(sp['localhostProfile']);
  if (type === 'Localhost') {
    if (localhost === undefined) errs.push(required(child(path, 'localhostProfile'), 'must be set when seccomp type is Localhost'));
    else errs.push(...validateLocalDescendingPath(localhost, child(path, 'localhostProfile')));
  } else if (localhost !== undefined) {
    errs.push(invalid(child(path, 'localhostProfile'), orderedJSON(seccompJSON(sp)), 'can only be set when seccomp type is Localhost'));
  }
  return errs;
}

/** The internal core.SeccompProfile (no JSON tags, so Go field names). */
function seccompJSON(sp: Obj): Obj {
  return { Type: str(sp['type']), LocalhostProfile: optStr(sp['localhostProfile']) ?? null };
}

export function validateAppArmorProfile(profile: unknown, path: FieldPath): FieldError[] {
  const p = obj(profile);
  if (!p) return [];
  const errs: FieldError[] = [];
  const type = str(p['type']);
  const localhost = optStr(p['localhostProfile']);
  if (type === 'Localhost') {
    if (localhost === undefined) errs.push(required(child(path, 'localhostProfile'), 'must be set when AppArmor type is Localhost'));
    else {
      const trimmed = localhost.trim();
      if (trimmed !== localhost) errs.push(invalid(child(path, 'localhostProfile'), localhost, 'must not be padded with whitespace'));
      else if (trimmed === '') errs.push(required(child(path, 'localhostProfile'), 'must be set when AppArmor type is Localhost'));
      if (byteLength(localhost) > 4095) errs.push(tooLong(child(path, 'localhostProfile'), 4095));
    }
  } else if (type === 'RuntimeDefault' || type === 'Unconfined') {
    if (localhost !== undefined)
      errs.push(invalid(child(path, 'localhostProfile'), orderedJSON(localhost), 'can only be set when AppArmor type is Localhost'));
  } else if (type === '') {
    errs.push(required(child(path, 'type'), 'type is required when appArmorProfile is set'));
  } else {
    errs.push(notSupported(child(path, 'type'), orderedJSON(type), ['Localhost', 'RuntimeDefault', 'Unconfined']));
  }
  return errs;
}

const SYSCTL_RE = /^([a-z0-9]([-_a-z0-9]*[a-z0-9])?[./])*[a-z0-9]([-_a-z0-9]*[a-z0-9])?$/;

/** The namespace a sysctl lives in (component-helpers node/util/sysctl GetNamespace). */
function sysctlNamespace(name: string): 'net' | 'ipc' | '' {
  const n = name.replace(/\//g, '.');
  if (n.startsWith('net.')) return 'net';
  if (['kernel.sem', 'kernel.shmall', 'kernel.shmmax', 'kernel.shmmni', 'kernel.shm_rmid_forced', 'kernel.msgmax', 'kernel.msgmnb', 'kernel.msgmni'].includes(n))
    return 'ipc';
  if (n.startsWith('fs.mqueue.')) return 'ipc';
  return '';
}

export function validatePodSecurityContext(spec: Obj, path: FieldPath): FieldError[] {
  const sc = obj(spec['securityContext']);
  if (!sc) return [];
  const errs: FieldError[] = [];
  for (const f of ['fsGroup', 'runAsUser', 'runAsGroup'] as const) {
    const v = optNum(sc[f]);
    if (v === undefined) continue;
    const msgs = f === 'runAsUser' ? isValidUserID(v) : isValidGroupID(v);
    for (const m of msgs) errs.push(invalid(child(path, f), v, m));
  }
  list(sc['supplementalGroups']).forEach((g, i) => {
    if (typeof g === 'number') for (const m of isValidGroupID(g)) errs.push(invalid(child(path, 'supplementalGroups', i), g, m));
  });
  if (spec['shareProcessNamespace'] === true && spec['hostPID'] === true)
    errs.push(invalid(child(path, 'shareProcessNamespace'), true, 'ShareProcessNamespace and HostPID cannot both be enabled'));
  const sysctls = list(sc['sysctls']).map((s) => obj(s) ?? {});
  const seen = new Set<string>();
  sysctls.forEach((s, i) => {
    const name = str(s['name']);
    const p = child(path, 'sysctls', i, 'name');
    if (name.length === 0) errs.push(required(p));
    else if (byteLength(name) > 253 || !SYSCTL_RE.test(name))
      errs.push(invalid(p, name, `must have at most 253 characters and match regex ${SYSCTL_RE.source}`));
    else if (seen.has(name)) errs.push(duplicate(p, name));
    const ns = sysctlNamespace(name);
    if (spec['hostNetwork'] === true && ns === 'net') errs.push(invalid(p, name, "may not be specified when 'hostNetwork' is true"));
    else if (spec['hostIPC'] === true && ns === 'ipc') errs.push(invalid(p, name, "may not be specified when 'hostIPC' is true"));
    seen.add(name);
  });
  const fsPolicy = optStr(sc['fsGroupChangePolicy']);
  if (fsPolicy !== undefined && !['Always', 'OnRootMismatch'].includes(fsPolicy))
    errs.push(notSupported(child(path, 'fsGroupChangePolicy'), orderedJSON(fsPolicy), ['Always', 'OnRootMismatch']));
  errs.push(...validateSeccompProfile(sc['seccompProfile'], child(path, 'seccompProfile')));
  errs.push(...validateAppArmorProfile(sc['appArmorProfile'], child(path, 'appArmorProfile')));
  return errs;
}

/** The internal core.SecurityContext as encoding/json prints it (Go field names, declaration order). */
function internalSecurityContextJSON(sc: Obj): Obj {
  const ptr = (v: unknown) => (v === undefined ? null : v);
  const struct = (v: unknown, fields: [string, string][]) => {
    const o = obj(v);
    if (!o) return null;
    const out: Obj = {};
    for (const [goName, jsonName] of fields) out[goName] = ptr(o[jsonName]);
    return out;
  };
  return {
    Capabilities: struct(sc['capabilities'], [['Add', 'add'], ['Drop', 'drop']]),
    Privileged: ptr(sc['privileged']),
    SELinuxOptions: struct(sc['seLinuxOptions'], [['User', 'user'], ['Role', 'role'], ['Type', 'type'], ['Level', 'level']]),
    WindowsOptions: struct(sc['windowsOptions'], [
      ['GMSACredentialSpecName', 'gmsaCredentialSpecName'],
      ['GMSACredentialSpec', 'gmsaCredentialSpec'],
      ['RunAsUserName', 'runAsUserName'],
      ['HostProcess', 'hostProcess'],
    ]),
    RunAsUser: ptr(sc['runAsUser']),
    RunAsGroup: ptr(sc['runAsGroup']),
    RunAsNonRoot: ptr(sc['runAsNonRoot']),
    ReadOnlyRootFilesystem: ptr(sc['readOnlyRootFilesystem']),
    AllowPrivilegeEscalation: ptr(sc['allowPrivilegeEscalation']),
    ProcMount: ptr(sc['procMount']),
    SeccompProfile: struct(sc['seccompProfile'], [['Type', 'type'], ['LocalhostProfile', 'localhostProfile']]),
    AppArmorProfile: struct(sc['appArmorProfile'], [['Type', 'type'], ['LocalhostProfile', 'localhostProfile']]),
  };
}

/** ValidateSecurityContext for one container; privileged containers are assumed allowed. */
export function validateContainerSecurityContext(securityContext: unknown, path: FieldPath, hostUsers: boolean): FieldError[] {
  const sc = obj(securityContext);
  if (!sc) return [];
  const errs: FieldError[] = [];
  const runAsUser = optNum(sc['runAsUser']);
  if (runAsUser !== undefined) for (const m of isValidUserID(runAsUser)) errs.push(invalid(child(path, 'runAsUser'), runAsUser, m));
  const runAsGroup = optNum(sc['runAsGroup']);
  if (runAsGroup !== undefined) for (const m of isValidGroupID(runAsGroup)) errs.push(invalid(child(path, 'runAsGroup'), runAsGroup, m));
  const procMount = optStr(sc['procMount']);
  if (procMount !== undefined) {
    if (procMount !== 'Default' && procMount !== 'Unmasked')
      errs.push(notSupported(child(path, 'procMount'), orderedJSON(procMount), ['Default', 'Unmasked']));
    if (hostUsers && procMount === 'Unmasked')
      errs.push(invalid(child(path, 'procMount'), orderedJSON(procMount), '`hostUsers` must be false to use `Unmasked`'));
  }
  errs.push(...validateSeccompProfile(sc['seccompProfile'], child(path, 'seccompProfile')));
  if (optBool(sc['allowPrivilegeEscalation']) === false) {
    if (sc['privileged'] === true)
      errs.push(invalid(path, orderedJSON(internalSecurityContextJSON(sc)), 'cannot set `allowPrivilegeEscalation` to false and `privileged` to true'));
    for (const cap of list(obj(sc['capabilities'])?.['add']))
      if (cap === 'CAP_SYS_ADMIN')
        errs.push(
          invalid(path, orderedJSON(internalSecurityContextJSON(sc)), 'cannot set `allowPrivilegeEscalation` to false and `capabilities.Add` CAP_SYS_ADMIN'),
        );
  }
  errs.push(...validateAppArmorProfile(sc['appArmorProfile'], child(path, 'appArmorProfile')));
  return errs;
}

/** Fields a windows pod may not set (validateWindows), pod level first, then each container. */
export function validateOSSpecific(spec: Obj, path: FieldPath, osName: string, containers: [Obj, FieldPath][]): FieldError[] {
  const errs: FieldError[] = [];
  const sc = obj(spec['securityContext']);
  if (osName === 'linux') {
    if (sc && sc['windowsOptions'] !== undefined)
      errs.push(forbidden(child(path, 'securityContext', 'windowsOptions'), 'windows options cannot be set for a linux pod'));
    for (const [c, cPath] of containers)
      if (obj(c['securityContext'])?.['windowsOptions'] !== undefined)
        errs.push(forbidden(child(cPath, 'securityContext', 'windowsOptions'), 'windows options cannot be set for a linux pod'));
    return errs;
  }
  const msg = 'cannot be set for a windows pod';
  if (sc) {
    const podChecks: [string, FieldPath][] = [
      ['appArmorProfile', child(path, 'securityContext', 'appArmorProfile')],
      ['seLinuxOptions', child(path, 'securityContext', 'seLinuxOptions')],
    ];
    for (const [f, p] of podChecks) if (sc[f] !== undefined) errs.push(forbidden(p, msg));
    if (spec['hostUsers'] !== undefined) errs.push(forbidden(child(path, 'hostUsers'), msg));
    if (spec['hostPID'] === true) errs.push(forbidden(child(path, 'hostPID'), msg));
    if (spec['hostIPC'] === true) errs.push(forbidden(child(path, 'hostIPC'), msg));
    for (const f of ['seccompProfile', 'fsGroup', 'fsGroupChangePolicy'])
      if (sc[f] !== undefined) errs.push(forbidden(child(path, 'securityContext', f), msg));
    if (list(sc['sysctls']).length > 0) errs.push(forbidden(child(path, 'securityContext', 'sysctls'), msg));
    if (spec['shareProcessNamespace'] !== undefined) errs.push(forbidden(child(path, 'shareProcessNamespace'), msg));
    for (const f of ['runAsUser', 'runAsGroup', 'supplementalGroups', 'supplementalGroupsPolicy', 'seLinuxChangePolicy'])
      if (sc[f] !== undefined) errs.push(forbidden(child(path, 'securityContext', f), msg));
  }
  for (const [c, cPath] of containers) {
    const csc = obj(c['securityContext']);
    if (!csc) continue;
    for (const f of [
      'appArmorProfile', 'seLinuxOptions', 'seccompProfile', 'capabilities', 'readOnlyRootFilesystem', 'privileged',
      'allowPrivilegeEscalation', 'procMount', 'runAsUser', 'runAsGroup',
    ])
      if (csc[f] !== undefined) errs.push(forbidden(child(cPath, 'securityContext', f), msg));
  }
  return errs;
}
