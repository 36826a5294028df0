// The defaults of a CRD's structural schema, as apiextensions-apiserver applies them every time it decodes a
// custom resource (create, update, and reads from etcd): apiextensions-apiserver pkg/apiserver/schema/defaulting
// `PruneNonNullableNullsWithoutDefaults` (run by the schema coercer, right after pruning) and then `Default`
// (the codec's defaulter), both at v0.35.0. The rules:
//  * a property's `default` fills the property when it is absent, or null while the schema is not nullable;
//  * defaulting recurses only into values that exist: a missing parent is never created, unless the parent
//    has a `default` of its own (then the copied default is itself defaulted further down);
//  * list items and additionalProperties values are defaulted like properties; a non-nullable null item takes
//    the item schema's default (or stays null when there is none);
//  * before that, a null held by a non-nullable field without a default is dropped (so `runPolicy: null`
//    disappears instead of failing validation), while a null with a default is left for `Default` to replace.
//
// What the Kubeflow Training Operator v1.9 CRDs (shared/data/kubeflow-training-v1.9) declare, and so what this
// adds to a TFJob or PyTorchJob: `spec.runPolicy.suspend: false`, and in every replica's pod template the
// defaults controller-gen copied from k8s.io/api markers: container/initContainer/ephemeralContainer
// `ports[].protocol: TCP`, `""` for the `name` of configMap/secret references (env valueFrom, envFrom,
// imagePullSecrets, volume sources), `""` for probes' `grpc.service`, and a few volume-source fields (rbd
// pool/user/keyring, iscsi iscsiInterface, azureDisk fsType/readOnly, scaleIO fsType/storageMode). No field
// of these CRDs is nullable. The schema read here is our generated copy of each CRD's openAPIV3Schema
// (src/engine/schema/generated/TFJob.json, PyTorchJob.json), which keeps every `default`.
//
// Not to be confused with the Training Operator's own defaults (./index.ts): those live only in the
// controller's memory and never reach the stored object.
import { kindSchema, type SchemaNode } from '../../schema/index.ts';
import { deepClone } from '../../validate/rules/access.ts';

type Json = Record<string, unknown>;

const ROOT_META = new Set(['apiVersion', 'kind', 'metadata']);

function isMap(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function hasDefault(s: SchemaNode | undefined): boolean {
  return s !== undefined && s.default !== undefined && s.default !== null;
}

function nonNullable(s: SchemaNode | undefined): boolean {
  return s !== undefined && s.nullable !== true;
}

/** The schema of a map key: its property, else additionalProperties when that is a schema. */
function fieldSchema(s: SchemaNode | undefined, key: string): SchemaNode | undefined {
  if (!s) return undefined;
  const prop = s.properties?.[key];
  if (prop) return prop;
  return typeof s.additionalProperties === 'object' ? s.additionalProperties : undefined;
}

/** `PruneNonNullableNullsWithoutDefaults`. `root` skips apiVersion/kind/metadata, which the schema does not own. */
function pruneNulls(x: unknown, s: SchemaNode | undefined, root: boolean): void {
  if (isMap(x)) {
    for (const k of Object.keys(x)) {
      if (root && ROOT_META.has(k)) continue;
      const sub = fieldSchema(s, k);
      if (x[k] === null && nonNullable(sub) && !hasDefault(sub)) delete x[k];
      else pruneNulls(x[k], sub, false);
    }
  } else if (Array.isArray(x)) {
    for (const item of x) pruneNulls(item, s?.items, false);
  }
}

/** `Default`: fills absent (or non-nullable null) properties with a copy of their default, then recurses. */
function applyDefaults(x: unknown, s: SchemaNode | undefined, root: boolean): void {
  if (!s) return;
  if (isMap(x)) {
    for (const [k, prop] of Object.entries(s.properties ?? {})) {
      if (root && ROOT_META.has(k)) continue;
      if (!hasDefault(prop)) continue;
      if (!(k in x) || (x[k] === null && nonNullable(prop))) x[k] = deepClone(prop.default);
    }
    for (const k of Object.keys(x)) {
      if (root && ROOT_META.has(k)) continue;
      const prop = s.properties?.[k];
      if (prop) {
        applyDefaults(x[k], prop, false);
      } else if (typeof s.additionalProperties === 'object') {
        const ap = s.additionalProperties;
        if (x[k] === null && nonNullable(ap)) x[k] = hasDefault(ap) ? deepClone(ap.default) : null;
        applyDefaults(x[k], ap, false);
      }
    }
  } else if (Array.isArray(x)) {
    const items = s.items;
    for (let i = 0; i < x.length; i++) {
      if (x[i] === null && nonNullable(items)) x[i] = hasDefault(items) ? deepClone(items!.default) : null;
      applyDefaults(x[i], items, false);
    }
  }
}

/**
 * A copy of a custom resource with its CRD schema's null pruning and defaults applied, as the API server
 * stores it. `kind` names the generated schema (TFJob, PyTorchJob); an unknown kind gives a plain copy.
 */
export function applyCrdSchemaDefaults<T>(kind: string, object: T): T {
  const copy = deepClone(object);
  const schema = kindSchema(kind);
  if (!schema || !isMap(copy)) return copy;
  pruneNulls(copy, schema, true);
  applyDefaults(copy, schema, true);
  return copy;
}
