// The `Pod Template:` block of `kubectl rollout history --revision=N` (kubectl describe.go
// DescribePodTemplate), for the fields the simulator's templates use: labels, annotations, containers
// (image, ports, command, args, limits, requests, environment, mounts), volumes, node selectors,
// tolerations. Lines keep kubectl's raw tabs (the history command does not align them; demo 39).
import type { PodTemplateSpec } from '../../api/kinds.ts';

interface Container {
  name: string;
  image?: string;
  command?: string[];
  args?: string[];
  ports?: { containerPort: number; hostPort?: number; protocol?: string }[];
  resources?: { limits?: Record<string, string>; requests?: Record<string, string> };
  env?: { name: string; value?: string }[];
  volumeMounts?: { name: string; mountPath: string; readOnly?: boolean }[];
}

const sorted = (m: Record<string, string>) => Object.keys(m).sort().map((k) => [k, m[k]!] as const);

function multiline(title: string, entries: readonly (readonly [string, string])[], sep: string): string {
  if (entries.length === 0) return `${title}:\t<none>\n`;
  return entries.map(([k, v], i) => `${i === 0 ? `${title}:\t` : '\t'}${k}${sep}${v}\n`).join('');
}

function container(c: Container): string {
  let out = `   ${c.name}:\n    Image:\t${c.image ?? ''}\n`;
  const ports = c.ports ?? [];
  const port = (p: { containerPort?: number; hostPort?: number; protocol?: string }, n: 'containerPort' | 'hostPort') => `${p[n] ?? 0}/${p.protocol ?? 'TCP'}`;
  if (ports.length === 0) out += '    Port:\t<none>\n    Host Port:\t<none>\n';
  else if (ports.length === 1) out += `    Port:\t${port(ports[0]!, 'containerPort')}\n    Host Port:\t${port(ports[0]!, 'hostPort')}\n`;
  else out += `    Ports:\t${ports.map((p) => port(p, 'containerPort')).join(', ')}\n    Host Ports:\t${ports.map((p) => port(p, 'hostPort')).join(', ')}\n`;
  for (const [title, list] of [['Command', c.command], ['Args', c.args]] as const) {
    if (list?.length) out += `    ${title}:\n${list.map((a) => `      ${a}\n`).join('')}`;
  }
  for (const [title, m] of [['Limits', c.resources?.limits], ['Requests', c.resources?.requests]] as const) {
    if (m && Object.keys(m).length) out += `    ${title}:\n${sorted(m).map(([k, v]) => `      ${k}:\t${v}\n`).join('')}`;
  }
  out += c.env?.length ? `    Environment:\n${c.env.map((e) => `      ${e.name}:\t${e.value ?? ''}\n`).join('')}` : '    Environment:\t<none>\n';
  out += c.volumeMounts?.length
    ? `    Mounts:\n${c.volumeMounts.map((m) => `      ${m.mountPath} from ${m.name} (${m.readOnly ? 'ro' : 'rw'})\n`).join('')}`
    : '    Mounts:\t<none>\n';
  return out;
}

export function podTemplateText(t: PodTemplateSpec): string {
  const spec = (t.spec ?? {}) as { containers?: Container[]; initContainers?: Container[]; volumes?: { name: string }[]; nodeSelector?: Record<string, string>; tolerations?: unknown[] };
  let out = 'Pod Template:\n';
  out += multiline('  Labels', sorted(t.metadata?.labels ?? {}), '=');
  const annotations = sorted(t.metadata?.annotations ?? {});
  if (annotations.length) out += multiline('  Annotations', annotations, ': ');
  if (spec.initContainers?.length) out += `  Init Containers:\n${spec.initContainers.map(container).join('')}`;
  out += `  Containers:\n${(spec.containers ?? []).map(container).join('')}`;
  out += spec.volumes?.length ? `  Volumes:\n${spec.volumes.map((v) => `   ${v.name}:\n`).join('')}` : '  Volumes:\t<none>\n';
  out += multiline('  Node-Selectors', sorted(spec.nodeSelector ?? {}), '=');
  out += spec.tolerations?.length ? `  Tolerations:\t${spec.tolerations.map((x) => JSON.stringify(x)).join(', ')}\n` : '  Tolerations:\t<none>\n';
  return out;
}
