// `kubectl explain TYPE[.field.path] [--recursive] [--api-version=G/V] [-o plaintext]`, as kubectl 1.35 runs it
// (kubectl pkg/cmd/explain, pkg/explain SplitAndParseResourceRequest[WithMatchingPrefix], pkg/explain/v2):
// the argument is read as a JSONPath of field names, the resource resolved through discovery (plural, singular,
// short name or kind; `jobs.batch.spec` also names the group), and the schema rendered by render.ts. Texts and
// exit codes follow the kubectl 1.35.2 recordings (tests/golden/kubectl-oracle 28–31, tests/golden/kubectl-explain).
import type { Simulation } from '../../sim/simulation.ts';
import { KINDS } from '../../schema/index.ts';
import type { KindEntry } from '../../schema/index.ts';
import { fail, isResult, parseFlags } from '../commands/common.ts';
import type { KubectlResult } from '../context.ts';
import { apiResourceFor, notSimulatedText, simulatedKind } from '../discovery.ts';
import type { ApiResource } from '../discovery.ts';
import { parseJsonPath } from '../printers/jsonpath-parser.ts';
import type { JsonPathNode } from '../printers/jsonpath-parser.ts';
import { publishedKindSchema } from './document.ts';
import { header, output } from './render.ts';

const SUGGEST_API_RESOURCES = 'Use "kubectl api-resources" for a complete list of supported resources.';

type Split = { ok: true; resource: ApiResource; fields: string[] } | { ok: false; error: string };

/** jsonPathParse of pkg/explain: `{.` + in + `}` parsed, trailing `.` dropped; the nodes of the one action. */
function jsonPathNodes(input: string): JsonPathNode[] | string {
  const text = input.endsWith('.') ? input.slice(0, -1) : input;
  const parsed = parseJsonPath(`{.${text}}`);
  if (!parsed.ok) return parsed.error;
  if (parsed.root.nodes.length !== 1) return 'must pass in 1 jsonpath string';
  const list = parsed.root.nodes[0]!;
  return list.type === 'list' ? list.nodes : [list];
}

function fieldNames(nodes: readonly JsonPathNode[], error: string): string[] | string {
  const out: string[] = [];
  for (const n of nodes) {
    if (n.type !== 'field') return error;
    out.push(n.value);
  }
  return out;
}

const groupResource = (a: ApiResource): string => (a.group ? `${a.name}.${a.group}` : a.name);

/**
 * SplitAndParseResourceRequestWithMatchingPrefix (no --api-version) or SplitAndParseResourceRequest (with it):
 * the resource of the first field and the field path after it.
 */
function splitRequest(arg: string, matchingPrefix: boolean): Split {
  const nodes = jsonPathNodes(arg);
  if (typeof nodes === 'string') return { ok: false, error: `error: ${nodes}` };
  const first = nodes[0];
  if (!first || first.type !== 'field') return { ok: false, error: 'error: invalid jsonpath syntax, first node must be field node' };
  const resource = apiResourceFor(first.value.includes('.') ? '' : first.value);
  if (!resource) return { ok: false, error: `the server doesn't have a resource type "${first.value}"` };
  if (!matchingPrefix) {
    const fields = fieldNames(nodes.slice(1), 'error: invalid jsonpath syntax, all nodes must be field nodes');
    return typeof fields === 'string' ? { ok: false, error: fields } : { ok: true, resource, fields };
  }
  const firstNodeError = 'error: invalid jsonpath syntax, first node must be field node';
  const gr = groupResource(resource);
  if (arg.startsWith(gr)) {
    // `jobs.batch.spec`: the rest after the group is parsed again; its first node (`..` or a field) is dropped.
    const suffix = arg.slice(gr.length);
    if (suffix === '') return { ok: true, resource, fields: [] };
    const rest = jsonPathNodes(suffix);
    if (typeof rest === 'string') return { ok: false, error: `error: ${rest}` };
    const fields = fieldNames(rest.slice(1), firstNodeError);
    return typeof fields === 'string' ? { ok: false, error: fields } : { ok: true, resource, fields };
  }
  const fields = fieldNames(nodes.slice(1), firstNodeError);
  return typeof fields === 'string' ? { ok: false, error: fields } : { ok: true, resource, fields };
}

/** The OpenAPI documents the lab's server publishes: one per group/version of the simulated kinds. */
const PUBLISHED_GROUP_VERSIONS = new Set(KINDS.map((k) => `${k.group}/${k.version}`));

function parseBool(name: string, v: string | undefined): boolean | string {
  if (v === undefined) return false;
  if (['1', 't', 'T', 'true', 'TRUE', 'True'].includes(v)) return true;
  if (['0', 'f', 'F', 'false', 'FALSE', 'False'].includes(v)) return false;
  return `error: invalid argument "${v}" for "--${name}" flag: strconv.ParseBool: parsing "${v}": invalid syntax\nSee 'kubectl explain --help' for usage.`;
}

/** Runs `kubectl explain <args>` (the words after `explain`). */
export function explain(_sim: Simulation, args: string[]): KubectlResult {
  const flags = parseFlags(args, [{ long: 'recursive', bool: true }, { long: 'api-version' }, { long: 'output', short: 'o' }], 'explain');
  if (isResult(flags)) return flags;
  const recursive = parseBool('recursive', flags.values.get('recursive'));
  if (typeof recursive === 'string') return fail(recursive);
  if (flags.positional.length === 0) return fail(`error: You must specify the type of resource to explain. ${SUGGEST_API_RESOURCES}`);
  if (flags.positional.length > 1) return fail('error: We accept only this format: explain RESOURCE');
  const apiVersion = flags.values.get('api-version') ?? '';
  const split = splitRequest(flags.positional[0]!, apiVersion === '');
  if (!split.ok) return fail(split.error);
  const kind = simulatedKind(split.resource);
  if (!kind) return fail(notSimulatedText(split.resource));

  const format = flags.values.get('output') ?? 'plaintext';
  if (format === 'plaintext-openapiv2') return fail('error: --output=plaintext-openapiv2 (the OpenAPI v2 renderer) is not simulated by this lab; use the default plaintext output');
  if (format !== 'plaintext') return fail(`error: unrecognized format: ${format}`);

  let group = kind.group;
  let version = kind.version;
  if (apiVersion !== '') {
    const parts = apiVersion.split('/');
    if (parts.length > 2) return fail(`error: unexpected GroupVersion string: ${apiVersion}`);
    [group, version] = parts.length === 2 ? [parts[0]!, parts[1]!] : ['', parts[0]!];
  }
  const gvr = `${group}/${version}, Resource=${kind.resource}`;
  if (!PUBLISHED_GROUP_VERSIONS.has(`${group}/${version}`)) return fail(`error: couldn't find resource for "${gvr}"`);
  const served: KindEntry | undefined = KINDS.find((k) => k.group === group && k.version === version && k.resource === kind.resource);
  if (!served) return fail(`error: GVR (${gvr}) not found in OpenAPI schema`);
  return render(served, split.fields, recursive);
}

function render(kind: KindEntry, fields: string[], recursive: boolean): KubectlResult {
  const schema = publishedKindSchema(kind)!;
  const head = header(kind.group, kind.kind, kind.version);
  const body = output(schema, fields, recursive);
  // kubectl has written the header when the template fails on a missing field.
  if (body === '') return { exitCode: 1, stdout: head, stderr: `error: field "${fields[fields.length - 1]}" does not exist\n` };
  return { exitCode: 0, stdout: `${head}${body}\n`, stderr: '' };
}
