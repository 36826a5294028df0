// `kubectl version [--client] [-o json|yaml]` (kubectl pkg/cmd/version). The client is kubectl v1.35.2, the
// build the goldens were recorded with (tests/golden/kubectl-oracle/recorded/01, kubectl-read-misc). The
// simulated control plane reports itself as a v1.35.2 kube-apiserver: a release's binaries share one build
// (gitCommit, buildDate, goVersion are the release's, printed here as kubectl 1.35.2 printed its own), so client
// and server lines agree and no version-skew warning is printed. The simulated kubelets report v1.35.0
// (node-status.ts KUBELET_VERSION): nodes one patch release behind the control plane, as often after an upgrade.
import type { Simulation } from '../../sim/simulation.ts';
import type { KubectlResult } from '../context.ts';
import { printYAML } from '../printers/yaml.ts';
import { fail, isResult, parseFlags } from './common.ts';

const BUILD = {
  major: '1',
  minor: '35',
  gitVersion: 'v1.35.2',
  gitCommit: 'fdc9d74cbf2da6754ebf81d56f80ae2948cd6425',
  gitTreeState: 'clean',
  buildDate: '2026-02-26T20:05:34Z',
  goVersion: 'go1.25.7',
  compiler: 'gc',
  platform: 'linux/amd64',
};

export const CLIENT_VERSION = BUILD;
export const SERVER_VERSION = BUILD;
export const KUSTOMIZE_VERSION = 'v5.7.1';

/** json.MarshalIndent(v, "", "  ") of the Version struct (fields in declaration order). */
function json2(v: unknown, indent = ''): string {
  if (typeof v === 'string') return JSON.stringify(v);
  const inner = `${indent}  `;
  const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined);
  return `{\n${entries.map(([k, x]) => `${inner}${JSON.stringify(k)}: ${json2(x, inner)}`).join(',\n')}\n${indent}}`;
}

/** Runs `kubectl version <args>`. */
export function version(_sim: Simulation, args: string[]): KubectlResult {
  const flags = parseFlags(args, [{ long: 'client', bool: true }, { long: 'output', short: 'o' }], 'version');
  if (isResult(flags)) return flags;
  const clientOnly = ['1', 't', 'T', 'true', 'TRUE', 'True'].includes(flags.values.get('client') ?? '');
  // --client returns from Complete before the arguments are stored, so extra words pass unchecked then.
  if (!clientOnly && flags.positional.length) return fail(`error: extra arguments: [${flags.positional.join(' ')}]`);
  const output = flags.values.get('output') ?? '';
  if (output !== '' && output !== 'yaml' && output !== 'json') return fail(`error: --output must be 'yaml' or 'json'`);
  const info = { clientVersion: CLIENT_VERSION, kustomizeVersion: KUSTOMIZE_VERSION, serverVersion: clientOnly ? undefined : SERVER_VERSION };
  let stdout: string;
  if (output === 'json') stdout = `${json2(info)}\n`;
  else if (output === 'yaml') stdout = `${printYAML(JSON.parse(JSON.stringify(info)) as object)}\n`;
  else stdout = `Client Version: ${CLIENT_VERSION.gitVersion}\nKustomize Version: ${KUSTOMIZE_VERSION}\n${clientOnly ? '' : `Server Version: ${SERVER_VERSION.gitVersion}\n`}`;
  return { exitCode: 0, stdout, stderr: '' };
}
