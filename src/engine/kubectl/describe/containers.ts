// describeContainers / describeVolumes / DescribePodTemplate of kubectl pkg/describe: the container
// blocks a pod shows (with its statuses) and the pod template of a workload shows (without).
import { LEVEL_0, LEVEL_1, LEVEL_2, LEVEL_3 } from './prefix-writer.ts';
import type { PrefixWriter } from './prefix-writer.ts';
import { printAnnotationsMultiline, printBool, printLabelsMultiline, printTolerationsMultiline, rfc1123z } from './common.ts';
import type { ContainerSpec, ContainerState, ContainerStatusView, EnvVar, PodTemplateView, Probe, VolumeView } from './types.ts';

/** Resolves a `fieldRef` env var for a pod (kubectl's EnvValueRetriever); absent for templates. */
export type EnvResolver = (e: EnvVar) => string;

const orNone = (s: string) => (s === '' ? '<none>' : s);

function describeStatus(title: string, state: ContainerState | undefined, w: PrefixWriter): void {
  if (state?.running) {
    w.write(LEVEL_2, `${title}:\tRunning\n`);
    w.write(LEVEL_3, `Started:\t${state.running.startedAt ? rfc1123z(state.running.startedAt) : ''}\n`);
  } else if (state?.waiting) {
    w.write(LEVEL_2, `${title}:\tWaiting\n`);
    if (state.waiting.reason) w.write(LEVEL_3, `Reason:\t${state.waiting.reason}\n`);
  } else if (state?.terminated) {
    const t = state.terminated;
    w.write(LEVEL_2, `${title}:\tTerminated\n`);
    if (t.reason) w.write(LEVEL_3, `Reason:\t${t.reason}\n`);
    if (t.message) w.write(LEVEL_3, `Message:\t${t.message}\n`);
    w.write(LEVEL_3, `Exit Code:\t${t.exitCode}\n`);
    if (t.signal) w.write(LEVEL_3, `Signal:\t${t.signal}\n`);
    w.write(LEVEL_3, `Started:\t${t.startedAt ? rfc1123z(t.startedAt) : 'Mon, 01 Jan 0001 00:00:00 +0000'}\n`);
    w.write(LEVEL_3, `Finished:\t${t.finishedAt ? rfc1123z(t.finishedAt) : 'Mon, 01 Jan 0001 00:00:00 +0000'}\n`);
  } else w.write(LEVEL_2, `${title}:\tWaiting\n`);
}

/** Resource names in kubectl's SortedResourceNames order (alphabetical). */
function describeResources(resources: ContainerSpec['resources'], w: PrefixWriter, level: number): void {
  for (const [title, list] of [['Limits', resources?.limits], ['Requests', resources?.requests]] as const) {
    const names = Object.keys(list ?? {}).sort();
    if (names.length > 0) w.write(level, `${title}:\n`);
    for (const n of names) w.write(level + 1, `${n}:\t${list![n]}\n`);
  }
}

export function describeProbe(p: Probe): string {
  const attrs = `delay=${p.initialDelaySeconds ?? 0}s timeout=${p.timeoutSeconds ?? 0}s period=${p.periodSeconds ?? 0}s #success=${p.successThreshold ?? 0} #failure=${p.failureThreshold ?? 0}`;
  if (p.exec) return `exec [${(p.exec.command ?? []).join(' ')}] ${attrs}`;
  if (p.httpGet) {
    const host = p.httpGet.host ?? '';
    const hostPort = host.includes(':') ? `[${host}]:${p.httpGet.port}` : `${host}:${p.httpGet.port}`;
    return `http-get ${(p.httpGet.scheme ?? '').toLowerCase()}://${hostPort}${p.httpGet.path ?? ''} ${attrs}`;
  }
  if (p.tcpSocket) return `tcp-socket ${p.tcpSocket.host ?? ''}:${p.tcpSocket.port} ${attrs}`;
  if (p.grpc) return `grpc <pod>:${p.grpc.port} ${p.grpc.service ?? ''} ${attrs}`;
  return `unknown ${attrs}`;
}

function describeEnv(c: ContainerSpec, resolve: EnvResolver | null, w: PrefixWriter): void {
  if (c.envFrom && c.envFrom.length > 0) {
    w.write(LEVEL_2, 'Environment Variables from:\n');
    for (const e of c.envFrom) {
      const [from, ref] = e.configMapRef ? ['ConfigMap', e.configMapRef] : ['Secret', e.secretRef];
      const prefix = e.prefix ? ` with prefix '${e.prefix}'` : '';
      w.write(LEVEL_3, `${ref?.name ?? ''}\t${from}${prefix}\tOptional: ${ref?.optional === true}\n`);
    }
  }
  const env = c.env ?? [];
  w.write(LEVEL_2, `Environment:${env.length === 0 ? '\t<none>' : ''}\n`);
  for (const e of env) {
    const from = e.valueFrom;
    if (!from) {
      (e.value ?? '').split('\n').forEach((s, i) => w.write(LEVEL_3, i === 0 ? `${e.name}:\t${s}\n` : `\t${s}\n`));
    } else if (from.fieldRef) {
      w.write(LEVEL_3, `${e.name}:\t${resolve ? resolve(e) : ''} (${from.fieldRef.apiVersion ?? ''}:${from.fieldRef.fieldPath})\n`);
    } else if (from.resourceFieldRef) {
      w.write(LEVEL_3, `${e.name}:\t${resolve ? resolve(e) : ''} (${from.resourceFieldRef.resource})\n`);
    } else if (from.secretKeyRef) {
      const r = from.secretKeyRef;
      w.write(LEVEL_3, `${e.name}:\t<set to the key '${r.key}' in secret '${r.name ?? ''}'>\tOptional: ${r.optional === true}\n`);
    } else if (from.configMapKeyRef) {
      const r = from.configMapKeyRef;
      w.write(LEVEL_3, `${e.name}:\t<set to the key '${r.key}' of config map '${r.name ?? ''}'>\tOptional: ${r.optional === true}\n`);
    }
  }
}

function describeMounts(c: ContainerSpec, w: PrefixWriter): void {
  const mounts = [...(c.volumeMounts ?? [])].sort((a, b) => (a.mountPath < b.mountPath ? -1 : a.mountPath > b.mountPath ? 1 : 0));
  w.write(LEVEL_2, `Mounts:${mounts.length === 0 ? '\t<none>' : ''}\n`);
  for (const m of mounts) {
    const flags = [m.readOnly ? 'ro' : 'rw'];
    if (m.subPath) flags.push(`path=${JSON.stringify(m.subPath)}`);
    w.write(LEVEL_3, `${m.mountPath} from ${m.name} (${flags.join(',')})\n`);
  }
}

/** `statuses` is null for templates (no Container ID, Image ID, State, Ready, Restart Count lines). */
export function describeContainers(label: string, containers: readonly ContainerSpec[], statuses: readonly ContainerStatusView[] | null, resolve: EnvResolver | null, w: PrefixWriter, space: string): void {
  if (containers.length === 0) {
    w.write(LEVEL_0, `${space}${label}: <none>\n`);
    return;
  }
  w.write(LEVEL_0, `${space}${label}:\n`);
  const byName = new Map((statuses ?? []).map((s) => [s.name, s]));
  const nameIndent = space ? ' ' : '';
  for (const c of containers) {
    const status = byName.get(c.name);
    w.write(LEVEL_1, `${nameIndent}${c.name}:\n`);
    if (status) w.write(LEVEL_2, `Container ID:\t${status.containerID ?? ''}\n`);
    w.write(LEVEL_2, `Image:\t${c.image ?? ''}\n`);
    if (status) w.write(LEVEL_2, `Image ID:\t${status.imageID ?? ''}\n`);
    const ports = (c.ports ?? []).map((p) => `${p.containerPort}/${p.protocol ?? 'TCP'}`).join(',');
    const hostPorts = (c.ports ?? []).map((p) => `${p.hostPort ?? 0}/${p.protocol ?? 'TCP'}`).join(',');
    w.write(LEVEL_2, ports.includes(',') ? `Ports:\t${ports}\n` : `Port:\t${orNone(ports)}\n`);
    w.write(LEVEL_2, hostPorts.includes(',') ? `Host Ports:\t${hostPorts}\n` : `Host Port:\t${orNone(hostPorts)}\n`);
    if (c.restartPolicy) w.write(LEVEL_2, `Restart Policy:\t${c.restartPolicy}\n`);
    for (const [title, words] of [['Command', c.command], ['Args', c.args]] as const) {
      if (!words || words.length === 0) continue;
      w.write(LEVEL_2, `${title}:\n`);
      for (const word of words) for (const s of word.split('\n')) w.write(LEVEL_3, `${s}\n`);
    }
    if (status) {
      describeStatus('State', status.state, w);
      if (status.lastState?.terminated) describeStatus('Last State', status.lastState, w);
      w.write(LEVEL_2, `Ready:\t${printBool(status.ready)}\n`);
      w.write(LEVEL_2, `Restart Count:\t${status.restartCount ?? 0}\n`);
    }
    describeResources(c.resources, w, LEVEL_2);
    if (c.livenessProbe) w.write(LEVEL_2, `Liveness:\t${describeProbe(c.livenessProbe)}\n`);
    if (c.readinessProbe) w.write(LEVEL_2, `Readiness:\t${describeProbe(c.readinessProbe)}\n`);
    if (c.startupProbe) w.write(LEVEL_2, `Startup:\t${describeProbe(c.startupProbe)}\n`);
    describeEnv(c, resolve, w);
    describeMounts(c, w);
  }
}

type Source = Record<string, unknown>;
const optional = (s: Source) => String(s.optional === true);

function describeVolumeSource(v: VolumeView, w: PrefixWriter): void {
  const src = (k: string) => v[k] as Source | undefined;
  const projected = src('projected');
  if (src('hostPath')) {
    const h = src('hostPath')!;
    w.write(LEVEL_2, `Type:\tHostPath (bare host directory volume)\n    Path:\t${String(h.path ?? '')}\n    HostPathType:\t${String(h.type ?? '<none>') || '<none>'}\n`);
  } else if (src('emptyDir')) {
    const e = src('emptyDir')!;
    const limit = typeof e.sizeLimit === 'string' && e.sizeLimit !== '0' ? e.sizeLimit : '<unset>';
    w.write(LEVEL_2, `Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n    Medium:\t${String(e.medium ?? '')}\n    SizeLimit:\t${limit}\n`);
  } else if (src('secret')) {
    const s = src('secret')!;
    w.write(LEVEL_2, `Type:\tSecret (a volume populated by a Secret)\n    SecretName:\t${String(s.secretName ?? '')}\n    Optional:\t${optional(s)}\n`);
  } else if (src('configMap')) {
    const c = src('configMap')!;
    w.write(LEVEL_2, `Type:\tConfigMap (a volume populated by a ConfigMap)\n    Name:\t${String(c.name ?? '')}\n    Optional:\t${optional(c)}\n`);
  } else if (src('persistentVolumeClaim')) {
    const c = src('persistentVolumeClaim')!;
    w.write(LEVEL_2, `Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n    ClaimName:\t${String(c.claimName ?? '')}\n    ReadOnly:\t${String(c.readOnly === true)}\n`);
  } else if (projected) {
    w.write(LEVEL_2, 'Type:\tProjected (a volume that contains injected data from multiple sources)\n');
    for (const s of (projected.sources as Source[] | undefined) ?? []) {
      const secret = s.secret as Source | undefined;
      const cm = s.configMap as Source | undefined;
      const token = s.serviceAccountToken as Source | undefined;
      if (secret) w.write(LEVEL_2, `SecretName:\t${String(secret.name ?? '')}\n    SecretOptionalName:\t${optional(secret)}\n`);
      else if (s.downwardAPI) w.write(LEVEL_2, 'DownwardAPI:\ttrue\n');
      else if (cm) w.write(LEVEL_2, `ConfigMapName:\t${String(cm.name ?? '')}\n    Optional:\t${optional(cm)}\n`);
      else if (token) w.write(LEVEL_2, `TokenExpirationSeconds:\t${String(token.expirationSeconds ?? 3600)}\n`);
    }
  } else w.write(LEVEL_1, '<unknown>\n');
}

export function describeVolumes(volumes: readonly VolumeView[] | undefined, w: PrefixWriter, space: string): void {
  if (!volumes || volumes.length === 0) {
    w.write(LEVEL_0, `${space}Volumes:\t<none>\n`);
    return;
  }
  w.write(LEVEL_0, `${space}Volumes:\n`);
  for (const v of volumes) {
    w.write(LEVEL_1, `${space ? ' ' : ''}${v.name}:\n`);
    describeVolumeSource(v, w);
  }
}

export function describePodTemplate(t: PodTemplateView | undefined, w: PrefixWriter): void {
  w.write(LEVEL_0, 'Pod Template:\n');
  if (!t) {
    w.write(LEVEL_1, '<unset>');
    return;
  }
  const spec = t.spec ?? {};
  printLabelsMultiline(w, '  Labels', t.metadata?.labels);
  if (Object.keys(t.metadata?.annotations ?? {}).length > 0) printAnnotationsMultiline(w, '  Annotations', t.metadata?.annotations);
  if (spec.serviceAccountName) w.write(LEVEL_1, `Service Account:\t${spec.serviceAccountName}\n`);
  if (spec.initContainers && spec.initContainers.length > 0) describeContainers('Init Containers', spec.initContainers, null, null, w, '  ');
  describeContainers('Containers', spec.containers ?? [], null, null, w, '  ');
  describeVolumes(spec.volumes, w, '  ');
  if (spec.priorityClassName) w.write(LEVEL_1, `Priority Class Name:\t${spec.priorityClassName}\n`);
  printLabelsMultiline(w, '  Node-Selectors', spec.nodeSelector);
  printTolerationsMultiline(w, '  Tolerations', spec.tolerations);
}
