// `kubectl get`: resolves resource arguments like kubectl's resource builder, reads the simulated API
// server, and prints tables (reference §1.6, §2.5, §3.13, §4.14, §5.13), names, JSON or YAML as kubectl
// 1.35 does (kubectl pkg/cmd/get: kind prefixes only when several kinds are printed, a blank line between
// tables, `No resources found …` on stderr with exit 0, `List` wrapping unless one named object).
import type { ApiServer } from '../api/api-server.ts';
import type { KubeObject } from '../api/objects.ts';
import { KINDS, kindForResource } from '../schema/index.ts';
import type { KindEntry } from '../schema/index.ts';
import { parseArgs } from './parse.ts';
import type { GetOptions } from './parse.ts';
import { columnsFor } from './printers/columns.ts';
import { printJSON } from './printers/json.ts';
import { formatLabels } from './printers/label-selector.ts';
import { tabwrite } from './printers/tabwriter.ts';
import { printTemplate } from './printers/template-output.ts';
import { printYAML } from './printers/yaml.ts';
import { parseSelector } from './selector.ts';

export interface CommandResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** `kubectl get all`: the `all` category in discovery order (core, apps, batch; resources in document order). */
const ALL_ORDER = ['Pod', 'Service', 'Deployment', 'ReplicaSet', 'CronJob', 'Job'];

const REQUIRED_RESOURCE =
  'You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n\n' +
  'error: Required resource not specified.\n' +
  'Use "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).\n' +
  "See 'kubectl get -h' for help and examples\n";

/** `pods`, `deployments.apps`: the resource as the API server names it in errors. */
export function qualifiedResource(k: KindEntry): string {
  return k.group ? `${k.resource}.${k.group}` : k.resource;
}

/** `pod`, `deployment.apps`: the `-o name` / `get all` prefix. */
export function kindPrefix(k: KindEntry): string {
  return k.group ? `${k.kind.toLowerCase()}.${k.group}` : k.kind.toLowerCase();
}

interface Request {
  kind: KindEntry;
  names: string[] | null;
}

type Resolved = { ok: true; requests: Request[]; singleItem: boolean } | { ok: false; error: string };

function resolveType(t: string): KindEntry[] | string {
  if (t.toLowerCase() === 'all') return ALL_ORDER.map((k) => KINDS.find((e) => e.kind === k)!);
  const k = kindForResource(t);
  return k ? [k] : `error: the server doesn't have a resource type "${t}"`;
}

function resolveArgs(args: string[], o: GetOptions): Resolved {
  if (args.some((a) => a.includes('/'))) {
    if (!args.every((a) => a.includes('/'))) {
      return { ok: false, error: "error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'" };
    }
    if (o.selector !== undefined) return { ok: false, error: 'error: selectors and the all flag cannot be used when passing resource/name arguments' };
    const requests: Request[] = [];
    for (const a of args) {
      const slash = a.indexOf('/');
      const kinds = resolveType(a.slice(0, slash));
      if (typeof kinds === 'string') return { ok: false, error: kinds };
      const name = a.slice(slash + 1);
      if (name === '') return { ok: false, error: `error: arguments in resource/name form must have a single resource and name` };
      requests.push({ kind: kinds[0]!, names: [name] });
    }
    return { ok: true, requests, singleItem: args.length === 1 };
  }
  const types = args[0]!.split(',').filter((t) => t !== '');
  const names = args.slice(1);
  if (names.length > 0 && o.selector !== undefined) return { ok: false, error: 'error: name cannot be provided when a selector is specified' };
  const requests: Request[] = [];
  for (const t of types) {
    const kinds = resolveType(t);
    if (typeof kinds === 'string') return { ok: false, error: kinds };
    for (const k of kinds) if (!requests.some((r) => r.kind === k)) requests.push({ kind: k, names: names.length ? names : null });
  }
  return { ok: true, requests, singleItem: types.length === 1 && types[0]!.toLowerCase() !== 'all' && names.length === 1 };
}

/** Runs `kubectl get <args>` (`args` are the words after `get`) against the simulated cluster at `nowMs`. */
export function runGet(api: ApiServer, nowMs: number, args: string[]): CommandResult {
  const parsed = parseArgs(['get', ...args]);
  if (!parsed.ok) return { exitCode: parsed.exitCode, stdout: '', stderr: parsed.stderr };
  return get(api, nowMs, parsed.options);
}

export function get(api: ApiServer, nowMs: number, o: GetOptions): CommandResult {
  const fail = (msg: string): CommandResult => ({ exitCode: 1, stdout: '', stderr: `${msg}\n` });
  if (o.watch) return fail('error: --watch is not supported by this simulator yet');
  if (o.args.length === 0) return { exitCode: 1, stdout: '', stderr: REQUIRED_RESOURCE };
  const resolved = resolveArgs(o.args, o);
  if (!resolved.ok) return fail(resolved.error);
  if (o.allNamespaces && resolved.requests.some((r) => r.names)) return fail('error: a resource cannot be retrieved by name across all namespaces');
  let selector;
  if (o.selector !== undefined) {
    const s = parseSelector(o.selector);
    if (!s.ok) return fail(`error: ${s.error}`);
    selector = s.selector;
  }

  // Fetch, in request order; NotFound errors are collected and printed after the output.
  const found: { kind: KindEntry; obj: KubeObject }[] = [];
  const errors: string[] = [];
  for (const r of resolved.requests) {
    const ns = r.kind.namespaced ? o.namespace : undefined;
    if (r.names) {
      for (const name of r.names) {
        const obj = api.get(r.kind.kind, ns, name);
        if (obj) found.push({ kind: r.kind, obj });
        else errors.push(`Error from server (NotFound): ${qualifiedResource(r.kind)} "${name}" not found`);
      }
    } else {
      const list = api.list(r.kind.kind, { namespace: o.allNamespaces ? undefined : ns, selector });
      for (const obj of list) found.push({ kind: r.kind, obj });
    }
  }
  const stderr = errors.map((e) => `${e}\n`).join('');
  const exitCode = errors.length ? 1 : 0;

  if (o.output === 'json' || o.output === 'yaml') {
    if (resolved.singleItem && errors.length) return { exitCode, stdout: '', stderr };
    const body = resolved.singleItem && found.length === 1 ? stripManaged(found[0]!.obj) : { apiVersion: 'v1', items: found.map((f) => stripManaged(f.obj)), kind: 'List', metadata: { resourceVersion: '' } };
    return { exitCode, stdout: o.output === 'json' ? printJSON(body) : printYAML(body), stderr };
  }
  if (o.output === 'jsonpath' || o.output === 'jsonpath-as-json' || o.output === 'custom-columns') {
    // printGeneric: a NotFound for the one named object ends the command before a printer exists.
    if (resolved.singleItem && errors.length) return { exitCode, stdout: '', stderr };
    const single = resolved.singleItem && found.length === 1;
    const printed = printTemplate(o, single ? stripManaged(found[0]!.obj) : found.map((f) => stripManaged(f.obj)));
    // checkErr ends the message with a newline unless it has one (jsonpath's debug text ends with three).
    if (!printed.ok) return { exitCode: 1, stdout: printed.stdout, stderr: `${stderr}${printed.error.endsWith('\n') ? printed.error : `${printed.error}\n`}` };
    return { exitCode, stdout: printed.stdout, stderr };
  }
  if (o.templateFlag !== '' && o.output === '') return fail('error: the output format "go-template" (a --template without -o) is not supported by this simulator yet (supported: wide, yaml, json, name, jsonpath, jsonpath-as-json, custom-columns)');
  if (o.output === 'name') {
    return { exitCode, stdout: found.map((f) => `${kindPrefix(f.kind)}/${f.obj.metadata.name}\n`).join(''), stderr };
  }

  const printWithKind = new Set(found.map((f) => f.kind)).size > 1;
  let stdout = '';
  for (const r of resolved.requests) {
    const objs = found.filter((f) => f.kind === r.kind).map((f) => f.obj);
    if (objs.length === 0) continue;
    if (stdout !== '') stdout += '\n';
    stdout += table(r.kind, objs, nowMs, o, printWithKind);
  }
  if (stdout === '' && errors.length === 0) {
    // kubectl narrows "all namespaced" over the objects it printed — none here — so only -A drops the
    // namespace (even `get nodes` on an empty list says `in default namespace.`).
    return { exitCode: 0, stdout: '', stderr: o.allNamespaces ? 'No resources found\n' : `No resources found in ${o.namespace} namespace.\n` };
  }
  return { exitCode, stdout, stderr };
}

function table(kind: KindEntry, objs: KubeObject[], nowMs: number, o: GetOptions, withKind: boolean): string {
  const wide = o.output === 'wide';
  const cols = columnsFor(kind.kind);
  const withNamespace = o.allNamespaces && kind.namespaced;
  const header = cols.allHeaders(wide);
  const rows: string[][] = o.noHeaders ? [] : [[...(withNamespace ? ['NAMESPACE'] : []), ...header, ...(o.showLabels ? ['LABELS'] : [])]];
  for (const obj of objs) {
    const name = withKind ? `${kindPrefix(kind)}/${obj.metadata.name}` : obj.metadata.name;
    rows.push([
      ...(withNamespace ? [obj.metadata.namespace ?? ''] : []),
      ...(cols.hasName ? [name] : []),
      ...cols.cells(obj, nowMs, wide),
      ...(o.showLabels ? [formatLabels(obj.metadata.labels)] : []),
    ]);
  }
  return tabwrite(rows);
}

/** kubectl hides metadata.managedFields unless --show-managed-fields. */
function stripManaged(obj: KubeObject): KubeObject {
  if (!('managedFields' in obj.metadata)) return obj;
  const { managedFields: _hidden, ...metadata } = obj.metadata;
  return { ...obj, metadata: metadata as KubeObject['metadata'] };
}
