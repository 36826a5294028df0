// The diff that ends a refused pod update's message (`cmp.Diff(oldPod.Spec, mungedPodSpec)` in
// ValidatePodUpdate), in the layout of github.com/google/go-cmp's reporter:
//
//     core.PodSpec{
//     	... // 2 identical fields
//     	Containers: []core.Container{
//     		{
//     			... // 5 identical fields
//   - 			Ports: []core.ContainerPort{{ContainerPort: 80, Protocol: "TCP"}},
//   + 			Ports: []core.ContainerPort{{ContainerPort: 8080, Protocol: "TCP"}},
//     			... // 16 identical fields
//     		},
//     	},
//     	... // 33 identical fields
//     }
//
// An approximation on purpose: go-cmp's text is documented as unstable (it even swaps spaces for
// non-breaking spaces at random so that nobody parses it), it aligns values and keeps a little unchanged
// context, and it prints quantities as their Go internals. Here every run of unchanged fields is elided,
// values are not aligned, and quantities print as their text. The header line before it is exact.
import { INTERNAL_TYPES } from './internal-types.ts';
import type { Obj } from '../rules/access.ts';
import { goQuote } from '../field.ts';

type Line = { mark: ' ' | '-' | '+'; depth: number; text: string };

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The Go type name of a field type string of ./internal-types.ts. */
function goTypeName(type: string): string {
  if (type.startsWith('[]S:')) return `[]core.${type.slice(4)}`;
  if (type.startsWith('*S:')) return `*core.${type.slice(3)}`;
  if (type.startsWith('S:')) return `core.${type.slice(2)}`;
  return { ss: '[]string', ii: '[]int64', m: 'map[string]string', rl: 'core.ResourceList' }[type] ?? '';
}

/** The field types of a struct, embedded structs expanded, keyed by Go name. */
function fieldTypes(typeName: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const [go, , type] of INTERNAL_TYPES[typeName] ?? []) {
    if (type.startsWith('E:')) for (const [k, t] of fieldTypes(type.slice(2))) out.set(k, t);
    else out.set(go, type);
  }
  return out;
}

/** go-cmp's compact form of a value: zero fields of structs left out, pointers as `&`. */
function compact(v: unknown, type: string, top: boolean): string {
  if (v === null || v === undefined) return 'nil';
  if (typeof v === 'string') return type === 'q' || type === '*q' ? `s${goQuote(v)}` : goQuote(v);
  if (typeof v === 'number' || typeof v === 'boolean') return `${type.startsWith('*') ? '&' : ''}${v}`;
  if (Array.isArray(v)) {
    const elem = type.startsWith('[]S:') ? `S:${type.slice(4)}` : type === 'ss' ? 's' : 'i';
    const body = v.map((x) => compact(x, elem, false)).join(', ');
    return `${top ? goTypeName(type) : ''}{${body}}`;
  }
  if (isObj(v)) {
    if (type === 'm' || type === 'rl' || type === 'LS' || type === 'X') {
      const body = Object.entries(v).map(([k, x]) => `${goQuote(k)}: ${compact(x, 's', false)}`).join(', ');
      return `${top ? goTypeName(type) : ''}{${body}}`;
    }
    const structName = type.replace(/^(\*S:|S:)/, '');
    const types = fieldTypes(structName);
    const body = Object.entries(v)
      .filter(([, x]) => x !== null && x !== '' && x !== 0 && x !== false && !(Array.isArray(x) && x.length === 0))
      .map(([k, x]) => `${k}: ${compact(x, types.get(k) ?? 'X', false)}`)
      .join(', ');
    const ptr = type.startsWith('*S:') ? '&' : '';
    return `${ptr}${top ? `core.${structName}` : ''}{${body}}`;
  }
  return String(v);
}

function elided(lines: Line[], count: number, depth: number, noun: string): void {
  if (count > 0) lines.push({ mark: ' ', depth, text: `... // ${count} identical ${noun}${count === 1 ? '' : 's'}` });
}

function diffStruct(typeName: string, a: Obj, b: Obj, depth: number, lines: Line[]): void {
  const types = fieldTypes(typeName);
  let run = 0;
  for (const key of Object.keys(a)) {
    const x = a[key];
    const y = b[key];
    if (same(x, y)) {
      run++;
      continue;
    }
    elided(lines, run, depth, 'field');
    run = 0;
    const type = types.get(key) ?? 'X';
    if (isObj(x) && isObj(y) && /^\*?S:/.test(type)) {
      const name = type.replace(/^(\*S:|S:)/, '');
      lines.push({ mark: ' ', depth, text: `${key}: ${type.startsWith('*') ? '&' : ''}core.${name}{` });
      diffStruct(name, x, y, depth + 1, lines);
      lines.push({ mark: ' ', depth, text: '},' });
    } else if (Array.isArray(x) && Array.isArray(y) && x.length === y.length && type.startsWith('[]S:')) {
      const name = type.slice(4);
      lines.push({ mark: ' ', depth, text: `${key}: []core.${name}{` });
      let same_ = 0;
      x.forEach((xe, i) => {
        if (same(xe, y[i])) {
          same_++;
          return;
        }
        elided(lines, same_, depth + 1, 'element');
        same_ = 0;
        lines.push({ mark: ' ', depth: depth + 1, text: '{' });
        diffStruct(name, xe as Obj, y[i] as Obj, depth + 2, lines);
        lines.push({ mark: ' ', depth: depth + 1, text: '},' });
      });
      elided(lines, same_, depth + 1, 'element');
      lines.push({ mark: ' ', depth, text: '},' });
    } else {
      lines.push({ mark: '-', depth, text: `${key}: ${compact(x, type, true)},` });
      lines.push({ mark: '+', depth, text: `${key}: ${compact(y, type, true)},` });
    }
  }
  elided(lines, run, depth, 'field');
}

/** cmp.Diff of two internal PodSpecs (rendered by ./internal-json.ts), as the text after the header. */
export function podSpecDiff(oldSpec: Obj, newSpec: Obj): string {
  const lines: Line[] = [{ mark: ' ', depth: 0, text: 'core.PodSpec{' }];
  diffStruct('PodSpec', oldSpec, newSpec, 1, lines);
  lines.push({ mark: ' ', depth: 0, text: '}' });
  return `${lines.map((l) => `${l.mark} ${'\t'.repeat(l.depth)}${l.text}`).join('\n')}\n`;
}
