// Unknown fields of a custom resource, as apiextensions-apiserver's structural pruning finds them
// (pkg/apiserver/schema/pruning/algorithm.go, 1.35). With fieldValidation=Strict each becomes
// `unknown field "<path>"` (400 BadRequest) before any schema validation. Paths print map keys as
// `.key`; the list is sorted as strings (sort.Strings). The root is an embedded resource, so
// apiVersion, kind and metadata are not pruned there; x-kubernetes-preserve-unknown-fields keeps
// unknown fields below it.
import type { PathSegment } from '../validate/field.ts';
import { at, compareCodePoints, goStrictPath, isObject, segmentsOf } from './json-util.ts';
import type { Json, Loc } from './json-util.ts';
import type { SchemaNode } from './schemas.ts';

export interface UnknownField {
  /** As the API server prints it (`spec.tfReplicaSpecs.Worker.template.foo`). */
  name: string;
  path: PathSegment[];
}

const META_FIELDS = new Set(['apiVersion', 'kind', 'metadata']);

export function prunedFields(value: Json, root: SchemaNode): UnknownField[] {
  const found: UnknownField[] = [];
  prune(value, root, null, true, found);
  return found.sort((a, b) => compareCodePoints(a.name, b.name));
}

function embedded(s: SchemaNode | null): boolean {
  return s?.['x-kubernetes-embedded-resource'] === true;
}

function prune(x: unknown, s: SchemaNode | null, loc: Loc | null, isEmbedded: boolean, out: UnknownField[]): void {
  if (s?.['x-kubernetes-preserve-unknown-fields']) {
    skipPrune(x, s, loc, out);
    return;
  }
  if (isObject(x)) {
    for (const k of Object.keys(x)) {
      if (s && isEmbedded && META_FIELDS.has(k)) continue;
      const prop = s?.properties?.[k];
      const ap = s?.additionalProperties;
      if (prop) {
        prune(x[k], prop, at(loc, k), embedded(prop), out);
      } else if (s && ap !== undefined && ap !== false) {
        const sub = typeof ap === 'object' ? ap : null;
        prune(x[k], sub, at(loc, { key: k }), embedded(sub), out);
      } else if (!META_FIELDS.has(k) || loc !== null) {
        const path = segmentsOf(at(loc, k));
        out.push({ name: goStrictPath(path), path });
      }
    }
  } else if (Array.isArray(x)) {
    const items = s?.items ?? null;
    for (let i = 0; i < x.length; i++) prune(x[i], items, at(loc, i), embedded(items), out);
  }
}

function skipPrune(x: unknown, s: SchemaNode, loc: Loc | null, out: UnknownField[]): void {
  if (isObject(x)) {
    for (const k of Object.keys(x)) {
      if (embedded(s) && META_FIELDS.has(k)) continue;
      const prop = s.properties?.[k];
      const ap = s.additionalProperties;
      if (prop) prune(x[k], prop, at(loc, k), embedded(prop), out);
      else if (ap && typeof ap === 'object') prune(x[k], ap, at(loc, { key: k }), embedded(ap), out);
    }
  } else if (Array.isArray(x) && s.items) {
    for (let i = 0; i < x.length; i++) skipPrune(x[i], s.items, at(loc, i), out);
  }
}
