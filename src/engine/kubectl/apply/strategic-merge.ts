// Strategic merge patch as kubectl computes it for `apply` and the API server applies it (apimachinery
// pkg/util/strategicpatch: CreateThreeWayMergePatch, diffMaps, diffLists, mergeMap, mergeSlice, and the
// `$setElementOrder/…`, `$deleteFromPrimitiveList/…`, `$retainKeys` and `$patch` directives). Lists with
// the `merge` strategy are merged by their merge key (containers by name, ports by containerPort …);
// everything else is replaced whole. Written from the upstream behaviour; the recorded request bodies of
// kubectl 1.35.2 (tests/golden/kubectl-oracle 63–64, tests/golden/kubectl-write) check it.
import { deepCopy, goFormat, goKind, isMap, jsonEqual, scalarEqual, type JsonMap } from './json-values.ts';
import { splitStrategies, type SchemaMeta } from './patch-meta.ts';

const DIRECTIVE = '$patch';
const RETAIN_KEYS = '$retainKeys';
const DELETE_PRIMITIVES = '$deleteFromPrimitiveList';
const SET_ORDER = '$setElementOrder';

interface DiffOptions {
  setElementOrder: boolean;
  ignoreChangesAndAdditions: boolean;
  ignoreDeletions: boolean;
  buildRetainKeysDirective: boolean;
}

interface MergeOptions {
  /** Server side: apply `$deleteFromPrimitiveList` and `$setElementOrder` instead of carrying them. */
  mergeParallelList: boolean;
  ignoreUnmatchedNulls: boolean;
}

/** A patch that cannot be computed or applied (mixed list types, a list item without its merge key). */
export class PatchError extends Error {}

// ---- diff ----------------------------------------------------------------------------------------------

function diffMaps(original: JsonMap, modified: JsonMap, schema: SchemaMeta, o: DiffOptions): JsonMap {
  const patch: JsonMap = {};
  const retainKeys: string[] = [];
  for (const key of Object.keys(modified)) {
    const mv = modified[key];
    if (o.buildRetainKeysDirective && mv !== null) retainKeys.push(key);
    if (!(key in original)) {
      if (!o.ignoreChangesAndAdditions) patch[key] = mv;
      continue;
    }
    const ov = original[key];
    if (key === DIRECTIVE) {
      if (typeof ov !== 'string' || typeof mv !== 'string') throw new PatchError(`invalid value for special key: ${DIRECTIVE}`);
      if (ov !== mv) patch[key] = mv;
      continue;
    }
    if (goKind(ov) !== goKind(mv)) {
      if (!o.ignoreChangesAndAdditions) patch[key] = mv;
      continue;
    }
    if (isMap(ov)) diffMapField(key, ov, mv as JsonMap, patch, schema, o);
    else if (Array.isArray(ov)) diffSliceField(key, ov, mv as unknown[], patch, schema, o);
    else if (!o.ignoreChangesAndAdditions && !jsonEqual(ov, mv)) patch[key] = mv;
  }
  if (!o.ignoreDeletions) for (const key of Object.keys(original)) if (!(key in modified)) patch[key] = null;
  const additionalInOriginal = Object.keys(original).some((k) => original[k] !== null && !(k in modified));
  if (retainKeys.length > 0 && (Object.keys(patch).length > 0 || additionalInOriginal)) patch[RETAIN_KEYS] = sortScalars(retainKeys);
  return patch;
}

function diffMapField(key: string, ov: JsonMap, mv: JsonMap, patch: JsonMap, schema: SchemaMeta, o: DiffOptions): void {
  const { schema: sub, meta } = schema.forStruct(key);
  const { retainKeys, strategy } = splitStrategies(meta.strategies);
  if (strategy === 'replace') {
    if (!o.ignoreChangesAndAdditions) patch[key] = mv;
    return;
  }
  const value = diffMaps(ov, mv, sub, { ...o, buildRetainKeysDirective: retainKeys });
  if (Object.keys(value).length > 0) patch[key] = value;
}

function diffSliceField(key: string, ov: unknown[], mv: unknown[], patch: JsonMap, schema: SchemaMeta, o: DiffOptions): void {
  const { schema: sub, meta } = schema.forSlice(key);
  const { retainKeys, strategy } = splitStrategies(meta.strategies);
  if (strategy !== 'merge') {
    if (!o.ignoreChangesAndAdditions && !jsonEqual(ov, mv)) patch[key] = mv;
    return;
  }
  const { add, del, order } = diffLists(ov, mv, sub, meta.mergeKey, { ...o, buildRetainKeysDirective: retainKeys });
  if (add.length > 0) patch[key] = add;
  if (del.length > 0) patch[`${DELETE_PRIMITIVES}/${key}`] = del;
  if (order.length > 0) patch[`${SET_ORDER}/${key}`] = order;
}

/** The element kind of the lists (all items must share it; lists of lists are not allowed). */
function elementKind(...lists: unknown[][]): string {
  let kind: string | null = null;
  for (const l of lists) {
    for (const v of l) {
      const k = goKind(v);
      if (kind === null) {
        if (k === 'slice') throw new PatchError('lists of lists are not supported');
        kind = k;
      } else if (kind !== k) throw new PatchError(`list element types are not identical: ${JSON.stringify(lists)}`);
    }
  }
  if (kind === null) throw new PatchError('no elements in any of the given slices');
  return kind;
}

function mergeKeyOf(item: unknown, mergeKey: string): unknown {
  if (!isMap(item)) throw new PatchError(`expected a map, got ${JSON.stringify(item)}`);
  if (!(mergeKey in item)) throw new PatchError(`map: ${JSON.stringify(item)} does not contain declared merge key: ${mergeKey}`);
  return item[mergeKey];
}

function diffLists(original: unknown[], modified: unknown[], schema: SchemaMeta, mergeKey: string, o: DiffOptions): { add: unknown[]; del: unknown[]; order: unknown[] } {
  if (original.length === 0) {
    if (modified.length === 0 || o.ignoreChangesAndAdditions) return { add: [], del: [], order: [] };
    return { add: modified, del: [], order: [] };
  }
  const kind = elementKind(original, modified);
  let add: unknown[];
  let del: unknown[];
  let order: unknown[] = [];
  if (kind === 'map') {
    ({ add, del } = diffListsOfMaps(original, modified, schema, mergeKey, o));
    add = normalizeSliceOrder(add, modified, mergeKey, kind);
    const orderSame = original.length === modified.length && modified.every((m, i) => scalarEqual(mergeKeyOf(original[i], mergeKey), mergeKeyOf(m, mergeKey)));
    add = [...add, ...del];
    del = [];
    if (o.setElementOrder && ((!o.ignoreChangesAndAdditions && (add.length > 0 || !orderSame)) || (!o.ignoreDeletions && add.length > 0))) {
      order = modified.map((m) => ({ [mergeKey]: (m as JsonMap)[mergeKey] }));
    }
  } else {
    ({ add, del } = diffListsOfScalars(original, modified, o));
    add = normalizeSliceOrder(add, modified, mergeKey, kind);
    if (o.setElementOrder && ((!o.ignoreDeletions && del.length > 0) || (!o.ignoreChangesAndAdditions && !jsonEqual(original, modified)))) order = modified;
  }
  return { add, del, order };
}

/** Go's sort.Strings order on %v texts. */
const byText = (a: unknown, b: unknown): number => {
  const x = goFormat(a);
  const y = goFormat(b);
  return x < y ? -1 : x > y ? 1 : 0;
};

function sortScalars<T>(s: T[]): T[] {
  return [...s].sort(byText);
}

/** apimachinery's deduplicateScalars: a later duplicate is replaced by the last element (order changes). */
function deduplicateScalars(input: unknown[]): unknown[] {
  const s = [...input];
  let length = s.length - 1;
  for (let i = 0; i < length; i++) {
    for (let j = i + 1; j <= length; j++) {
      if (scalarEqual(s[i], s[j])) {
        s[j] = s[length];
        s.length = length;
        length--;
        j--;
      }
    }
  }
  return s;
}

function diffListsOfScalars(original: unknown[], modified: unknown[], o: DiffOptions): { add: unknown[]; del: unknown[] } {
  const os = sortScalars(original);
  const ms = sortScalars(modified);
  const add: unknown[] = [];
  const del: unknown[] = [];
  let i = 0;
  let j = 0;
  while (i < os.length || j < ms.length) {
    const inO = i < os.length;
    const inM = j < ms.length;
    const a = inO ? goFormat(os[i]) : '';
    const b = inM ? goFormat(ms[j]) : '';
    if (inO && inM && a === b) {
      i++;
      j++;
    } else if (!inO || (inO && inM && a > b)) {
      if (!o.ignoreChangesAndAdditions) add.push(ms[j]);
      j++;
    } else {
      if (!o.ignoreDeletions) del.push(os[i]);
      i++;
    }
  }
  return { add, del: deduplicateScalars(del) };
}

function diffListsOfMaps(original: unknown[], modified: unknown[], schema: SchemaMeta, mergeKey: string, o: DiffOptions): { add: unknown[]; del: unknown[] } {
  const key = (m: unknown) => goFormat(mergeKeyOf(m, mergeKey));
  const sortByKey = (l: unknown[]) => [...l].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  const os = sortByKey(original);
  const ms = sortByKey(modified);
  const add: unknown[] = [];
  const del: unknown[] = [];
  let i = 0;
  let j = 0;
  while (i < os.length || j < ms.length) {
    const inO = i < os.length;
    const inM = j < ms.length;
    const a = inO ? key(os[i]) : '';
    const b = inM ? key(ms[j]) : '';
    if (inO && inM && a === b) {
      const value = diffMaps(os[i] as JsonMap, ms[j] as JsonMap, schema, o);
      if (Object.keys(value).length > 0) {
        value[mergeKey] = (ms[j] as JsonMap)[mergeKey];
        add.push(value);
      }
      i++;
      j++;
    } else if (!inO || (inO && inM && a > b)) {
      if (!o.ignoreChangesAndAdditions) add.push(ms[j]);
      j++;
    } else {
      if (!o.ignoreDeletions) del.push({ [mergeKey]: (os[i] as JsonMap)[mergeKey], [DIRECTIVE]: 'delete' });
      i++;
    }
  }
  return { add, del };
}

// ---- ordering ------------------------------------------------------------------------------------------

function indexIn(list: unknown[], value: unknown, mergeKey: string, kind: string): number {
  const get = kind === 'map' ? (x: unknown) => (isMap(x) ? x[mergeKey] : null) : (x: unknown) => x;
  const v = get(value);
  return list.findIndex((x) => scalarEqual(get(x), v));
}

/** normalizeSliceOrder: `toSort` in the order of `order` (stable), `$patch: delete` items last. */
function normalizeSliceOrder(toSort: unknown[], order: unknown[], mergeKey: string, kind: string): unknown[] {
  let items = toSort;
  let toDelete: unknown[] = [];
  if (kind === 'map') {
    for (const x of [...toSort, ...order]) mergeKeyOf(x, mergeKey);
    items = toSort.filter((x) => (x as JsonMap)[DIRECTIVE] !== 'delete');
    toDelete = toSort.filter((x) => (x as JsonMap)[DIRECTIVE] === 'delete');
  }
  const decorated = items.map((x, n) => ({ x, n, at: indexIn(order, x, mergeKey, kind) }));
  decorated.sort((p, q) => (p.at >= 0 && q.at >= 0 ? p.at - q.at : 0) || p.n - q.n);
  return [...decorated.map((d) => d.x), ...toDelete];
}

/** mergeSortedSlice: server-only items (`left`) slotted between patch items by their live order. */
function mergeSortedSlice(left: unknown[], right: unknown[], serverOrder: unknown[], mergeKey: string, kind: string): unknown[] {
  const out: unknown[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length || j < right.length) {
    if (i >= left.length) out.push(right[j++]);
    else if (j >= right.length) out.push(left[i++]);
    else {
      const li = indexIn(serverOrder, left[i], mergeKey, kind);
      const ri = indexIn(serverOrder, right[j], mergeKey, kind);
      if (li >= 0 && ri >= 0 && li < ri) out.push(left[i++]);
      else out.push(right[j++]);
    }
  }
  return out;
}

function normalizeElementOrder(patch: unknown[], serverOnly: unknown[], patchOrder: unknown[], serverOrder: unknown[], mergeKey: string, kind: string): unknown[] {
  return mergeSortedSlice(normalizeSliceOrder(serverOnly, serverOrder, mergeKey, kind), normalizeSliceOrder(patch, patchOrder, mergeKey, kind), serverOrder, mergeKey, kind);
}

function partition(merged: unknown[], by: unknown[], mergeKey: string): { inPatch: unknown[]; serverOnly: unknown[] } {
  const inPatch: unknown[] = [];
  const serverOnly: unknown[] = [];
  for (const v of merged) {
    const found = mergeKey === '' ? by.some((b) => scalarEqual(b, v)) : by.some((b) => isMap(b) && scalarEqual(b[mergeKey], mergeKeyOf(v, mergeKey)));
    (found ? inPatch : serverOnly).push(v);
  }
  return { inPatch, serverOnly };
}

// ---- merge ---------------------------------------------------------------------------------------------

/** removeDirectives: drops `$patch` maps; `keep` is false when the value itself is a directive. */
function removeDirectives(v: unknown): { value: unknown; keep: boolean } {
  if (isMap(v)) {
    if (DIRECTIVE in v) return { value: null, keep: false };
    for (const k of Object.keys(v)) {
      const r = removeDirectives(v[k]);
      if (r.keep) v[k] = r.value;
      else delete v[k];
    }
    return { value: v, keep: true };
  }
  if (Array.isArray(v)) return { value: v.map(removeDirectives).filter((r) => r.keep).map((r) => r.value), keep: true };
  return { value: v, keep: true };
}

function discardNulls(v: unknown): void {
  if (isMap(v)) {
    for (const k of Object.keys(v)) {
      if (v[k] === null) delete v[k];
      else discardNulls(v[k]);
    }
  } else if (Array.isArray(v)) for (const x of v) discardNulls(x);
}

function mergeMap(original: JsonMap | null, patch: JsonMap, schema: SchemaMeta, mo: MergeOptions): JsonMap {
  if (DIRECTIVE in patch) {
    const d = patch[DIRECTIVE];
    if (d === 'replace') {
      delete patch[DIRECTIVE];
      return patch;
    }
    if (d === 'delete') return {};
    throw new PatchError(`Unknown patch type: ${String(d)} in map: ${JSON.stringify(patch)}`);
  }
  const orig: JsonMap = original ?? {};
  applyRetainKeys(orig, patch, mo);
  mergeOrderedLists(orig, patch, schema, mo);
  for (const key of Object.keys(patch)) {
    let k = key;
    const pv = patch[key];
    let isDeleteList = false;
    if (key.startsWith(DELETE_PRIMITIVES)) {
      if (!mo.mergeParallelList) {
        orig[key] = pv;
        continue;
      }
      k = key.slice(DELETE_PRIMITIVES.length + 1);
      isDeleteList = true;
    }
    if (pv === null) {
      delete orig[k];
      if (mo.ignoreUnmatchedNulls) continue;
    }
    const takePatch = () => {
      if (isDeleteList) return;
      if (mo.ignoreUnmatchedNulls) discardNulls(pv);
      const r = removeDirectives(pv);
      if (r.keep) orig[k] = r.value;
      else delete orig[k];
    };
    if (!(k in orig) || goKind(orig[k]) !== goKind(pv)) {
      takePatch();
      continue;
    }
    if (isMap(orig[k])) {
      const { schema: sub, meta } = schema.forStruct(k);
      const { strategy } = splitStrategies(meta.strategies);
      orig[k] = strategy === 'replace' ? pv : mergeMap(orig[k] as JsonMap, pv as JsonMap, sub, mo);
    } else if (Array.isArray(orig[k])) {
      const { schema: sub, meta } = schema.forSlice(k);
      const { strategy } = splitStrategies(meta.strategies);
      orig[k] = mergeSliceHandler(orig[k] as unknown[], pv as unknown[], sub, strategy, meta.mergeKey, isDeleteList, mo);
    } else takePatch();
  }
  return orig;
}

function applyRetainKeys(original: JsonMap, patch: JsonMap, mo: MergeOptions): void {
  if (!(RETAIN_KEYS in patch)) return;
  const retain = patch[RETAIN_KEYS];
  delete patch[RETAIN_KEYS];
  if (!mo.mergeParallelList) {
    if (RETAIN_KEYS in original && !jsonEqual(original[RETAIN_KEYS], retain)) throw new PatchError('$retainKeys directives differ');
    original[RETAIN_KEYS] = retain;
    return;
  }
  if (!Array.isArray(retain)) throw new PatchError('invalid patch: $retainKeys must be a list');
  for (const k of Object.keys(patch)) {
    if (patch[k] === null || k.startsWith(DELETE_PRIMITIVES) || k.startsWith(SET_ORDER)) continue;
    if (!retain.includes(k)) throw new PatchError('invalid patch: all keys of the patch must be listed in $retainKeys');
  }
  for (const k of Object.keys(original)) if (!retain.includes(k)) delete original[k];
}

/** mergePatchIntoOriginal: the lists a `$setElementOrder/…` directive orders. */
function mergeOrderedLists(original: JsonMap, patch: JsonMap, schema: SchemaMeta, mo: MergeOptions): void {
  for (const key of Object.keys(patch)) {
    if (!key.startsWith(SET_ORDER)) continue;
    const orderList = patch[key];
    if (!mo.mergeParallelList) {
      if (key in original && !jsonEqual(original[key], orderList)) throw new PatchError('invalid patch: $setElementOrder lists differ');
      original[key] = orderList;
    }
    delete patch[key];
    if (!Array.isArray(orderList)) throw new PatchError('invalid patch: $setElementOrder must be a list');
    const listKey = key.slice(SET_ORDER.length + 1);
    const foundOriginal = listKey in original;
    const foundPatch = listKey in patch;
    if (!foundOriginal && !foundPatch) continue;
    const originalList = foundOriginal ? (original[listKey] as unknown[]) : [];
    const patchList = foundPatch ? (patch[listKey] as unknown[]) : [];
    const { schema: sub, meta } = schema.forSlice(listKey);
    const { strategy } = splitStrategies(meta.strategies);
    let merged: unknown[];
    if (foundOriginal && !foundPatch) merged = originalList;
    else if (!foundOriginal) merged = removeDirectives(patchList).value as unknown[];
    else merged = mergeSliceHandler(originalList, patchList, sub, strategy, meta.mergeKey, false, mo);
    const { inPatch, serverOnly } = partition(merged, orderList, meta.mergeKey);
    const all = [...originalList, ...patchList];
    const kind = all.length ? elementKind(all) : 'map';
    original[listKey] = normalizeElementOrder(inPatch, serverOnly, orderList, originalList, meta.mergeKey, kind);
    delete patch[listKey];
  }
}

function mergeSliceHandler(original: unknown[], patch: unknown[], schema: SchemaMeta, strategy: string, mergeKey: string, isDeleteList: boolean, mo: MergeOptions): unknown[] {
  if (strategy === 'merge' || isDeleteList) return mergeSlice(original, patch, schema, mergeKey, mo, isDeleteList);
  return patch;
}

function mergeSlice(original: unknown[], patch: unknown[], schema: SchemaMeta, mergeKey: string, mo: MergeOptions, isDeleteList: boolean): unknown[] {
  if (original.length === 0 && patch.length === 0) return original;
  const kind = elementKind(original, patch);
  let merged: unknown[];
  let orig = original;
  let items = patch;
  if (kind !== 'map') {
    if (mo.mergeParallelList && isDeleteList) return original.filter((v) => !patch.some((d) => scalarEqual(d, v)));
    merged = deduplicateScalars([...original, ...patch]);
  } else {
    if (mergeKey === '') throw new PatchError('cannot merge lists without merge key');
    // Special elements: `$patch: delete` removes by merge key, `$patch: replace` replaces the whole list.
    const plain: unknown[] = [];
    let replace = false;
    for (const v of patch) {
      const m = v as JsonMap;
      if (!(DIRECTIVE in m)) plain.push(v);
      else if (m[DIRECTIVE] === 'delete') {
        const mv = mergeKeyOf(m, mergeKey);
        orig = orig.filter((x) => !scalarEqual((x as JsonMap)[mergeKey], mv));
      } else if (m[DIRECTIVE] === 'replace') replace = true;
      else if (m[DIRECTIVE] === 'merge') throw new PatchError('merging lists cannot yet be specified in the patch');
      else throw new PatchError(`Unknown patch type: ${String(m[DIRECTIVE])}`);
    }
    if (replace) {
      orig = plain;
      items = [];
    } else items = plain;
    merged = [...orig];
    for (const v of items) {
      const mv = mergeKeyOf(v, mergeKey);
      const at = merged.findIndex((x) => isMap(x) && mergeKey in x && scalarEqual(x[mergeKey], mv));
      if (at >= 0) merged[at] = mergeMap(merged[at] as JsonMap, v as JsonMap, schema, mo);
      else merged.push(v);
    }
  }
  const { inPatch, serverOnly } = partition(merged, items, kind === 'map' ? mergeKey : '');
  return normalizeElementOrder(inPatch, serverOnly, items, orig, kind === 'map' ? mergeKey : '', kind);
}

// ---- public --------------------------------------------------------------------------------------------

/**
 * CreateThreeWayMergePatch (overwrite on, as `kubectl apply` runs it): the changes from `current` to
 * `modified` without deletions, plus the deletions from `original` (the last-applied configuration) to
 * `modified`. `{}` means nothing to do.
 */
export function threeWayStrategicPatch(original: JsonMap | null, modified: JsonMap, current: JsonMap, schema: SchemaMeta): JsonMap {
  const delta = diffMaps(deepCopy(current), deepCopy(modified), schema, { setElementOrder: true, ignoreDeletions: true, ignoreChangesAndAdditions: false, buildRetainKeysDirective: false });
  const deletions = diffMaps(deepCopy(original ?? {}), deepCopy(modified), schema, { setElementOrder: true, ignoreChangesAndAdditions: true, ignoreDeletions: false, buildRetainKeysDirective: false });
  return mergeMap(deletions, delta, schema, { mergeParallelList: false, ignoreUnmatchedNulls: false });
}

/** StrategicMergePatch as the API server applies it to the stored object. */
export function applyStrategicPatch(live: JsonMap, patch: JsonMap, schema: SchemaMeta): JsonMap {
  return mergeMap(deepCopy(live), deepCopy(patch), schema, { mergeParallelList: true, ignoreUnmatchedNulls: true });
}
