// The OpenAPI v3 schema of a kind as a 1.35 API server publishes it to `kubectl explain`, rebuilt from the
// engine's generated JSON Schemas (src/engine/schema/generated, made from the same OpenAPI documents and CRDs).
// The generator changed two things that explain shows, and they are undone here:
//  * it gave apiVersion and kind an `enum` of their one value and made them required (the published documents
//    have neither; recordings 28–31 and tests/golden/kubectl-explain show no ENUM and no -required- on them);
//  * custom resources keep their CRD's own apiVersion/kind descriptions, while the apiextensions-apiserver
//    publishes the built-in TypeMeta texts in their place (builder.go addTypeMetaProperties; recording
//    kubectl-explain 15 explain tfjob).
import { definitions, kindSchema } from '../../schema/index.ts';
import type { KindEntry, SchemaNode } from '../../schema/index.ts';

const REF_PREFIXES = ['definitions.json#/$defs/', '#/$defs/'];

/** The schema a `$ref` points to (kubectl's resolveRef), or null for none / an unknown reference. */
export function resolveRef(ref: unknown): SchemaNode | null {
  if (typeof ref !== 'string') return null;
  for (const p of REF_PREFIXES) if (ref.startsWith(p)) return definitions[ref.slice(p.length)] ?? null;
  return null;
}

/** A TypeMeta property without the generator's enum; custom resources get the built-in (Pod's) text. */
function typeMetaProperty(kind: KindEntry, root: SchemaNode, name: 'apiVersion' | 'kind'): SchemaNode {
  const source = kind.source === 'builtin' ? root : kindSchema('Pod')!;
  const { enum: _one, ...published } = source.properties![name]!;
  return published;
}

const cache = new Map<string, SchemaNode>();

/** The kind's top-level schema as the server publishes it in its OpenAPI v3 document. */
export function publishedKindSchema(kind: KindEntry): SchemaNode | undefined {
  const cached = cache.get(kind.kind);
  if (cached) return cached;
  const root = kindSchema(kind.kind);
  if (!root) return undefined;
  const properties = { ...root.properties, apiVersion: typeMetaProperty(kind, root, 'apiVersion'), kind: typeMetaProperty(kind, root, 'kind') };
  const required = (root.required ?? []).filter((r) => r !== 'apiVersion' && r !== 'kind');
  const { required: _req, $id: _id, $schema: _s, title: _t, ...rest } = root as SchemaNode & { $schema?: string };
  const published: SchemaNode = { ...rest, properties, ...(required.length ? { required } : {}) };
  cache.set(kind.kind, published);
  return published;
}
