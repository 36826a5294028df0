// kubectl's flag parsing (spf13/pflag as cobra drives it): `--name=value`, `--name value`, `-x value`,
// `-xvalue`, `-x=value`, grouped booleans (`-Aw`), flags anywhere among the arguments, `--` ending flags.
// Values are checked while parsing, in order, and the first problem is the error, with kubectl's
// "See 'kubectl <cmd> --help' for usage." line (kubectl's flag error function). Required flags are checked
// afterwards as cobra does (`required flag(s) "image" not set`, no usage line).
import { parseGoDuration } from '../cron/go-duration.ts';
import { plainError, type KubeError } from './errors.ts';

export type FlagKind = 'bool' | 'string' | 'int' | 'int32' | 'duration' | 'stringArray' | 'stringSlice';

export interface FlagDef {
  name: string;
  short?: string;
  kind: FlagKind;
  /** The value a flag given without `=value` takes (`--cascade` → background, `--dry-run` → unchanged). */
  noOptDefVal?: string;
  required?: boolean;
}

export interface ParsedFlags {
  /** Every value given, in order (a bool's `true`/`false` text; durations as ms in text). */
  values: Map<string, string[]>;
  /** Positional arguments (after flags are taken out). */
  args: string[];
  /** How many positional arguments came before `--` (cobra's ArgsLenAtDash), or -1. */
  argsLenAtDash: number;
}

export type FlagParse = { ok: true; flags: Flags } | { ok: false; error: KubeError };

const TRUE = ['1', 't', 'T', 'true', 'TRUE', 'True'];
const FALSE = ['0', 'f', 'F', 'false', 'FALSE', 'False'];

/** Go's strconv.ParseInt(s, 0, bits) → the number, or the strconv error text. */
export function parseGoInt(s: string, bits: 32 | 64): number | string {
  const m = /^([+-]?)(0[xX][0-9a-fA-F](?:_?[0-9a-fA-F])*|0[bB][01](?:_?[01])*|0[oO]?[0-7](?:_?[0-7])*|[1-9](?:_?[0-9])*|0)$/.exec(s);
  if (!m) return `strconv.ParseInt: parsing ${JSON.stringify(s)}: invalid syntax`;
  const body = m[2]!.replace(/_/g, '');
  let n: number;
  if (/^0[xX]/.test(body)) n = parseInt(body.slice(2), 16);
  else if (/^0[bB]/.test(body)) n = parseInt(body.slice(2), 2);
  else if (/^0[oO]/.test(body)) n = parseInt(body.slice(2), 8);
  else if (body.length > 1 && body.startsWith('0')) n = parseInt(body.slice(1), 8);
  else n = parseInt(body, 10);
  if (m[1] === '-') n = -n;
  const limit = bits === 32 ? 2 ** 31 : 2 ** 63;
  if (n >= limit || n < -limit) return `strconv.ParseInt: parsing ${JSON.stringify(s)}: value out of range`;
  return n;
}

/** pflag's name in value errors: `-r, --replicas` when there is a shorthand. */
function displayName(d: FlagDef): string {
  return d.short ? `-${d.short}, --${d.name}` : `--${d.name}`;
}

function checkValue(d: FlagDef, v: string): string | null {
  switch (d.kind) {
    case 'bool':
      return TRUE.includes(v) || FALSE.includes(v) ? null : `strconv.ParseBool: parsing ${JSON.stringify(v)}: invalid syntax`;
    case 'int':
    case 'int32': {
      const n = parseGoInt(v, d.kind === 'int32' ? 32 : 64);
      return typeof n === 'string' ? n : null;
    }
    case 'duration': {
      const r = parseGoDuration(v);
      return r.ok ? null : r.error;
    }
    default:
      return null;
  }
}

/** The typed view of what was parsed. */
export class Flags {
  readonly values: Map<string, string[]>;
  readonly args: string[];
  readonly argsLenAtDash: number;

  constructor(p: ParsedFlags) {
    this.values = p.values;
    this.args = p.args;
    this.argsLenAtDash = p.argsLenAtDash;
  }

  changed(name: string): boolean {
    return this.values.has(name);
  }

  string(name: string, fallback = ''): string {
    const v = this.values.get(name);
    return v ? v[v.length - 1]! : fallback;
  }

  bool(name: string, fallback = false): boolean {
    const v = this.values.get(name);
    return v ? TRUE.includes(v[v.length - 1]!) : fallback;
  }

  int(name: string, fallback: number): number {
    const v = this.values.get(name);
    if (!v) return fallback;
    const n = parseGoInt(v[v.length - 1]!, 64);
    return typeof n === 'number' ? n : fallback;
  }

  /** A duration flag in ms (0 when absent). */
  durationMs(name: string): number {
    const v = this.values.get(name);
    if (!v) return 0;
    const r = parseGoDuration(v[v.length - 1]!);
    return r.ok ? Number(r.nanoseconds / 1_000_000n) : 0;
  }

  /** StringArray: every occurrence as given. */
  array(name: string): string[] {
    return this.values.get(name) ?? [];
  }

  /** StringSlice: every occurrence split at commas (pflag reads it as one CSV record). */
  slice(name: string): string[] {
    return (this.values.get(name) ?? []).flatMap((v) => (v === '' ? [] : v.split(',')));
  }

  /** The namespace flag, or `default`. */
  get namespace(): string {
    return this.string('namespace', 'default') || 'default';
  }

  /** True when -n/--namespace was given (kubectl's enforceNamespace). */
  get explicitNamespace(): boolean {
    return this.values.has('namespace');
  }
}

/** `error: <msg>\nSee 'kubectl <command> --help' for usage.` */
export function flagUsageError(command: string, msg: string): KubeError {
  return plainError(`${msg}\nSee 'kubectl ${command} --help' for usage.`);
}

/** cobra's UsageErrorf: `error: <msg>\nSee 'kubectl <command> -h' for help and examples`. */
export function usageError(command: string, msg: string): KubeError {
  return plainError(`${msg}\nSee 'kubectl ${command} -h' for help and examples`);
}

/** Parses `words` (everything but the command path) against `defs`. */
export function parseFlags(words: readonly string[], defs: readonly FlagDef[], command: string): FlagParse {
  const values = new Map<string, string[]>();
  const args: string[] = [];
  let argsLenAtDash = -1;
  const fail = (msg: string): FlagParse => ({ ok: false, error: flagUsageError(command, msg) });
  const set = (d: FlagDef, v: string): string | null => {
    const problem = checkValue(d, v);
    if (problem) return `invalid argument ${JSON.stringify(v)} for ${JSON.stringify(displayName(d))} flag: ${problem}`;
    const list = values.get(d.name) ?? [];
    list.push(v);
    values.set(d.name, list);
    return null;
  };
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (w === '--') {
      argsLenAtDash = args.length;
      args.push(...words.slice(i + 1));
      break;
    }
    if (w.startsWith('--') && w.length > 2) {
      const eq = w.indexOf('=');
      const name = eq < 0 ? w.slice(2) : w.slice(2, eq);
      const d = defs.find((f) => f.name === name);
      if (!d) return fail(`unknown flag: --${name}`);
      let v: string;
      if (eq >= 0) v = w.slice(eq + 1);
      else if (d.kind === 'bool') v = 'true';
      else if (d.noOptDefVal !== undefined) v = d.noOptDefVal;
      else if (i + 1 < words.length) v = words[++i]!;
      else return fail(`flag needs an argument: --${name}`);
      const err = set(d, v);
      if (err) return fail(err);
    } else if (w.startsWith('-') && w.length > 1) {
      for (let j = 1; j < w.length; j++) {
        const c = w[j]!;
        const d = defs.find((f) => f.short === c);
        if (!d) return fail(`unknown shorthand flag: '${c}' in ${w}`);
        let v: string;
        const rest = w.slice(j + 1);
        if (rest.startsWith('=')) {
          v = rest.slice(1);
          j = w.length;
        } else if (d.kind === 'bool' || d.noOptDefVal !== undefined) {
          v = d.kind === 'bool' ? 'true' : d.noOptDefVal!;
        } else if (rest !== '') {
          v = rest;
          j = w.length;
        } else if (i + 1 < words.length) v = words[++i]!;
        else return fail(`flag needs an argument: '${c}' in -${c}`);
        const err = set(d, v);
        if (err) return fail(err);
      }
    } else args.push(w);
  }
  const missing = defs.filter((d) => d.required && !values.has(d.name)).map((d) => `"${d.name}"`);
  if (missing.length) return { ok: false, error: plainError(`required flag(s) ${missing.join(', ')} not set`) };
  return { ok: true, flags: new Flags({ values, args, argsLenAtDash }) };
}

// ---- flags many commands share ----------------------------------------------------------------------

/** kubectl's persistent flags every command accepts (the ones the simulator reads or tolerates). */
export const GLOBAL_FLAGS: FlagDef[] = [
  { name: 'namespace', short: 'n', kind: 'string' },
  { name: 'help', short: 'h', kind: 'bool' },
  { name: 'v', short: 'v', kind: 'string' },
  { name: 'request-timeout', kind: 'string' },
  { name: 'warnings-as-errors', kind: 'bool' },
  { name: 'context', kind: 'string' },
  { name: 'cluster', kind: 'string' },
  { name: 'kubeconfig', kind: 'string' },
  { name: 'user', kind: 'string' },
  { name: 'server', short: 's', kind: 'string' },
  { name: 'token', kind: 'string' },
];

export const DRY_RUN: FlagDef = { name: 'dry-run', kind: 'string', noOptDefVal: 'unchanged' };
export const OUTPUT: FlagDef = { name: 'output', short: 'o', kind: 'string' };
export const FILENAME: FlagDef = { name: 'filename', short: 'f', kind: 'stringSlice' };
export const SELECTOR: FlagDef = { name: 'selector', short: 'l', kind: 'string' };
/** Accepted and without effect in the simulator. */
export const TOLERATED: FlagDef[] = [
  { name: 'field-manager', kind: 'string' },
  { name: 'validate', kind: 'string', noOptDefVal: 'strict' },
  { name: 'show-managed-fields', kind: 'bool' },
  { name: 'allow-missing-template-keys', kind: 'bool' },
  { name: 'template', kind: 'string' },
  { name: 'record', kind: 'bool' },
];

/** The PID the simulated kubectl process reports in klog headers. */
const KLOG_PID = 4242;

/**
 * A klog warning line as kubectl writes it to stderr: `W1129 15:52:44.560861   28076 helpers.go:719] text`
 * (severity, month and day, time with microseconds, the process id right-aligned in 7, the source line), at
 * simulated time `nowMs`.
 */
export function klogWarning(nowMs: number, source: string, text: string): string {
  const d = new Date(nowMs);
  const two = (n: number) => String(n).padStart(2, '0');
  const time = `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}.${String(d.getUTCMilliseconds() * 1000).padStart(6, '0')}`;
  return `W${two(d.getUTCMonth() + 1)}${two(d.getUTCDate())} ${time} ${String(KLOG_PID).padStart(7)} ${source}] ${text}\n`;
}

/**
 * The dry-run strategy (cmdutil.GetDryRunStrategy) or the error. `warning` is the klog line kubectl writes
 * for the deprecated forms (helpers.go:719 in 1.35.2, recording 104 of tests/golden/kubectl-write).
 */
export function dryRunStrategy(flags: Flags, nowMs: number): { strategy: 'none' | 'client' | 'server'; warning?: string } | KubeError {
  const v = flags.string('dry-run', 'none');
  const warn = (text: string) => klogWarning(nowMs, 'helpers.go:719', text);
  if (TRUE.includes(v) || FALSE.includes(v)) {
    const yes = TRUE.includes(v);
    return { strategy: yes ? 'client' : 'none', warning: warn(`--dry-run=${v} is deprecated (boolean value) and can be replaced with --dry-run=${yes ? 'client' : 'none'}.`) };
  }
  switch (v) {
    case 'unchanged':
      return { strategy: 'client', warning: warn('--dry-run is deprecated and can be replaced with --dry-run=client.') };
    case 'client':
    case 'server':
    case 'none':
      return { strategy: v };
    default:
      return plainError(`Invalid dry-run value (${v}). Must be "none", "server", or "client".`);
  }
}

/** Global flags that take a value, as cobra skips them while looking for a (sub)command word. */
export const GLOBAL_VALUE_FLAGS: ReadonlySet<string> = new Set(['namespace', 'n', 'context', 'cluster', 'kubeconfig', 'user', 'server', 's', 'token', 'v', 'request-timeout', 'as', 'as-group', 'as-uid', 'cache-dir', 'certificate-authority', 'client-certificate', 'client-key', 'password', 'username', 'tls-server-name', 'profile', 'profile-output', 'log-flush-frequency', 'vmodule']);

/** The subcommand word among `args` (global flags may come first: `-n dev image …`) and the other words. */
export function splitSubcommand(args: readonly string[]): { sub: string | undefined; rest: string[] } {
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') break;
    if (!a.startsWith('-')) return { sub: a, rest: [...args.slice(0, i), ...args.slice(i + 1)] };
    if (!a.includes('=') && GLOBAL_VALUE_FLAGS.has(a.replace(/^--?/, '')) && (a.startsWith('--') || a.length === 2)) i++;
  }
  return { sub: undefined, rest: [...args] };
}
