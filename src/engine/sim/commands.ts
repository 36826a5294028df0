// The command lines `workload-lab simulate --at "D CMD"` runs inside a simulation (../shared/notes/cli.md):
// `kubectl …` lines go to the kubectl engine (src/engine/kubectl runKubectl, the same one the sandbox's
// terminal uses), and the `lab` fault commands are answered here.
// Nothing here throws: every problem is an exit code and a message, as a terminal would show it.
import { isLabelValue, isQualifiedName } from '../validate/rules/formats.ts';
import type { KubeObject } from '../api/objects.ts';
import { crashContainer, failNode, restoreNode } from '../node/faults.ts';
import { runKubectl } from '../kubectl/index.ts';
import type { KubectlStream } from '../kubectl/context.ts';
import type { Simulation } from './simulation.ts';

export interface CommandResult {
  exitCode: number;
  output: string;
  /**
   * Set when the command keeps running while simulated time passes (`rollout status`, `get -w`, a `delete`
   * waiting for its objects to go): poll it for what it prints later, stop it when the run ends.
   */
  stream?: KubectlStream;
}

/**
 * Runs one command line at the simulation's current time. `files` are the manifests `kubectl apply|create -f`
 * can name (the CLI's input files).
 */
export function runCommand(sim: Simulation, line: string, files?: ReadonlyMap<string, string>): CommandResult {
  try {
    const words = splitWords(line);
    if (typeof words === 'string') return fail(`error: ${words}`);
    const [program, ...args] = words;
    if (program === undefined) return fail('error: empty command');
    if (program === 'kubectl') {
      if (args.length === 0) return fail('error: the simulator\'s kubectl needs a command, such as "kubectl delete pod NAME"');
      return runKubectlLine(sim, line, files);
    }
    if (program === 'lab') return runLab(sim, args);
    return fail(`error: unknown command "${program}": commands are "kubectl …" or "lab crash|fail-node|restore-node …"`);
  } catch (err) {
    // A bug of ours must not end the simulation; report it like any failed command.
    return fail(`error: internal error in workload-lab while running "${line}": ${(err as Error).message}`);
  }
}

function ok(lines: string[]): CommandResult {
  return { exitCode: 0, output: lines.join('\n') };
}

function fail(...lines: string[]): CommandResult {
  return { exitCode: 1, output: lines.join('\n') };
}

// ---- words and flags ---------------------------------------------------------------------------------------

/** POSIX shell words: blanks separate, quotes group, backslash escapes. A string is an error. */
export function splitWords(line: string): string[] | string {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === ' ' || c === '\t' || c === '\n') {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) return 'unterminated quoted string';
      word += line.slice(i + 1, end);
      i = end;
      inWord = true;
    } else if (c === '"') {
      let j = i + 1;
      for (; j < line.length && line[j] !== '"'; j++) {
        if (line[j] === '\\' && j + 1 < line.length && '"\\$`'.includes(line[j + 1]!)) j++;
        word += line[j];
      }
      if (j >= line.length) return 'unterminated quoted string';
      i = j;
      inWord = true;
    } else if (c === '\\' && i + 1 < line.length) {
      word += line[++i];
      inWord = true;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (inWord) words.push(word);
  return words;
}

interface FlagSpec {
  /** Flag names (with dashes) that take a value, mapped to the canonical name. */
  values: Record<string, string>;
  /** Boolean flags, mapped to the canonical name. */
  bools: Record<string, string>;
}

type Parsed = { positional: string[]; flags: Map<string, string> } | { error: string };

/** pflag-style parsing: `--f v`, `--f=v`, `-f v`, `-f=v`, `-fv`; booleans take `--b=false`. */
function parseFlags(args: string[], spec: FlagSpec): Parsed {
  const positional: string[] = [];
  const flags = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') {
      positional.push(...args.slice(i + 1));
      break;
    }
    if (!a.startsWith('-') || a === '-') {
      positional.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    let name = eq > 0 ? a.slice(0, eq) : a;
    let value: string | undefined = eq > 0 ? a.slice(eq + 1) : undefined;
    if (!a.startsWith('--') && name.length > 2) {
      // -lapp=web, -nkube-system
      value = a.slice(2);
      name = a.slice(0, 2);
    }
    if (spec.values[name] !== undefined) {
      if (value === undefined) {
        if (i + 1 >= args.length) return { error: `flag needs an argument: ${name.startsWith('--') ? name : `'${name.slice(1)}' in ${name}`}` };
        value = args[++i]!;
      }
      flags.set(spec.values[name]!, value);
    } else if (spec.bools[name] !== undefined) {
      if (value !== undefined && !['true', 'false'].includes(value)) return { error: `invalid argument "${value}" for "${name}" flag: strconv.ParseBool: parsing "${value}": invalid syntax` };
      flags.set(spec.bools[name]!, value ?? 'true');
    } else {
      return { error: name.startsWith('--') ? `unknown flag: ${name}` : `unknown shorthand flag: '${name.slice(1)}' in ${a}` };
    }
  }
  return { positional, flags };
}

const NAMESPACE_FLAGS = { '-n': 'namespace', '--namespace': 'namespace' };

function parseInteger(flag: string, value: string): number | string {
  if (!/^[+-]?\d+$/.test(value)) return `invalid argument "${value}" for "${flag}" flag: strconv.ParseInt: parsing "${value}": invalid syntax`;
  return Number(value);
}

// ---- label selectors (apimachinery labels.Parse) -----------------------------------------------------------

interface Requirement {
  key: string;
  op: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | 'Gt' | 'Lt';
  values: string[];
}

/** A `-l` selector string: `a=b,c!=d,e in (f,g),h notin (i),j,!k,l>3`. A string is an error. */
export function parseSelector(text: string): Requirement[] | string {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')') depth--;
    else if (text[i] === ',' && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  const out: Requirement[] = [];
  for (const raw of parts) {
    const part = raw.trim();
    if (part === '' && parts.length === 1) break; // the empty selector matches everything
    const r = parseRequirement(part);
    if (typeof r === 'string') return r;
    out.push(r);
  }
  return out;
}

function parseRequirement(part: string): Requirement | string {
  let m: RegExpMatchArray | null;
  let r: Requirement;
  if ((m = part.match(/^!\s*([^\s!=<>(),]+)$/))) r = { key: m[1]!, op: 'DoesNotExist', values: [] };
  else if ((m = part.match(/^([^\s!=<>(),]+)\s+(in|notin)\s*\(([^()]*)\)$/))) {
    r = { key: m[1]!, op: m[2] === 'in' ? 'In' : 'NotIn', values: m[3]!.split(',').map((v) => v.trim()) };
  } else if ((m = part.match(/^([^\s!=<>(),]+)\s*(==|=|!=|>|<)\s*([^\s!=<>(),]*)$/))) {
    const op = m[2] === '!=' ? 'NotIn' : m[2] === '>' ? 'Gt' : m[2] === '<' ? 'Lt' : 'In';
    r = { key: m[1]!, op, values: [m[3]!] };
  } else if ((m = part.match(/^([^\s!=<>(),]+)$/))) r = { key: m[1]!, op: 'Exists', values: [] };
  else return `unable to parse requirement: "${part}"`;
  const keyErrors = isQualifiedName(r.key);
  if (keyErrors.length) return `unable to parse requirement: key "${r.key}": ${keyErrors.join('; ')}`;
  for (const v of r.values) {
    if ((r.op === 'Gt' || r.op === 'Lt') && !/^-?\d+$/.test(v)) return `unable to parse requirement: for 'Gt', 'Lt' operators, the value must be an integer`;
    const valueErrors = isLabelValue(v);
    if (valueErrors.length) return `unable to parse requirement: value "${v}": ${valueErrors.join('; ')}`;
  }
  return r;
}

export function selectorMatchesLabels(requirements: Requirement[], labels: Record<string, string> = {}): boolean {
  return requirements.every(({ key, op, values }) => {
    const has = Object.prototype.hasOwnProperty.call(labels, key);
    const v = labels[key];
    switch (op) {
      case 'In':
        return has && values.includes(v!);
      case 'NotIn':
        return !has || !values.includes(v!);
      case 'Exists':
        return has;
      case 'DoesNotExist':
        return !has;
      case 'Gt':
      case 'Lt': {
        if (!has || !/^-?\d+$/.test(v!)) return false;
        return op === 'Gt' ? Number(v) > Number(values[0]) : Number(v) < Number(values[0]);
      }
    }
  });
}

/** Matching pods in the API server's list order (etcd key order: names compared byte by byte). */
function podsMatching(sim: Simulation, namespace: string, requirements: Requirement[]): KubeObject[] {
  return sim.api.list('Pod', { namespace })
    .filter((p) => selectorMatchesLabels(requirements, p.metadata.labels))
    .sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0));
}

// ---- lab -------------------------------------------------------------------------------------------------

const LAB_USAGE = 'usage: lab crash POD|-l SELECTOR [--exit-code N] | lab fail-node NODE | lab restore-node NODE';
/** notes/cli.md: "the main container dies with code N, default 137". */
const DEFAULT_CRASH_EXIT_CODE = 137;

function runLab(sim: Simulation, args: string[]): CommandResult {
  const [sub, ...rest] = args;
  switch (sub) {
    case 'crash':
      return labCrash(sim, rest);
    case 'fail-node':
    case 'restore-node': {
      const parsed = parseFlags(rest, { values: {}, bools: {} });
      if ('error' in parsed) return fail(`error: ${parsed.error}`, LAB_USAGE);
      if (parsed.positional.length !== 1) return fail(`error: lab ${sub} takes exactly one NODE`, LAB_USAGE);
      const node = parsed.positional[0]!;
      const error = sub === 'fail-node' ? failNode(sim.context, node) : restoreNode(sim.context, node);
      if (error) return fail(`error: ${error}`);
      return ok([`node/${node} ${sub === 'fail-node' ? 'failed' : 'restored'}`]);
    }
    case undefined:
      return fail('error: lab needs a command', LAB_USAGE);
    default:
      return fail(`error: unknown lab command "${sub}"`, LAB_USAGE);
  }
}

function labCrash(sim: Simulation, args: string[]): CommandResult {
  const parsed = parseFlags(args, { values: { '-l': 'selector', '--selector': 'selector', '--exit-code': 'exit-code', ...NAMESPACE_FLAGS }, bools: {} });
  if ('error' in parsed) return fail(`error: ${parsed.error}`, LAB_USAGE);
  const namespace = parsed.flags.get('namespace') ?? 'default';
  let exitCode: number | undefined;
  const codeText = parsed.flags.get('exit-code');
  if (codeText !== undefined) {
    const n = parseInteger('--exit-code', codeText);
    if (typeof n === 'string') return fail(`error: ${n}`);
    if (n < 0 || n > 255) return fail(`error: --exit-code must be between 0 and 255, got ${n}`);
    exitCode = n;
  }
  const selector = parsed.flags.get('selector');
  if ((selector === undefined) === (parsed.positional.length === 0)) return fail('error: lab crash takes a POD name or -l SELECTOR (one of them)', LAB_USAGE);
  let names = parsed.positional.map((p) => (p.startsWith('pod/') ? p.slice(4) : p));
  if (selector !== undefined) {
    const reqs = parseSelector(selector);
    if (typeof reqs === 'string') return fail(`error: ${reqs}`);
    names = podsMatching(sim, namespace, reqs).map((p) => p.metadata.name);
    if (names.length === 0) return ok([`No resources found in ${namespace} namespace.`]);
  }
  const lines: string[] = [];
  let failed = false;
  for (const name of names) {
    const error = crashContainer(sim.context, namespace, name, exitCode);
    if (error) {
      failed = true;
      lines.push(`error: ${error}`);
    } else lines.push(`pod/${name} crashed (exit code ${exitCode ?? DEFAULT_CRASH_EXIT_CODE})`);
  }
  return { exitCode: failed ? 1 : 0, output: lines.join('\n') };
}

// ---- kubectl ----------------------------------------------------------------------------------------------

/**
 * The kubectl engine's answer as the one `output` text the CLI reports, in the order a terminal shows it:
 * kubectl's warnings (printed before it acts), what it printed, then its errors (printed when it ends).
 */
function runKubectlLine(sim: Simulation, line: string, files?: ReadonlyMap<string, string>): CommandResult {
  const r = runKubectl({ sim, ...(files ? { files } : {}) }, line);
  const errLines = r.stderr.split('\n');
  const isWarning = (l: string) => /^(Warning|warning): |^W\d{4} /.test(l);
  const warnings = errLines.filter(isWarning).map((l) => `${l}\n`).join('');
  const errors = errLines.filter((l) => !isWarning(l)).join('\n');
  const output = `${warnings}${r.stdout}${errors}`.replace(/\n$/, '');
  // A command that only waits (delete until its objects are gone) prints nothing more: the record is complete.
  if (r.stream?.waitOnly) {
    r.stream.stop();
    return { exitCode: r.exitCode, output };
  }
  return { exitCode: r.exitCode, output, ...(r.stream ? { stream: r.stream } : {}) };
}
