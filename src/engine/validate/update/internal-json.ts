// Values of internal types as an update error prints them (`ErrorBody` JSON-encodes any value that is not a
// plain string, number or bool, and internal types have no JSON tags): a pod template as
// `{"labels":{…},"Spec":{"Volumes":null,"InitContainers":null,"Containers":[{"Name":"pi",…}],…}}`, with the
// embedded metav1.ObjectMeta flattened under its own lower-case tags. Built from the v1 object the lab
// stores (already defaulted), through the field table of ./internal-types.ts.
//
// `semantic: true` renders for comparison instead (apimachinery's Semantic.DeepEqual): empty and absent
// slices and maps compare equal, and quantities compare by value (they render canonical either way).
import { isObj, list, obj, sortedMap, strMap, type Obj } from '../rules/access.ts';
import { parseQuantityValue, quantityString } from '../rules/quantity.ts';
import { INTERNAL_TYPES } from './internal-types.ts';

export interface RenderOptions {
  /** Render for Semantic.DeepEqual: empty slices and maps as null. */
  readonly semantic?: boolean;
}

function quantity(v: unknown): string {
  const q = parseQuantityValue(v);
  return q.ok ? quantityString(q.quantity) : String(v);
}

function emptyAsNull<T>(v: T[] | Obj, opts: RenderOptions): T[] | Obj | null {
  if (!opts.semantic) return v;
  return (Array.isArray(v) ? v.length : Object.keys(v).length) === 0 ? null : v;
}

/** An unmodelled value: v1 JSON with capitalized keys. */
function generic(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(generic);
  if (isObj(v)) {
    const out: Obj = {};
    for (const [k, x] of Object.entries(v)) out[k.charAt(0).toUpperCase() + k.slice(1)] = generic(x);
    return out;
  }
  return v === undefined ? null : v;
}

/** metav1.LabelSelector with its JSON tags (`omitempty`). */
function labelSelector(v: unknown): unknown {
  const s = obj(v);
  if (!s) return null;
  const out: Obj = {};
  const ml = strMap(s['matchLabels']);
  if (Object.keys(ml).length > 0) out['matchLabels'] = sortedMap(ml);
  const exprs = list(s['matchExpressions']).filter(isObj);
  if (exprs.length > 0)
    out['matchExpressions'] = exprs.map((e) => {
      const r: Obj = { key: e['key'] ?? '', operator: e['operator'] ?? '' };
      if (list(e['values']).length > 0) r['values'] = e['values'];
      return r;
    });
  return out;
}

function value(type: string, v: unknown, opts: RenderOptions): unknown {
  const absent = v === undefined || v === null;
  switch (type) {
    case 's':
      return typeof v === 'string' ? v : '';
    case 'i':
      return typeof v === 'number' ? v : 0;
    case 'b':
      return typeof v === 'boolean' ? v : false;
    case 'q':
      return absent ? '0' : quantity(v);
    case 'is':
      return absent ? 0 : v;
    case '*s':
    case '*i':
    case '*b':
      return absent ? null : v;
    case '*q':
      return absent ? null : quantity(v);
    case 'm':
      return isObj(v) ? emptyAsNull(sortedMap(strMap(v)), opts) : null;
    case 'rl': {
      if (!isObj(v)) return null;
      const out: Obj = {};
      for (const k of Object.keys(v).sort()) out[k] = quantity(v[k]);
      return emptyAsNull(out, opts);
    }
    case 'ss':
    case 'ii':
      return Array.isArray(v) ? emptyAsNull(v, opts) : null;
    case 'LS':
      return labelSelector(v);
    case 'X':
      return absent ? null : generic(v);
  }
  if (type.startsWith('[]S:')) {
    if (!Array.isArray(v)) return null;
    return emptyAsNull(v.map((x) => renderStruct(type.slice(4), obj(x) ?? {}, opts)), opts);
  }
  if (type.startsWith('*S:')) return isObj(v) ? renderStruct(type.slice(3), v, opts) : null;
  if (type.startsWith('S:')) return renderStruct(type.slice(2), obj(v) ?? {}, opts);
  throw new Error(`internal-json: unknown field type ${type}`);
}

/** One internal struct from its v1 object. */
export function renderStruct(typeName: string, v1: Obj, opts: RenderOptions = {}): Obj {
  const fields = INTERNAL_TYPES[typeName];
  if (!fields) throw new Error(`internal-json: no internal type ${typeName}`);
  const out: Obj = {};
  for (const [goName, jsonName, type] of fields) {
    if (type.startsWith('E:')) Object.assign(out, renderStruct(type.slice(2), v1, opts));
    else out[goName] = value(type, v1[jsonName], opts);
  }
  return out;
}

/** The internal PodSpec: the v1 host-namespace fields move into SecurityContext, which conversion always creates. */
export function renderPodSpec(spec: Obj, opts: RenderOptions = {}): Obj {
  const securityContext: Obj = { ...(obj(spec['securityContext']) ?? {}) };
  for (const k of ['hostNetwork', 'hostPID', 'hostIPC', 'shareProcessNamespace', 'hostUsers']) {
    if (spec[k] !== undefined) securityContext[k] = spec[k];
  }
  return renderStruct('PodSpec', { ...spec, securityContext }, opts);
}

const OBJECT_META_FIELDS = [
  'name', 'generateName', 'namespace', 'selfLink', 'uid', 'resourceVersion', 'generation', 'creationTimestamp',
  'deletionTimestamp', 'deletionGracePeriodSeconds', 'labels', 'annotations', 'ownerReferences', 'finalizers',
  'managedFields',
] as const;

/** metav1.ObjectMeta with its JSON tags: everything `omitempty` (a zero creationTimestamp too, `omitzero`). */
function objectMeta(meta: Obj): Obj {
  const out: Obj = {};
  for (const k of OBJECT_META_FIELDS) {
    const v = meta[k];
    if (v === undefined || v === null || v === '' || v === 0) continue;
    if (k === 'labels' || k === 'annotations') {
      const m = sortedMap(strMap(v));
      if (Object.keys(m).length > 0) out[k] = m;
      continue;
    }
    if (Array.isArray(v) && v.length === 0) continue;
    out[k] = v;
  }
  return out;
}

/** The internal PodTemplateSpec: ObjectMeta fields inline, then `Spec`. */
export function renderPodTemplateSpec(template: unknown, opts: RenderOptions = {}): Obj {
  const t = obj(template) ?? {};
  return { ...objectMeta(obj(t['metadata']) ?? {}), Spec: renderPodSpec(obj(t['spec']) ?? {}, opts) };
}

/** Semantic.DeepEqual of two values rendered with `semantic: true`. */
export function semanticEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
