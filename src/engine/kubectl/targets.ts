// kubectl's resource builder for the commands that act on existing objects (delete, scale, rollout status,
// cordon): `TYPE NAME…`, `TYPE/NAME…`, `TYPE1,TYPE2 NAME`, `TYPE -l SELECTOR`, `TYPE --all`, `-A`, with the
// builder's own error texts (cli-runtime pkg/resource/builder.go, kubectl 1.35). Objects come back in the
// order kubectl visits them; a missing name is a NotFound error for that name only (ContinueOnError).
import type { ApiServer } from '../api/api-server.ts';
import { notFound } from '../api/api-error.ts';
import type { LabelSelector } from '../api/kinds.ts';
import type { KubeObject } from '../api/objects.ts';
import { KINDS, kindForResource, type KindEntry } from '../schema/index.ts';
import { plainError, statusError, type KubeError } from './errors.ts';
import { parseSelector } from './selector.ts';

export const MISSING_RESOURCE =
  'You must provide one or more resources by argument or filename.\n' +
  'Example resource specifications include:\n' +
  "   '-f rsrc.yaml'\n" +
  "   '--filename=rsrc.json'\n" +
  "   '<resource> <name>'\n" +
  "   '<resource>'";

export interface TargetOptions {
  namespace: string;
  allNamespaces?: boolean;
  selector?: string;
  all?: boolean;
  /** `rollout status deployment` / `get pods`: a type alone means every object of it. */
  allowEmptySelector?: boolean;
}

/** One object found, with the kind kubectl mapped it to. */
export interface Found {
  kind: KindEntry;
  object: KubeObject;
}

export interface Visit {
  found: Found[];
  /** Every object named or selected, in visiting order, found or not (delete acts by name without a GET). */
  named: { kind: KindEntry; name: string; namespace?: string }[];
  /** NotFound for names that do not exist, in visiting order. */
  errors: KubeError[];
  /** True when objects were selected (selector, --all, bare type): kubectl then ignores NotFound. */
  bulk: boolean;
}

/** `pods,deployments` → the types (SplitResourceArgument). */
function splitTypes(arg: string): string[] {
  return arg.split(',').filter((t) => t !== '');
}

function mapType(t: string): KindEntry | KubeError {
  if (t.toLowerCase() === 'all') return plainError(`the "all" category is not supported by this command in the simulator; name the types, e.g. deployments,jobs`);
  const k = kindForResource(t);
  return k ?? plainError(`the server doesn't have a resource type "${t}"`);
}

const isError = (x: KindEntry | KubeError): x is KubeError => 'type' in x && !('kind' in x);

/** Finds the objects `args` name (the positional arguments), or the error that stops the command. */
export function visitTargets(api: ApiServer, args: readonly string[], o: TargetOptions): Visit | KubeError {
  const selectorText = o.all ? (o.selector ? null : '') : o.selector;
  if (o.all && o.selector) return plainError("setting 'all' parameter but found a non empty selector. ");
  const slashed = args.filter((a) => a.includes('/')).length;
  if (slashed > 0 && slashed !== args.length) {
    return plainError("there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'");
  }
  if (slashed > 0) {
    const tuples: { kind: KindEntry; name: string }[] = [];
    for (const a of args) {
      const seg = a.split('/');
      if (seg.length !== 2) return plainError('arguments in resource/name form may not have more than one slash');
      if (seg[0] === '' || seg[1] === '' || splitTypes(seg[0]!).length !== 1) return plainError('arguments in resource/name form must have a single resource and name');
      const k = mapType(seg[0]!);
      if (isError(k)) return k;
      tuples.push({ kind: k, name: seg[1]! });
    }
    if (selectorText !== undefined) return plainError('selectors and the all flag cannot be used when passing resource/name arguments');
    if (o.allNamespaces) return plainError('a resource cannot be retrieved by name across all namespaces');
    return byName(api, tuples, o.namespace);
  }
  if (args.length === 0) return plainError(MISSING_RESOURCE);
  const kinds: KindEntry[] = [];
  for (const t of splitTypes(args[0]!)) {
    const k = mapType(t);
    if (isError(k)) return k;
    if (!kinds.includes(k)) kinds.push(k);
  }
  const names = args.slice(1);
  if (selectorText !== undefined || (names.length === 0 && o.allowEmptySelector)) {
    if (names.length) return plainError('name cannot be provided when a selector is specified');
    let selector: LabelSelector | undefined;
    if (selectorText) {
      const s = parseSelector(selectorText);
      if (!s.ok) return plainError(s.error);
      selector = s.selector;
    }
    const found: Found[] = [];
    for (const kind of kinds) {
      const namespace = kind.namespaced && !o.allNamespaces ? o.namespace : undefined;
      for (const object of api.list(kind.kind, { ...(namespace !== undefined ? { namespace } : {}), ...(selector ? { selector } : {}) })) found.push({ kind, object });
    }
    return { found, named: found.map((f) => ({ kind: f.kind, name: f.object.metadata.name, namespace: f.object.metadata.namespace })), errors: [], bulk: true };
  }
  if (names.length === 0) return plainError('resource(s) were provided, but no name was specified');
  if (o.allNamespaces) return plainError('a resource cannot be retrieved by name across all namespaces');
  return byName(api, kinds.flatMap((kind) => names.map((name) => ({ kind, name }))), o.namespace);
}

function byName(api: ApiServer, tuples: { kind: KindEntry; name: string }[], namespace: string): Visit {
  const found: Found[] = [];
  const errors: KubeError[] = [];
  for (const { kind, name } of tuples) {
    const object = api.get(kind.kind, kind.namespaced ? namespace : undefined, name);
    if (object) found.push({ kind, object });
    else errors.push(statusError(notFound(kind.resource, kind.group, name)));
  }
  const named = tuples.map(({ kind, name }) => ({ kind, name, ...(kind.namespaced ? { namespace } : {}) }));
  return { found, named, errors, bulk: false };
}

/** The kind entry of a stored object. */
export function entryOf(obj: KubeObject): KindEntry | undefined {
  return KINDS.find((k) => k.kind === obj.kind);
}
