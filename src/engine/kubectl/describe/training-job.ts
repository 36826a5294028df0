// `kubectl describe tfjob|pytorchjob`: custom resources have no describer of their own, so kubectl uses its
// generic one (k8s.io/kubectl pkg/describe `genericDescriber`, `printUnstructuredContent`, `smartLabelFor`;
// kubeflow-training reference §6): Name, Namespace, Labels, Annotations, then every other field of the object
// with keys sorted and turned into words (`tfReplicaSpecs` → `Tf Replica Specs`, `PS` → `Ps`, `apiVersion` →
// `API Version`), values printed as Go's `%v`, and the Events table. metadata.managedFields, name, namespace,
// labels and annotations are skipped in the body.
import type { KubeObject } from '../../api/objects.ts';
import { printAnnotationsMultiline, printLabelsMultiline } from './common.ts';
import { describeEvents, eventsFor } from './events.ts';
import { LEVEL_0, tabbedString, type PrefixWriter } from './prefix-writer.ts';
import type { DescribeContext } from './source.ts';

const SKIP = ['.metadata.managedFields', '.metadata.name', '.metadata.namespace', '.metadata.labels', '.metadata.annotations'];
const ACRONYMS = ['API', 'URL', 'UID', 'OSB', 'GUID'];

type Kind = 'lower' | 'upper' | 'digit' | 'other';
function classOf(ch: string): Kind {
  if (/\p{Ll}/u.test(ch)) return 'lower';
  if (/\p{Lu}|\p{Lt}/u.test(ch)) return 'upper';
  if (/\p{Nd}/u.test(ch)) return 'digit';
  return 'other';
}

/**
 * github.com/fatih/camelcase `Split`: runs of one character class, then an upper-case run followed by a
 * lower-case run gives its last letter to that run (`PDFLoader` → `PDF`, `Loader`).
 */
export function camelCaseSplit(s: string): string[] {
  const runs: string[][] = [];
  let last: Kind | null = null;
  for (const ch of s) {
    const c = classOf(ch);
    if (c === last) runs[runs.length - 1]!.push(ch);
    else runs.push([ch]);
    last = c;
  }
  for (let i = 0; i < runs.length - 1; i++) {
    if (classOf(runs[i]![0]!) === 'upper' && classOf(runs[i + 1]![0]!) === 'lower') {
      runs[i + 1]!.unshift(runs[i]!.pop()!);
      if (runs[i]!.length === 0) runs.splice(i--, 1);
    }
  }
  return runs.map((r) => r.join('')).filter((r) => r.length > 0);
}

/** `cases.Title(language.English)` of one word: first letter upper case, the rest lower case. */
function title(word: string): string {
  const chars = [...word];
  return chars.length ? chars[0]!.toUpperCase() + chars.slice(1).join('').toLowerCase() : word;
}

/** `smartLabelFor`: words of a camelCase field; a field with characters other than letters and `-` stays as is. */
export function smartLabelFor(field: string): string {
  if ([...field].some((ch) => !/\p{L}/u.test(ch) && ch !== '-')) return field;
  return camelCaseSplit(field)
    .filter((part) => part !== '_')
    .map((part) => (ACRONYMS.includes(part.toUpperCase()) ? part.toUpperCase() : title(part)))
    .join(' ');
}

/** Go's `%v` for float64 (strconv 'g' with the shortest precision): exponent form below 1e-4 or from 1e6. */
function goFloat(n: number): string {
  if (!Number.isFinite(n)) return n > 0 ? '+Inf' : n < 0 ? '-Inf' : 'NaN';
  const [mant, e] = n.toExponential().split('e') as [string, string];
  const exp = Number(e);
  if (exp < -4 || exp >= 6) return `${mant}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  return String(n);
}

/** Go's `%v` of a decoded JSON value (unstructured content: integers as int64, others float64). */
export function goValue(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : goFloat(v);
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (Array.isArray(v)) return `[${v.map(goValue).join(' ')}]`;
  const m = v as Record<string, unknown>;
  return `map[${Object.keys(m).sort(cmp).map((k) => `${k}:${goValue(m[k])}`).join(' ')}]`;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function isMap(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

export function printUnstructuredContent(w: PrefixWriter, level: number, content: Record<string, unknown>, skipPrefix: string, skip: readonly string[]): void {
  for (const field of Object.keys(content).sort(cmp)) {
    const value = content[field];
    if (value === undefined) continue;
    const skipExpr = `${skipPrefix}.${field}`;
    if (skip.includes(skipExpr)) continue;
    if (isMap(value)) {
      w.write(level, `${smartLabelFor(field)}:\n`);
      printUnstructuredContent(w, level + 1, value, skipExpr, skip);
    } else if (Array.isArray(value)) {
      w.write(level, `${smartLabelFor(field)}:\n`);
      for (const child of value) {
        if (isMap(child)) printUnstructuredContent(w, level + 1, child, skipExpr, skip);
        else w.write(level + 1, `${goValue(child)}\n`);
      }
    } else {
      w.write(level, `${smartLabelFor(field)}:\t${goValue(value)}\n`);
    }
  }
}

/** The generic describer for a custom resource (TFJob, PyTorchJob). */
export function describeTrainingJob(obj: KubeObject, ctx: DescribeContext): string {
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${obj.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${obj.metadata.namespace ?? ''}\n`);
    printLabelsMultiline(w, 'Labels', obj.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', obj.metadata.annotations);
    printUnstructuredContent(w, LEVEL_0, obj as Record<string, unknown>, '', SKIP);
    describeEvents(eventsFor(ctx.api, obj), ctx.nowMs, w);
  });
}
