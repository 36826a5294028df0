// kubectl's JSONPath printer (`-o jsonpath=…`, `-o jsonpath-as-json=…`): client-go util/jsonpath's evaluation
// (FindResults with range/end, field/array/slice/union/filter/wildcard/recursive nodes, the comparison rules of
// its forked text/template funcs) and cli-runtime's JSONPathPrinter output: results of one template action
// joined by spaces, maps and lists as compact JSON, missing keys allowed unless
// --allow-missing-template-keys=false. Go iterates maps in random order for `[*]` and `..`; keys are sorted
// here so the output is deterministic.
import type { GoValue } from './go-format.ts';
import { GoByte, GoFloat, goJSONCompact, goSharpV, goSprint, goTypeName, isMap } from './go-format.ts';
import type { JsonPathNode, ListNode, SliceParam } from './jsonpath-parser.ts';
import { parseJsonPath } from './jsonpath-parser.ts';
import { compareBytes, printJSON } from './json.ts';

/** A value during evaluation; `undefined` is Go's invalid reflect.Value (nothing). */
type V = GoValue | undefined;

class EvalError extends Error {}

const isList = (v: V): v is GoValue[] => Array.isArray(v);

/** A value as encoding/json sees it (a string's byte is a number). */
function plain(v: V): GoValue {
  if (v === undefined) return null;
  if (v instanceof GoByte || v instanceof GoFloat) return v.value;
  if (Array.isArray(v)) return v.map(plain);
  if (isMap(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]));
  return v;
}

/** reflect kind as the comparison functions see it. */
type BasicKind = 'bool' | 'int' | 'uint' | 'float' | 'string';

function basicKind(v: V): BasicKind {
  if (v instanceof GoByte) return 'uint';
  if (v instanceof GoFloat) return 'float';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float';
  throw new EvalError('invalid type for comparison');
}

const num = (v: V): number => (v instanceof GoByte || v instanceof GoFloat ? v.value : (v as number));

function equal(a: V, b: V): boolean {
  const k1 = basicKind(a);
  const k2 = basicKind(b);
  if (k1 !== k2) {
    if ((k1 === 'int' && k2 === 'uint') || (k1 === 'uint' && k2 === 'int')) return num(a) === num(b);
    throw new EvalError('incompatible types for comparison');
  }
  if (k1 === 'int' || k1 === 'uint' || k1 === 'float') return num(a) === num(b);
  return a === b;
}

function less(a: V, b: V): boolean {
  const k1 = basicKind(a);
  const k2 = basicKind(b);
  if (k1 !== k2) {
    if ((k1 === 'int' && k2 === 'uint') || (k1 === 'uint' && k2 === 'int')) return num(a) < num(b);
    throw new EvalError('incompatible types for comparison');
  }
  if (k1 === 'bool') throw new EvalError('invalid type for comparison');
  if (k1 === 'string') return compareBytes(a as string, b as string) < 0;
  return num(a) < num(b);
}

function compare(op: string, a: V, b: V): boolean {
  switch (op) {
    case '<':
      return less(a, b);
    case '>':
      return !(less(a, b) || equal(a, b));
    case '==':
      return equal(a, b);
    case '!=':
      return !equal(a, b);
    case '<=':
      return less(a, b) || equal(a, b);
    case '>=':
      return !less(a, b);
    default:
      throw new EvalError(`unrecognized filter operator ${op}`);
  }
}

/** Go's %v of a value in an error message (`map[a:b]`, `[x y]`, `<invalid reflect.Value>`). */
const errValue = (v: V): string => (v === undefined ? '<invalid reflect.Value>' : goSprint(v));

/** The elements `[*]` and `..` visit: map values (sorted by key), list items, a string's bytes. */
function children(v: GoValue): GoValue[] {
  if (Array.isArray(v)) return v;
  if (v instanceof GoByte || v instanceof GoFloat) return [];
  if (isMap(v)) return Object.keys(v).sort(compareBytes).map((k) => v[k]!);
  if (typeof v === 'string') return [...new TextEncoder().encode(v)].map((b) => new GoByte(b));
  return [];
}

export interface JsonPathOptions {
  allowMissingKeys: boolean;
  /** jsonpath-as-json: every action's results printed as one indented JSON list. */
  outputJSON: boolean;
}

/** One parsed template with client-go's evaluation state (range nesting). */
export class JsonPath {
  private rootNodes: JsonPathNode[];
  private beginRange = 0;
  private inRange = 0;
  private endRange = 0;
  private lastEndNode: JsonPathNode | null = null;
  private readonly opts: JsonPathOptions;

  constructor(root: ListNode, opts: JsonPathOptions) {
    this.rootNodes = root.nodes;
    this.opts = opts;
  }

  /** FindResults: one result list per template action (text between actions included). */
  findResults(data: V): V[][] {
    const cur: V[] = [data];
    const nodes = this.rootNodes;
    const full: V[][] = [];
    for (let i = 0; i < nodes.length; i++) {
      const node = nodes[i]!;
      const results = this.walk(cur, node);
      if (this.endRange > 0 && this.endRange <= this.inRange) {
        this.endRange--;
        this.lastEndNode = node;
        break;
      }
      if (this.beginRange > 0) {
        this.beginRange--;
        this.inRange++;
        if (results.length > 0) {
          for (const value of results) {
            this.rootNodes = nodes.slice(i + 1);
            full.push(...this.findResults(value));
          }
        } else {
          // the nodes of an empty range are still walked, to find its end
          this.rootNodes = nodes.slice(i + 1);
          this.findResults(null);
        }
        this.inRange--;
        for (let k = i + 1; k < nodes.length; k++) {
          if (nodes[k] === this.lastEndNode) {
            i = k;
            break;
          }
        }
        continue;
      }
      full.push(results);
    }
    return full;
  }

  private walk(input: V[], node: JsonPathNode): V[] {
    switch (node.type) {
      case 'list': {
        let cur = input;
        for (const n of node.nodes) cur = this.walk(cur, n);
        return cur;
      }
      case 'text':
        return [node.text];
      case 'field':
        return this.evalField(input, node.value);
      case 'array':
        return this.evalArray(input, node.params);
      case 'filter':
        return this.evalFilter(input, node);
      case 'int':
      case 'bool':
        return input.map(() => node.value);
      case 'float':
        return input.map(() => new GoFloat(node.value));
      case 'wildcard':
        return input.flatMap((v) => (v === null || v === undefined ? [] : children(v)));
      case 'recursive':
        return this.evalRecursive(input);
      case 'union':
        return node.nodes.flatMap((l) => this.walk(input, l));
      case 'identifier':
        return this.evalIdentifier(input, node.name);
    }
  }

  private evalIdentifier(input: V[], name: string): V[] {
    if (name === 'range') {
      this.beginRange++;
      return input;
    }
    if (name === 'end') {
      if (this.inRange > 0) {
        this.endRange++;
        return [];
      }
      throw new EvalError('not in range, nothing to end');
    }
    throw new EvalError(`unrecognized identifier ${name}`);
  }

  private evalField(input: V[], field: string): V[] {
    const results: V[] = [];
    if (input.length === 0) return results;
    for (const v of input) {
      if (v === null || v === undefined) continue;
      if (isMap(v) && Object.hasOwn(v, field)) results.push(v[field]!);
    }
    if (results.length === 0 && !this.opts.allowMissingKeys) throw new EvalError(`${field} is not found`);
    return results;
  }

  private evalArray(input: V[], nodeParams: readonly SliceParam[]): V[] {
    const result: V[] = [];
    for (const v of input) {
      if (v === null || v === undefined) continue;
      if (!isList(v)) throw new EvalError(`${goTypeName(v)} is not array or slice`);
      const p = nodeParams.map((x) => ({ ...x }));
      const len = v.length;
      if (!p[0]!.known) p[0]!.value = 0;
      if (p[0]!.value < 0) p[0]!.value += len;
      if (!p[1]!.known) p[1]!.value = len;
      if (p[1]!.value < 0 || (p[1]!.value === 0 && p[1]!.derived)) p[1]!.value += len;
      if (p[1]!.value === p[0]!.value) return result; // zero elements requested
      if (p[0]!.value >= len || p[0]!.value < 0) throw new EvalError(`array index out of bounds: index ${p[0]!.value}, length ${len}`);
      if (p[1]!.value > len || p[1]!.value < 0) throw new EvalError(`array index out of bounds: index ${p[1]!.value - 1}, length ${len}`);
      if (p[0]!.value > p[1]!.value) throw new EvalError(`starting index ${p[0]!.value} is greater than ending index ${p[1]!.value}`);
      const slice = v.slice(p[0]!.value, p[1]!.value);
      let step = 1;
      if (p[2]!.known) {
        if (p[2]!.value <= 0) throw new EvalError('step must be > 0');
        step = p[2]!.value;
      }
      for (let i = 0; i < slice.length; i += step) result.push(slice[i]!);
    }
    return result;
  }

  private evalFilter(input: V[], node: Extract<JsonPathNode, { type: 'filter' }>): V[] {
    const results: V[] = [];
    for (const v of input) {
      if (!isList(v)) throw new EvalError(`${errValue(v)} is not array or slice and cannot be filtered`);
      for (const item of v) {
        if (node.operator === 'exists') {
          let lefts: V[] = [];
          try {
            lefts = this.walk([item], node.left);
          } catch (e) {
            if (!(e instanceof EvalError)) throw e;
          }
          if (lefts.length > 0) results.push(item);
          continue;
        }
        const lefts = this.walk([item], node.left);
        if (lefts.length === 0) continue;
        if (lefts.length > 1) throw new EvalError('can only compare one element at a time');
        const rights = this.walk([item], node.right);
        if (rights.length === 0) continue;
        if (rights.length > 1) throw new EvalError('can only compare one element at a time');
        if (compare(node.operator, lefts[0], rights[0])) results.push(item);
      }
    }
    return results;
  }

  private evalRecursive(input: V[]): V[] {
    const result: V[] = [];
    for (const v of input) {
      if (v === null || v === undefined) continue;
      const kids = children(v);
      if (kids.length !== 0) {
        result.push(v);
        result.push(...this.evalRecursive(kids));
      }
    }
    return result;
  }

  /** PrintResults for one action's results. */
  printResults(results: V[]): string {
    let values = results;
    if (this.opts.outputJSON) values = [results.map(plain)];
    let out = '';
    values.forEach((r, i) => {
      let text: string;
      const composite = Array.isArray(r) || isMap(r);
      if (this.opts.outputJSON) text = printJSON(r ?? null);
      else if (composite) text = goJSONCompact(r);
      else if (r === undefined) text = '<no value>';
      else if (r === null) text = 'null';
      else text = goSprint(r);
      if (i !== values.length - 1) text += ' ';
      out += text;
    });
    return out;
  }
}

export type PrintResult = { ok: true; text: string } | { ok: false; error: string };

/** The error kubectl's `-o jsonpath` prints for a template it cannot parse. */
export function jsonPathParseError(template: string, error: string): string {
  return `error parsing jsonpath ${template}, ${error}`;
}

/** Checks a template as kubectl does before fetching anything (ToPrinter). */
export function checkJsonPath(template: string): string | null {
  const parsed = parseJsonPath(template);
  return parsed.ok ? null : jsonPathParseError(template, parsed.error);
}

/** cli-runtime JSONPathPrinter.PrintObj: the template over one object (or a List), or kubectl's error text. */
export function printJsonPath(template: string, obj: GoValue, opts: JsonPathOptions): PrintResult {
  const parsed = parseJsonPath(template);
  if (!parsed.ok) return { ok: false, error: jsonPathParseError(template, parsed.error) };
  const j = new JsonPath(parsed.root, opts);
  let text = '';
  try {
    for (const results of j.findResults(obj)) text += j.printResults(results);
  } catch (e) {
    if (!(e instanceof EvalError)) throw e;
    const debug =
      `Error executing template: ${e.message}. Printing more information for debugging the template:\n` +
      `\ttemplate was:\n\t\t${template}\n` +
      `\tobject given to jsonpath engine was:\n\t\t${goSharpV(obj)}\n\n`;
    return { ok: false, error: `error executing jsonpath ${JSON.stringify(template)}: ${debug}\n` };
  }
  return { ok: true, text };
}

/** Evaluates a parsed template and returns every value per action (for custom columns). */
export function findJsonPathResults(root: ListNode, obj: GoValue): { ok: true; results: V[][] } | { ok: false; error: string } {
  try {
    return { ok: true, results: new JsonPath(root, { allowMissingKeys: true, outputJSON: false }).findResults(obj) };
  } catch (e) {
    if (!(e instanceof EvalError)) throw e;
    return { ok: false, error: e.message };
  }
}
