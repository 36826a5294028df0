// Shared plumbing of kubectl's changing commands: a small pflag-style parser for each verb's flags, the
// TYPE/NAME or TYPE NAME argument forms of kubectl's resource builder, and kubectl's error/success texts
// (reference §7.3, §7.4).
import type { ApiError } from '../../api/api-error.ts';
import { kindForResource } from '../../schema/index.ts';
import type { KindEntry } from '../../schema/index.ts';
import type { CommandResult } from '../get.ts';
import { kindPrefix, qualifiedResource } from '../get.ts';

export interface FlagSpec {
  long: string;
  short?: string;
  /** Boolean flags take no separate value word (`--overwrite`, `--overwrite=false`). */
  bool?: boolean;
}

export interface ParsedFlags {
  namespace: string;
  values: Map<string, string>;
  positional: string[];
}

export const ok = (stdout: string): CommandResult => ({ exitCode: 0, stdout, stderr: '' });
export const fail = (stderr: string): CommandResult => ({ exitCode: 1, stdout: '', stderr: stderr.endsWith('\n') ? stderr : `${stderr}\n` });

const NAMESPACE: FlagSpec = { long: 'namespace', short: 'n' };

/** Parses `args` (the words after the verb); `-n/--namespace` is always known. */
export function parseFlags(args: readonly string[], specs: readonly FlagSpec[], command: string): ParsedFlags | CommandResult {
  const all = [NAMESPACE, ...specs];
  const values = new Map<string, string>();
  const positional: string[] = [];
  const usage = (msg: string) => fail(`${msg}\nSee 'kubectl ${command} --help' for usage.`);
  for (let i = 0; i < args.length; i++) {
    const w = args[i]!;
    if (w === '--') {
      positional.push(...args.slice(i + 1));
      break;
    }
    let spec: FlagSpec | undefined;
    let inline: string | undefined;
    if (w.startsWith('--')) {
      const eq = w.indexOf('=');
      const name = eq < 0 ? w.slice(2) : w.slice(2, eq);
      spec = all.find((f) => f.long === name);
      if (!spec) return usage(`error: unknown flag: --${name}`);
      if (eq >= 0) inline = w.slice(eq + 1);
    } else if (w.startsWith('-') && w.length > 1) {
      spec = all.find((f) => f.short === w[1]);
      if (!spec) return usage(`error: unknown shorthand flag: '${w[1]}' in ${w}`);
      if (w.length > 2) inline = w[2] === '=' ? w.slice(3) : w.slice(2);
    } else {
      positional.push(w);
      continue;
    }
    let value: string;
    if (inline !== undefined) value = inline;
    else if (spec.bool) value = 'true';
    else if (i + 1 < args.length) value = args[++i]!;
    else return usage(`error: flag needs an argument: --${spec.long}`);
    values.set(spec.long, value);
  }
  return { namespace: values.get('namespace') ?? 'default', values, positional };
}

export function isResult(x: ParsedFlags | CommandResult): x is CommandResult {
  return 'exitCode' in x;
}

export function boolFlag(flags: ParsedFlags, name: string): boolean {
  const v = flags.values.get(name);
  return v !== undefined && ['1', 't', 'T', 'true', 'TRUE', 'True'].includes(v);
}

export interface Target {
  kind: KindEntry;
  name: string;
}

/**
 * The object a command acts on, from `TYPE/NAME` or `TYPE NAME` at the start of `positional`; returns the
 * target and how many words it used.
 */
export function resolveTarget(positional: readonly string[]): { target: Target; used: number } | string {
  const first = positional[0];
  if (first === undefined) return 'error: required resource not specified';
  const slash = first.indexOf('/');
  const type = slash < 0 ? first : first.slice(0, slash);
  const kind = kindForResource(type);
  if (!kind) return `error: the server doesn't have a resource type "${type}"`;
  if (slash >= 0) {
    const name = first.slice(slash + 1);
    if (name === '') return 'error: arguments in resource/name form must have a single resource and name';
    return { target: { kind, name }, used: 1 };
  }
  const name = positional[1];
  if (name === undefined) return `error: resource(s) were provided, but no name was specified`;
  return { target: { kind, name }, used: 2 };
}

/** `deployment.apps/web` */
export const objectRef = (t: Target): string => `${kindPrefix(t.kind)}/${t.name}`;

/** `Error from server (NotFound): deployments.apps "web" not found` */
export const notFoundText = (t: Target): string => `Error from server (NotFound): ${qualifiedResource(t.kind)} "${t.name}" not found`;

/** An API error as kubectl's checkErr prints it (§7.2 for Invalid, §7.3 otherwise). */
export function apiErrorText(e: ApiError): string {
  if (e.reason === 'Invalid' && e.details?.causes?.length) {
    const lines = [...new Set(e.details.causes.map((c) => c.message))];
    const head = `The ${e.details.kind ?? ''} "${e.details.name ?? ''}" is invalid: `;
    return lines.length === 1 ? `${head}${lines[0]}` : `${head}\n${lines.map((l) => `* ${l}`).join('\n')}`;
  }
  return `Error from server (${e.reason}): ${e.message}`;
}
