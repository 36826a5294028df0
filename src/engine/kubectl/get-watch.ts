// `kubectl get … -w` / `--watch-only` (kubectl pkg/cmd/get/get.go watch()): one resource type; the current
// objects are printed as the usual table (unless --watch-only), then every change to a matching object
// (added, modified, deleted) prints that object's row as simulated time passes. Each change is flushed on its
// own, through kubectl's tabwriter with RememberWidths (cli-runtime printers/tabwriter.go, liggitt/tabwriter):
// a column is as wide as the widest cell seen so far, so rows line up with the header until a longer cell
// (`ContainerCreating`) widens its column from then on. The header is printed once, with the first row.
// `-o name|yaml|json` print each object instead. The stream never ends by itself; Ctrl+C (stop) releases it.
import type { KubeObject } from '../api/objects.ts';
import type { LabelSelector } from '../api/kinds.ts';
import { kindForResource, type KindEntry } from '../schema/index.ts';
import { selectorMatches, labelSelectorAsSelector } from '../validate/rules/meta.ts';
import type { KubectlContext, KubectlResult } from './context.ts';
import { get, kindPrefix, qualifiedResource } from './get.ts';
import { parseArgs, type GetOptions } from './parse.ts';
import { columnsFor } from './printers/columns.ts';
import { printJSON } from './printers/json.ts';
import { formatLabels } from './printers/label-selector.ts';
import { printYAML } from './printers/yaml.ts';
import { parseSelector } from './selector.ts';
import { CommandStream } from './stream.ts';

const TRUE = ['1', 't', 'T', 'true', 'TRUE', 'True'];
const FALSE = ['0', 'f', 'F', 'false', 'FALSE', 'False'];

/** Takes `--watch-only[=bool]` out of the words (parse.ts reads the rest). */
function takeWatchOnly(words: readonly string[]): { rest: string[]; watchOnly: boolean } | string {
  const rest: string[] = [];
  let watchOnly = false;
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (w === '--') {
      rest.push(...words.slice(i));
      break;
    }
    if (w === '--watch-only') watchOnly = true;
    else if (w.startsWith('--watch-only=')) {
      const v = w.slice('--watch-only='.length);
      if (!TRUE.includes(v) && !FALSE.includes(v)) return `error: invalid argument "${v}" for "--watch-only" flag: strconv.ParseBool: parsing "${v}": invalid syntax\nSee 'kubectl get --help' for usage.\n`;
      watchOnly = TRUE.includes(v);
    } else rest.push(w);
  }
  return { rest, watchOnly };
}

/** `kubectl get` (words after `get`): the plain listing, or the watch. */
export function getCommand(ctx: KubectlContext, args: string[]): KubectlResult {
  const taken = takeWatchOnly(args);
  if (typeof taken === 'string') return { exitCode: 1, stdout: '', stderr: taken };
  const parsed = parseArgs(['get', ...taken.rest]);
  if (!parsed.ok) return { exitCode: parsed.exitCode, stdout: '', stderr: parsed.stderr };
  const o = parsed.options;
  if (!o.watch && !taken.watchOnly) return get(ctx.sim.api, ctx.sim.now(), o);
  return watch(ctx, o, taken.watchOnly);
}

const fail = (msg: string): KubectlResult => ({ exitCode: 1, stdout: '', stderr: `${msg}\n` });

function watch(ctx: KubectlContext, o: GetOptions, watchOnly: boolean): KubectlResult {
  if (!['', 'wide', 'name', 'yaml', 'json'].includes(o.output)) return fail(`error: the output format "${o.output}" is not simulated with --watch (supported: wide, name, yaml, json)`);
  if (o.args.length === 0) return get(ctx.sim.api, ctx.sim.now(), o);
  // SingleResourceType: one type, named objects or all of them.
  let kind: KindEntry | undefined;
  const names: string[] = [];
  if (o.args.some((a) => a.includes('/'))) {
    for (const a of o.args) {
      const slash = a.indexOf('/');
      if (slash < 0) return fail("error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'");
      const k = kindForResource(a.slice(0, slash));
      if (!k) return fail(`error: the server doesn't have a resource type "${a.slice(0, slash)}"`);
      if (kind && kind !== k) return fail('error: you may only specify a single resource type');
      kind = k;
      names.push(a.slice(slash + 1));
    }
  } else {
    const types = o.args[0]!.split(',').filter((t) => t !== '');
    if (types.length !== 1 || types[0]!.toLowerCase() === 'all') return fail('error: you may only specify a single resource type');
    kind = kindForResource(types[0]!);
    if (!kind) return fail(`error: the server doesn't have a resource type "${types[0]}"`);
    names.push(...o.args.slice(1));
  }
  if (names.length > 1) return fail(`error: watch is only supported on individual resources and resource collections, but ${names.length} resources were found`);
  if (names.length && o.allNamespaces) return fail('error: a resource cannot be retrieved by name across all namespaces');
  let selector: LabelSelector | undefined;
  if (o.selector !== undefined) {
    const s = parseSelector(o.selector);
    if (!s.ok) return fail(`error: ${s.error}`);
    selector = s.selector;
  }
  const api = ctx.sim.api;
  const k = kind!;
  const namespace = k.namespaced && !o.allNamespaces ? o.namespace : undefined;
  let initial: KubeObject[];
  if (names.length) {
    const found = api.get(k.kind, namespace, names[0]!);
    if (!found) return fail(`Error from server (NotFound): ${qualifiedResource(k)} "${names[0]}" not found`);
    initial = [found];
  } else initial = api.list(k.kind, { ...(namespace !== undefined ? { namespace } : {}), ...(selector ? { selector } : {}) });

  const printer = new WatchPrinter(k, o, () => ctx.sim.now());
  const stdout = watchOnly ? '' : printer.initial(initial);
  const sel = selector ? labelSelectorAsSelector(selector) : null;
  const matches = (obj: KubeObject) =>
    (namespace === undefined || obj.metadata.namespace === namespace) &&
    (names.length === 0 || obj.metadata.name === names[0]) &&
    (!sel || selectorMatches(sel, obj.metadata.labels ?? {}));
  const stream = new CommandStream(ctx.sim);
  const unwatch = api.watch([k.kind], (e) => {
    if (matches(e.object)) stream.write(printer.event(e.object));
  });
  stream.onEnd(unwatch);
  return { exitCode: 0, stdout, stderr: '', stream };
}

/** Prints objects the way get's watch printer does, remembering whether the header was printed. */
class WatchPrinter {
  #headerPrinted = false;
  /** The tabwriter's remembered column widths (minwidth 6, padding 3). */
  #widths: number[] = [];
  #printedObjects = 0;
  readonly #kind: KindEntry;
  readonly #o: GetOptions;
  readonly #now: () => number;

  constructor(kind: KindEntry, o: GetOptions, now: () => number) {
    this.#kind = kind;
    this.#o = o;
    this.#now = now;
  }

  #header(): string[] {
    const cols = columnsFor(this.#kind.kind);
    return [...(this.#o.allNamespaces && this.#kind.namespaced ? ['NAMESPACE'] : []), ...cols.allHeaders(this.#o.output === 'wide'), ...(this.#o.showLabels ? ['LABELS'] : [])];
  }

  #row(obj: KubeObject): string[] {
    const cols = columnsFor(this.#kind.kind);
    const wide = this.#o.output === 'wide';
    return [
      ...(this.#o.allNamespaces && this.#kind.namespaced ? [obj.metadata.namespace ?? ''] : []),
      ...(cols.hasName ? [obj.metadata.name] : []),
      ...cols.cells(obj, this.#now(), wide),
      ...(this.#o.showLabels ? [formatLabels(obj.metadata.labels)] : []),
    ];
  }

  /** Objects printed into one tabwriter, flushed once. */
  #print(objs: readonly KubeObject[]): string {
    if (objs.length === 0) return '';
    const o = this.#o;
    if (o.output === 'name') return objs.map((x) => `${kindPrefix(this.#kind)}/${x.metadata.name}\n`).join('');
    if (o.output === 'json') return objs.map((x) => printJSON(x)).join('');
    if (o.output === 'yaml') return objs.map((x) => `${this.#printedObjects++ > 0 ? '---\n' : ''}${printYAML(x)}`).join('');
    const rows = objs.map((x) => this.#row(x));
    if (!this.#headerPrinted && !o.noHeaders) rows.unshift(this.#header());
    this.#headerPrinted = true;
    return this.#flush(rows);
  }

  /** One flush of the remembering tabwriter: every cell but a row's last padded to its column's width. */
  #flush(rows: readonly string[][]): string {
    const runes = (x: string) => [...x].length;
    const widths: number[] = [];
    for (const row of rows) for (let i = 0; i < row.length - 1; i++) widths[i] = Math.max(widths[i] ?? 6, runes(row[i]!) + 3);
    for (let i = 0; i < widths.length; i++) this.#widths[i] = widths[i]! = Math.max(widths[i]!, this.#widths[i] ?? 0);
    return rows.map((row) => row.map((c, i) => (i < row.length - 1 ? c + ' '.repeat(widths[i]! - runes(c)) : c)).join('') + '\n').join('');
  }

  initial(objs: readonly KubeObject[]): string {
    return this.#print(objs);
  }

  event(obj: KubeObject): string {
    return this.#print([obj]);
  }
}
