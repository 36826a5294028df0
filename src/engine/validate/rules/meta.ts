// ObjectMeta, labels, annotations and label selectors (apimachinery pkg/api/validation,
// pkg/apis/meta/v1/validation, pkg/apis/meta/v1 LabelSelectorAsSelector; core's ValidateObjectMeta).
// Go iterates maps in random order; here map entries are visited in the order written.

import { forbidden, invalid, required, tooLong, type FieldError, type FieldPath } from '../field.ts';
import { byteLength, isDNS1123Label, isLabelValue, isQualifiedName, type NameFn } from './formats.ts';
import { child, isObj, list, obj, objList, orderedJSON, sortedMap, str, strMap, type Obj } from './access.ts';

export function validateLabelName(name: string, path: FieldPath): FieldError[] {
  return isQualifiedName(name).map((m) => invalid(path, name, m));
}

/** ValidateLabels: every error is reported at the map's own path, showing the bad key or value. */
export function validateLabels(labels: unknown, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  for (const [k, v] of Object.entries(strMap(labels))) {
    errs.push(...validateLabelName(k, path));
    for (const m of isLabelValue(v)) errs.push(invalid(path, v, m));
  }
  return errs;
}

const TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024;

export function validateAnnotations(annotations: unknown, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const map = strMap(annotations);
  let total = 0;
  for (const [k, v] of Object.entries(map)) {
    for (const m of isQualifiedName(k.toLowerCase())) errs.push(invalid(path, k, m));
    total += byteLength(k) + byteLength(v);
  }
  if (total > TOTAL_ANNOTATION_SIZE_LIMIT) errs.push(tooLong(path, TOTAL_ANNOTATION_SIZE_LIMIT));
  return errs;
}

const STANDARD_FINALIZERS = new Set(['kubernetes', 'orphan', 'foregroundDeletion']);

function validateOwnerReferences(refs: unknown, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  let firstController = '';
  for (const ref of objList(refs)) {
    const apiVersion = str(ref['apiVersion']);
    const version = apiVersion.includes('/') ? apiVersion.slice(apiVersion.indexOf('/') + 1) : apiVersion;
    if (version.length === 0 || apiVersion.split('/').length > 2)
      errs.push(invalid(child(path, 'apiVersion'), apiVersion, 'version must not be empty'));
    if (str(ref['kind']).length === 0) errs.push(invalid(child(path, 'kind'), str(ref['kind']), 'must not be empty'));
    if (str(ref['name']).length === 0) errs.push(invalid(child(path, 'name'), str(ref['name']), 'must not be empty'));
    if (str(ref['uid']).length === 0) errs.push(invalid(child(path, 'uid'), orderedJSON(str(ref['uid'])), 'must not be empty'));
    if (apiVersion === 'v1' && str(ref['kind']) === 'Event')
      errs.push(invalid(path, orderedJSON(ownerRefJSON(ref)), '/v1, Kind=Event is disallowed from being an owner'));
    if (ref['controller'] === true) {
      const name = `${str(ref['kind'])}/${str(ref['name'])}`;
      if (firstController !== '')
        errs.push(
          invalid(
            path,
            orderedJSON(objList(refs).map(ownerRefJSON)),
            `Only one reference can have Controller set to true. Found "true" in references for ${firstController} and ${name}`,
          ),
        );
      else firstController = name;
    }
  }
  return errs;
}

function ownerRefJSON(ref: Obj): Obj {
  const out: Obj = { apiVersion: str(ref['apiVersion']), kind: str(ref['kind']), name: str(ref['name']), uid: str(ref['uid']) };
  if (typeof ref['controller'] === 'boolean') out['controller'] = ref['controller'];
  if (typeof ref['blockOwnerDeletion'] === 'boolean') out['blockOwnerDeletion'] = ref['blockOwnerDeletion'];
  return out;
}

function validateFinalizers(finalizers: unknown, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const names = list(finalizers).map(str);
  for (const f of names) for (const m of isQualifiedName(f)) errs.push(invalid(path, f, m));
  if (names.includes('orphan') && names.includes('foregroundDeletion'))
    errs.push(invalid(path, names, 'finalizer orphan and foregroundDeletion cannot be both set'));
  return errs;
}

/**
 * core ValidateObjectMeta for a namespaced object, after name generation: generateName, name,
 * namespace, labels, annotations, owner references, finalizers.
 */
export function validateObjectMeta(meta: unknown, nameFn: NameFn, path: FieldPath = ['metadata']): FieldError[] {
  const m = obj(meta) ?? {};
  const errs: FieldError[] = [];
  const generateName = str(m['generateName']);
  if (generateName.length > 0)
    for (const msg of nameFn(generateName, true)) errs.push(invalid(child(path, 'generateName'), generateName, msg));
  const name = str(m['name']);
  if (name.length === 0) errs.push(required(child(path, 'name'), 'name or generateName is required'));
  else for (const msg of nameFn(name, false)) errs.push(invalid(child(path, 'name'), name, msg));
  const namespace = str(m['namespace']);
  if (namespace.length === 0) errs.push(required(child(path, 'namespace')));
  else for (const msg of isDNS1123Label(namespace)) errs.push(invalid(child(path, 'namespace'), namespace, msg));
  errs.push(...validateLabels(m['labels'], child(path, 'labels')));
  errs.push(...validateAnnotations(m['annotations'], child(path, 'annotations')));
  errs.push(...validateOwnerReferences(m['ownerReferences'], child(path, 'ownerReferences')));
  errs.push(...validateFinalizers(m['finalizers'], child(path, 'finalizers')));
  list(m['finalizers']).forEach((f, i) => {
    const name = str(f);
    if (!name.includes('/') && !STANDARD_FINALIZERS.has(name))
      errs.push(invalid(child(path, 'finalizers', i), name, 'name is neither a standard finalizer name nor is it fully qualified'));
  });
  return errs;
}

// ---- label selectors ----

export function validateLabelSelector(selector: unknown, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const s = obj(selector);
  if (!s) return errs;
  errs.push(...validateLabels(s['matchLabels'], child(path, 'matchLabels')));
  objList(s['matchExpressions']).forEach((expr, i) => {
    const p = child(path, 'matchExpressions', i);
    const op = str(expr['operator']);
    const values = list(expr['values']).map(str);
    if (op === 'In' || op === 'NotIn') {
      if (values.length === 0) errs.push(required(child(p, 'values'), "must be specified when `operator` is 'In' or 'NotIn'"));
    } else if (op === 'Exists' || op === 'DoesNotExist') {
      if (values.length > 0) errs.push(forbidden(child(p, 'values'), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
    } else {
      errs.push(invalid(child(p, 'operator'), orderedJSON(op), 'not a valid selector operator'));
    }
    errs.push(...validateLabelName(str(expr['key']), child(p, 'key')));
    values.forEach((v, j) => {
      for (const m of isLabelValue(v)) errs.push(invalid(child(p, 'values', j), v, m));
    });
  });
  return errs;
}

/** A metav1.LabelSelector as encoding/json prints it (empty parts left out). */
export function labelSelectorJSON(selector: unknown): { rendered: string } {
  const s = obj(selector);
  if (!s) return orderedJSON(null);
  const out: Obj = {};
  const ml = strMap(s['matchLabels']);
  if (Object.keys(ml).length > 0) out['matchLabels'] = sortedMap(ml);
  const exprs = objList(s['matchExpressions']);
  if (exprs.length > 0)
    out['matchExpressions'] = exprs.map((e) => {
      const r: Obj = { key: str(e['key']), operator: str(e['operator']) };
      const values = list(e['values']).map(str);
      if (values.length > 0) r['values'] = values;
      return r;
    });
  return orderedJSON(out);
}

/** A compiled selector: 'nothing' for a missing selector, 'everything' for an empty one. */
export type Selector =
  | { kind: 'nothing' }
  | { kind: 'everything' }
  | { kind: 'requirements'; requirements: { key: string; op: string; values: string[] }[] };

/** LabelSelectorAsSelector: null when the selector does not compile (bad key, value or operator). */
export function labelSelectorAsSelector(selector: unknown): Selector | null {
  if (!isObj(selector)) return { kind: 'nothing' };
  const ml = strMap(selector['matchLabels']);
  const exprs = objList(selector['matchExpressions']);
  if (Object.keys(ml).length + exprs.length === 0) return { kind: 'everything' };
  const requirements: { key: string; op: string; values: string[] }[] = [];
  for (const [k, v] of Object.entries(ml)) {
    if (isQualifiedName(k).length > 0 || isLabelValue(v).length > 0) return null;
    requirements.push({ key: k, op: 'In', values: [v] });
  }
  for (const e of exprs) {
    const op = str(e['operator']);
    const values = list(e['values']).map(str);
    if (!['In', 'NotIn', 'Exists', 'DoesNotExist'].includes(op)) return null;
    if (isQualifiedName(str(e['key'])).length > 0) return null;
    if ((op === 'In' || op === 'NotIn') && values.length === 0) return null;
    if ((op === 'Exists' || op === 'DoesNotExist') && values.length > 0) return null;
    if (values.some((v) => isLabelValue(v).length > 0)) return null;
    requirements.push({ key: str(e['key']), op, values });
  }
  return { kind: 'requirements', requirements };
}

export function selectorIsEmpty(sel: Selector): boolean {
  return sel.kind === 'everything';
}

export function selectorMatches(sel: Selector, labels: Record<string, string>): boolean {
  if (sel.kind === 'nothing') return false;
  if (sel.kind === 'everything') return true;
  return sel.requirements.every(({ key: k, op, values }) => {
    const has = Object.prototype.hasOwnProperty.call(labels, k);
    switch (op) {
      case 'In':
        return has && values.includes(labels[k]!);
      case 'NotIn':
        return !has || !values.includes(labels[k]!);
      case 'Exists':
        return has;
      default:
        return !has;
    }
  });
}

/** A label map as encoding/json prints a Go map: sorted keys, `null` when absent. */
export function labelMapJSON(labels: unknown): { rendered: string } {
  return isObj(labels) ? orderedJSON(sortedMap(strMap(labels))) : orderedJSON(null);
}
