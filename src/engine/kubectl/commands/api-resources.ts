// `kubectl api-resources` (kubectl pkg/cmd/apiresources): the discovery list of discovery.ts, filtered by
// --api-group, --namespaced, --verbs and --categories, sorted by group then name (or --sort-by=name|kind), and
// printed as a table (-o wide adds VERBS and CATEGORIES), names (`deployments.apps`) or the APIResourceList as
// JSON/YAML. Texts follow tests/golden/kubectl-oracle 02, 03 and tests/golden/kubectl-read-misc. The simulated
// server serves core/v1, apps/v1, batch/v1 and kubeflow.org/v1 only; a real cluster lists about twenty more
// groups (see discovery.ts).
import type { Simulation } from '../../sim/simulation.ts';
import type { KubectlResult } from '../context.ts';
import { API_RESOURCES } from '../discovery.ts';
import type { ApiResource } from '../discovery.ts';
import { printTypedJSON } from '../printers/json.ts';
import { tabwrite } from '../printers/tabwriter.ts';
import { printYAML } from '../printers/yaml.ts';
import { fail, isResult, parseFlags } from './common.ts';

const TRUE = ['1', 't', 'T', 'true', 'TRUE', 'True'];
const FALSE = ['0', 'f', 'F', 'false', 'FALSE', 'False'];

/** pflag's StringSlice: comma-separated values, repeated flags appended (only the last occurrence is kept here). */
const slice = (v: string | undefined): string[] => (v === undefined || v === '' ? [] : v.split(','));

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const apiVersion = (r: ApiResource): string => (r.group ? `${r.group}/${r.version}` : r.version);

/** Runs `kubectl api-resources <args>`. */
export function apiResources(_sim: Simulation, args: string[]): KubectlResult {
  const flags = parseFlags(
    args,
    [
      { long: 'api-group' },
      { long: 'namespaced', bool: true },
      { long: 'verbs' },
      { long: 'sort-by' },
      { long: 'cached', bool: true },
      { long: 'categories' },
      { long: 'output', short: 'o' },
      { long: 'no-headers', bool: true },
    ],
    'api-resources',
  );
  if (isResult(flags)) return flags;
  for (const name of ['namespaced', 'cached', 'no-headers']) {
    const v = flags.values.get(name);
    if (v !== undefined && !TRUE.includes(v) && !FALSE.includes(v)) {
      return fail(`error: invalid argument "${v}" for "--${name}" flag: strconv.ParseBool: parsing "${v}": invalid syntax\nSee 'kubectl api-resources --help' for usage.`);
    }
  }
  if (flags.positional.length) return fail(`error: unexpected arguments: [${flags.positional.join(' ')}]\nSee 'kubectl api-resources -h' for help and examples`);
  const output = flags.values.get('output') ?? '';
  if (!['', 'wide', 'name', 'json', 'yaml'].includes(output)) {
    return fail(`error: unable to match a printer suitable for the output format "${output}", allowed formats are: json,yaml,name,wide`);
  }
  const sortBy = flags.values.get('sort-by') ?? '';
  if (!['', 'name', 'kind'].includes(sortBy)) return fail('error: --sort-by accepts only name or kind');

  const group = flags.values.get('api-group');
  const namespaced = flags.values.get('namespaced');
  const verbs = slice(flags.values.get('verbs'));
  const categories = slice(flags.values.get('categories'));
  const rows = API_RESOURCES.filter(
    (r) =>
      (group === undefined || r.group === group) &&
      (namespaced === undefined || r.namespaced === TRUE.includes(namespaced)) &&
      verbs.every((v) => r.verbs.includes(v)) &&
      categories.every((c) => r.categories.includes(c)),
  );
  // sortableResource: by group (or name / kind), ties by name; sort.Stable.
  const key = (r: ApiResource) => (sortBy === 'name' ? r.name : sortBy === 'kind' ? r.kind : r.group);
  const sorted = rows.map((r, i) => ({ r, i })).sort((a, b) => compare(key(a.r), key(b.r)) || compare(a.r.name, b.r.name) || a.i - b.i).map((x) => x.r);

  if (output === 'json' || output === 'yaml') {
    const resources = sorted.map((r) => ({
      name: r.name,
      singularName: r.singularName,
      namespaced: r.namespaced,
      group: r.group || undefined,
      version: r.version,
      kind: r.kind,
      verbs: [...r.verbs],
      shortNames: r.shortNames.length ? [...r.shortNames] : undefined,
      categories: r.categories.length ? [...r.categories] : undefined,
    }));
    const list = { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: '', resources };
    return { exitCode: 0, stdout: output === 'json' ? printTypedJSON(list) : printYAML(JSON.parse(JSON.stringify(list)) as object), stderr: '' };
  }
  if (output === 'name') return { exitCode: 0, stdout: sorted.map((r) => `${r.name}${r.group ? `.${r.group}` : ''}\n`).join(''), stderr: '' };
  const wide = output === 'wide';
  const noHeaders = TRUE.includes(flags.values.get('no-headers') ?? 'false');
  const table: string[][] = [];
  if (!noHeaders) table.push(['NAME', 'SHORTNAMES', 'APIVERSION', 'NAMESPACED', 'KIND', ...(wide ? ['VERBS', 'CATEGORIES'] : [])]);
  for (const r of sorted) {
    table.push([r.name, r.shortNames.join(','), apiVersion(r), String(r.namespaced), r.kind, ...(wide ? [r.verbs.join(','), r.categories.join(',')] : [])]);
  }
  return { exitCode: 0, stdout: tabwrite(table), stderr: '' };
}
