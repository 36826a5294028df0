// JSON merge patch (RFC 7386) as `kubectl apply` uses it for custom resources (TFJob, PyTorchJob have no
// strategic-merge metadata): apimachinery jsonmergepatch.CreateThreeWayJSONMergePatch over evanphx/json-patch
// CreateMergePatch and MergePatch. Lists are always replaced whole.
import { deepCopy, goKind, isMap, jsonEqual, type JsonMap } from './json-values.ts';

/** evanphx getDiff: what turns `a` into `b` (nulls for removed keys). */
function diff(a: JsonMap, b: JsonMap): JsonMap {
  const into: JsonMap = {};
  for (const key of Object.keys(b)) {
    const bv = b[key];
    if (!(key in a)) {
      into[key] = bv;
      continue;
    }
    const av = a[key];
    // encoding/json holds every number as float64: 3 and 3.0 are the same type here.
    const kind = (v: unknown) => (goKind(v) === 'int' ? 'float' : goKind(v));
    if (kind(av) !== kind(bv)) {
      into[key] = bv;
      continue;
    }
    if (isMap(av)) {
      const d = diff(av, bv as JsonMap);
      if (Object.keys(d).length > 0) into[key] = d;
    } else if (!jsonEqual(av, bv)) into[key] = bv;
  }
  for (const key of Object.keys(a)) if (!(key in b)) into[key] = null;
  return into;
}

/** keepOrDeleteNullInObj: only the nulls (deletions), or everything but the nulls (additions and changes). */
function keepOrDeleteNull(m: JsonMap, keepNull: boolean): JsonMap {
  const out: JsonMap = {};
  for (const [key, val] of Object.entries(m)) {
    if (val === null) {
      if (keepNull) out[key] = null;
    } else if (isMap(val)) {
      if (Object.keys(val).length === 0) {
        if (!keepNull) out[key] = val;
        continue;
      }
      const sub = keepOrDeleteNull(val, keepNull);
      if (Object.keys(sub).length > 0) out[key] = sub;
    } else if (!keepNull) out[key] = val;
  }
  return out;
}

function pruneNulls(v: unknown): void {
  if (isMap(v)) {
    for (const k of Object.keys(v)) {
      if (v[k] === null) delete v[k];
      else pruneNulls(v[k]);
    }
  } else if (Array.isArray(v)) for (const x of v) pruneNulls(x);
}

/** evanphx MergePatch: applies `patch` to `doc` (nulls delete, objects merge, everything else replaces). */
export function mergePatch(doc: JsonMap, patch: JsonMap): JsonMap {
  const out = deepCopy(doc);
  mergeInto(out, deepCopy(patch));
  return out;
}

function mergeInto(doc: JsonMap, patch: JsonMap): void {
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete doc[k];
    else if (!(k in doc) || doc[k] === null || !isMap(doc[k]) || !isMap(v)) {
      pruneNulls(v);
      doc[k] = v;
    } else mergeInto(doc[k] as JsonMap, v);
  }
}

/** CreateThreeWayJSONMergePatch: changes from `current` to `modified`, deletions from `original` to `modified`. */
export function threeWayJSONMergePatch(original: JsonMap | null, modified: JsonMap, current: JsonMap): JsonMap {
  const addAndChange = keepOrDeleteNull(diff(current, modified), false);
  const deletions = keepOrDeleteNull(diff(original ?? {}, modified), true);
  const out = deepCopy(deletions);
  // MergePatch(deletePatch, addAndChangePatch): the additions merged into the deletion patch.
  mergeKeep(out, addAndChange);
  return out;
}

/** MergePatch where the document itself is a patch: its nulls stay (the addition patch has none). */
function mergeKeep(doc: JsonMap, patch: JsonMap): void {
  for (const [k, v] of Object.entries(patch)) {
    if (!(k in doc) || doc[k] === null || !isMap(doc[k]) || !isMap(v)) doc[k] = deepCopy(v);
    else mergeKeep(doc[k] as JsonMap, v);
  }
}
