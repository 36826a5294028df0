// kubectl's command line for `get`: pflag-style flags (`-n x`, `-nx`, `-n=x`, `--namespace x`,
// `--namespace=x`, grouped booleans `-Aw`), the subcommand, and the positional resource arguments.
// Error texts are kubectl 1.35's (cobra/pflag through kubectl's flag error handler).
import { splitArgs } from './split-args.ts';

export type OutputFormat = '' | 'wide' | 'yaml' | 'json' | 'name' | 'jsonpath' | 'jsonpath-as-json' | 'custom-columns';

/** The template printers: `-o NAME=TEMPLATE`, or `-o NAME` with `--template TEMPLATE` (cli-runtime JSONPathPrintFlags). */
const TEMPLATE_FORMATS = ['jsonpath', 'jsonpath-as-json', 'custom-columns'] as const;
/** Template formats kubectl has that the simulator does not print. */
const UNSIMULATED_TEMPLATE_FORMATS = ['go-template', 'go-template-file', 'template', 'templatefile', 'jsonpath-file', 'custom-columns-file'];

export interface GetOptions {
  namespace: string;
  allNamespaces: boolean;
  selector?: string;
  output: OutputFormat;
  showLabels: boolean;
  watch: boolean;
  /** The template of `-o jsonpath=…`, `-o custom-columns=…` (or `--template`); '' when none was given. */
  template: string;
  /** `--template`, which supplies the template when `-o` names only the format. */
  templateFlag: string;
  noHeaders: boolean;
  /** `--allow-missing-template-keys` (default true): a missing field prints nothing instead of failing. */
  allowMissingTemplateKeys: boolean;
  /** Positional arguments after `get`. */
  args: string[];
}

export type Parsed = { ok: true; command: string; options: GetOptions } | { ok: false; exitCode: number; stderr: string };

interface FlagDef {
  long: string;
  short?: string;
  value: boolean;
  set(o: GetOptions, v: string): string | null;
}

const boolValue = (v: string): boolean | null => (['1', 't', 'T', 'true', 'TRUE', 'True'].includes(v) ? true : ['0', 'f', 'F', 'false', 'FALSE', 'False'].includes(v) ? false : null);

const ALLOWED_FORMATS = 'custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,kyaml,name,template,templatefile,wide,yaml';

const FLAGS: FlagDef[] = [
  { long: 'namespace', short: 'n', value: true, set: (o, v) => ((o.namespace = v), null) },
  { long: 'all-namespaces', short: 'A', value: false, set: (o, v) => setBool(v, (b) => (o.allNamespaces = b), 'all-namespaces') },
  { long: 'selector', short: 'l', value: true, set: (o, v) => ((o.selector = v), null) },
  { long: 'show-labels', value: false, set: (o, v) => setBool(v, (b) => (o.showLabels = b), 'show-labels') },
  { long: 'watch', short: 'w', value: false, set: (o, v) => setBool(v, (b) => (o.watch = b), 'watch') },
  { long: 'template', value: true, set: (o, v) => ((o.templateFlag = v), null) },
  { long: 'no-headers', value: false, set: (o, v) => setBool(v, (b) => (o.noHeaders = b), 'no-headers') },
  { long: 'allow-missing-template-keys', value: false, set: (o, v) => setBool(v, (b) => (o.allowMissingTemplateKeys = b), 'allow-missing-template-keys') },
  {
    long: 'output',
    short: 'o',
    value: true,
    set(o, v) {
      if (v === 'wide' || v === 'yaml' || v === 'json' || v === 'name' || v === '') {
        o.output = v;
        return null;
      }
      for (const f of TEMPLATE_FORMATS) {
        if (v === f || v.startsWith(`${f}=`)) {
          o.output = f;
          o.template = v.slice(f.length + 1);
          return null;
        }
      }
      if (v === 'kyaml' || UNSIMULATED_TEMPLATE_FORMATS.some((f) => v === f || v.startsWith(`${f}=`))) {
        return `error: the output format "${v}" is not supported by this simulator yet (supported: wide, yaml, json, name, jsonpath, jsonpath-as-json, custom-columns)`;
      }
      return `error: unable to match a printer suitable for the output format "${v}", allowed formats are: ${ALLOWED_FORMATS}`;
    },
  },
];

function setBool(v: string, apply: (b: boolean) => void, name: string): string | null {
  const b = boolValue(v);
  if (b === null) return `error: invalid argument "${v}" for "--${name}" flag: strconv.ParseBool: parsing "${v}": invalid syntax`;
  apply(b);
  return null;
}

const usage = (command: string) => (command ? `See 'kubectl ${command} --help' for usage.` : `See 'kubectl --help' for usage.`);

/** Parses the words after `kubectl` (global flags may come before the subcommand). */
export function parseArgs(words: readonly string[]): Parsed {
  const options: GetOptions = { namespace: 'default', allNamespaces: false, output: '', showLabels: false, watch: false, template: '', templateFlag: '', noHeaders: false, allowMissingTemplateKeys: true, args: [] };
  const command = words.includes('get') ? 'get' : firstPositional(words);
  const positional: string[] = [];
  const fail = (msg: string): Parsed => ({ ok: false, exitCode: 1, stderr: `${msg}\n${usage(command)}\n` });
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (w === '--') {
      positional.push(...words.slice(i + 1));
      break;
    }
    if (w.startsWith('--')) {
      const eq = w.indexOf('=');
      const name = eq < 0 ? w.slice(2) : w.slice(2, eq);
      const def = FLAGS.find((f) => f.long === name);
      if (!def) return fail(`error: unknown flag: --${name}`);
      let value: string;
      if (eq >= 0) value = w.slice(eq + 1);
      else if (!def.value) value = 'true';
      else if (i + 1 < words.length) value = words[++i]!;
      else return fail(`error: flag needs an argument: --${name}`);
      const err = def.set(options, value);
      if (err) return { ok: false, exitCode: 1, stderr: `${err}\n` };
    } else if (w.startsWith('-') && w.length > 1) {
      for (let j = 1; j < w.length; j++) {
        const c = w[j]!;
        const def = FLAGS.find((f) => f.short === c);
        if (!def) return fail(`error: unknown shorthand flag: '${c}' in ${w}`);
        let value: string;
        if (!def.value) {
          if (w[j + 1] === '=') {
            value = w.slice(j + 2);
            j = w.length;
          } else value = 'true';
        } else {
          const rest = w.slice(j + 1);
          if (rest !== '') value = rest.startsWith('=') ? rest.slice(1) : rest;
          else if (i + 1 < words.length) value = words[++i]!;
          else return fail(`error: flag needs an argument: '${c}' in -${c}`);
          j = w.length;
        }
        const err = def.set(options, value);
        if (err) return { ok: false, exitCode: 1, stderr: `${err}\n` };
      }
    } else positional.push(w);
  }
  const sub = positional.shift() ?? '';
  options.args = positional;
  return { ok: true, command: sub, options };
}

function firstPositional(words: readonly string[]): string {
  return words.find((w) => !w.startsWith('-')) ?? '';
}

/** Splits and parses a whole line (`kubectl get pods -n x`); the leading `kubectl` is optional. */
export function parseCommandLine(line: string): Parsed {
  const split = splitArgs(line);
  if (!split.ok) return { ok: false, exitCode: 2, stderr: `${split.error}\n` };
  const words = split.words[0] === 'kubectl' ? split.words.slice(1) : split.words;
  return parseArgs(words);
}
