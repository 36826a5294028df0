// The environment and command line a container's process sees, as the kubelet builds them
// (pkg/kubelet/kubelet_pods.go makeEnvironmentVariables, third_party/forked/golang/expansion): image defaults
// (PATH, HOME), HOSTNAME, the `kubernetes` Service's variables, envFrom ConfigMaps, then `env` in order with
// $(VAR) references to earlier variables expanded and fieldRef / configMapKeyRef resolved; command and args
// get the same $(VAR) expansion ($$ escapes a $). Secrets are not simulated, so secretKeyRef yields nothing.
import type { Container, Pod } from '../../api/kinds.ts';
import type { KubeObject } from '../../api/objects.ts';
import type { Simulation } from '../../sim/simulation.ts';

const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/** `$(VAR)` expansion; unknown references stay as written, `$$` is a literal `$`. */
export function expandKubernetesRefs(input: string, vars: ReadonlyMap<string, string>): string {
  let out = '';
  for (let i = 0; i < input.length; i++) {
    const c = input[i]!;
    if (c !== '$' || i + 1 >= input.length) {
      out += c;
      continue;
    }
    const n = input[i + 1]!;
    if (n === '$') {
      out += '$';
      i++;
    } else if (n === '(') {
      const end = input.indexOf(')', i + 2);
      if (end < 0) {
        out += input.slice(i);
        break;
      }
      const name = input.slice(i + 2, end);
      out += vars.has(name) ? vars.get(name)! : `$(${name})`;
      i = end;
    } else out += c;
  }
  return out;
}

type EnvVar = { name: string; value?: string; valueFrom?: { fieldRef?: { fieldPath: string }; configMapKeyRef?: { name: string; key: string }; secretKeyRef?: unknown } };
type EnvFrom = { prefix?: string; configMapRef?: { name: string } };

/** A downward-API fieldRef (`metadata.name`, `metadata.labels['k']`, `status.podIP` …). */
function fieldRef(pod: Pod, path: string): string {
  const m = /^metadata\.(labels|annotations)\['(.*)'\]$/.exec(path);
  if (m) return (m[1] === 'labels' ? pod.metadata.labels : pod.metadata.annotations)?.[m[2]!] ?? '';
  const status = (pod.status ?? {}) as { podIP?: string; hostIP?: string; podIPs?: { ip: string }[] };
  const spec = (pod.spec ?? {}) as { nodeName?: string; serviceAccountName?: string };
  switch (path) {
    case 'metadata.name':
      return pod.metadata.name;
    case 'metadata.namespace':
      return pod.metadata.namespace ?? 'default';
    case 'metadata.uid':
      return pod.metadata.uid ?? '';
    case 'spec.nodeName':
      return spec.nodeName ?? '';
    case 'spec.serviceAccountName':
      return spec.serviceAccountName ?? '';
    case 'status.podIP':
      return status.podIP ?? '';
    case 'status.hostIP':
      return status.hostIP ?? '';
    case 'status.podIPs':
      return (status.podIPs ?? []).map((p) => p.ip).join(',');
    default:
      return '';
  }
}

/** The pod's hostname as its containers see it: spec.hostname, else the pod name (at most 63 characters). */
export function podHostname(pod: Pod): string {
  const h = (pod.spec as { hostname?: string } | undefined)?.hostname;
  return (h || pod.metadata.name).slice(0, 63);
}

export function containerEnvironment(sim: Simulation, pod: Pod, c: Container): Map<string, string> {
  const ns = pod.metadata.namespace ?? 'default';
  const env = new Map<string, string>([
    ['PATH', DEFAULT_PATH],
    ['HOSTNAME', podHostname(pod)],
    ['HOME', '/root'],
    ['KUBERNETES_SERVICE_HOST', '10.96.0.1'],
    ['KUBERNETES_SERVICE_PORT', '443'],
    ['KUBERNETES_SERVICE_PORT_HTTPS', '443'],
    ['KUBERNETES_PORT', 'tcp://10.96.0.1:443'],
    ['KUBERNETES_PORT_443_TCP', 'tcp://10.96.0.1:443'],
    ['KUBERNETES_PORT_443_TCP_PROTO', 'tcp'],
    ['KUBERNETES_PORT_443_TCP_PORT', '443'],
    ['KUBERNETES_PORT_443_TCP_ADDR', '10.96.0.1'],
  ]);
  const configMap = (name: string) => sim.api.get<KubeObject & { data?: Record<string, string> }>('ConfigMap', ns, name)?.data;
  const spec = c as Container & { env?: EnvVar[]; envFrom?: EnvFrom[] };
  for (const from of spec.envFrom ?? []) {
    const data = from.configMapRef ? configMap(from.configMapRef.name) : undefined;
    for (const [k, v] of Object.entries(data ?? {})) env.set(`${from.prefix ?? ''}${k}`, v);
  }
  for (const e of spec.env ?? []) {
    if (e.value !== undefined) env.set(e.name, expandKubernetesRefs(e.value, env));
    else if (e.valueFrom?.fieldRef) env.set(e.name, fieldRef(pod, e.valueFrom.fieldRef.fieldPath));
    else if (e.valueFrom?.configMapKeyRef) {
      const v = configMap(e.valueFrom.configMapKeyRef.name)?.[e.valueFrom.configMapKeyRef.key];
      if (v !== undefined) env.set(e.name, v);
    } else if (e.value === undefined && !e.valueFrom) env.set(e.name, '');
  }
  return env;
}

/** The process's argv: command and args with $(VAR) expanded (the image's entrypoint is not known here). */
export function containerArgv(c: Container, env: ReadonlyMap<string, string>): string[] {
  const spec = c as Container & { command?: string[]; args?: string[] };
  return [...(spec.command ?? []), ...(spec.args ?? [])].map((a) => expandKubernetesRefs(a, env));
}
