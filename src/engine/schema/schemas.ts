// Access to the generated JSON Schemas: per-kind schemas, the shared definitions, a self-contained
// schema per kind (for editors), and field lookups for `kubectl explain`.
import definitionsFile from './generated/definitions.json' with { type: 'json' };
import podFile from './generated/Pod.json' with { type: 'json' };
import replicaSetFile from './generated/ReplicaSet.json' with { type: 'json' };
import deploymentFile from './generated/Deployment.json' with { type: 'json' };
import jobFile from './generated/Job.json' with { type: 'json' };
import cronJobFile from './generated/CronJob.json' with { type: 'json' };
import nodeFile from './generated/Node.json' with { type: 'json' };
import serviceFile from './generated/Service.json' with { type: 'json' };
import namespaceFile from './generated/Namespace.json' with { type: 'json' };
import configMapFile from './generated/ConfigMap.json' with { type: 'json' };
import eventFile from './generated/Event.json' with { type: 'json' };
import tfJobFile from './generated/TFJob.json' with { type: 'json' };
import pyTorchJobFile from './generated/PyTorchJob.json' with { type: 'json' };

/** The JSON Schema / OpenAPI keywords the generated files use. */
export interface SchemaNode {
  $id?: string;
  $ref?: string;
  $defs?: Record<string, SchemaNode>;
  title?: string;
  description?: string;
  type?: string | string[];
  format?: string;
  properties?: Record<string, SchemaNode>;
  additionalProperties?: SchemaNode | boolean;
  items?: SchemaNode;
  required?: string[];
  allOf?: SchemaNode[];
  anyOf?: SchemaNode[];
  oneOf?: SchemaNode[];
  enum?: unknown[];
  default?: unknown;
  nullable?: boolean;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: boolean;
  exclusiveMaximum?: boolean;
  multipleOf?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  minProperties?: number;
  maxProperties?: number;
  'x-kubernetes-int-or-string'?: boolean;
  'x-kubernetes-preserve-unknown-fields'?: boolean;
  'x-kubernetes-embedded-resource'?: boolean;
  'x-kubernetes-list-type'?: string;
  'x-kubernetes-list-map-keys'?: string[];
  'x-kubernetes-map-type'?: string;
  'x-kubernetes-group-version-kind'?: { group: string; kind: string; version: string }[];
  [extension: `x-${string}`]: unknown;
}

const KIND_FILES: Readonly<Record<string, unknown>> = {
  Pod: podFile,
  ReplicaSet: replicaSetFile,
  Deployment: deploymentFile,
  Job: jobFile,
  CronJob: cronJobFile,
  Node: nodeFile,
  Service: serviceFile,
  Namespace: namespaceFile,
  ConfigMap: configMapFile,
  Event: eventFile,
  TFJob: tfJobFile,
  PyTorchJob: pyTorchJobFile,
};

const DEFS_PREFIX = 'definitions.json#/$defs/';
const LOCAL_PREFIX = '#/$defs/';

/** definitions.json: `$defs` keyed by OpenAPI definition name. */
export const definitions: Readonly<Record<string, SchemaNode>> = (definitionsFile as unknown as SchemaNode).$defs!;

/** The generated file of a kind, as stored (refs point into definitions.json). */
export function kindSchema(kind: string): SchemaNode | undefined {
  return KIND_FILES[kind] as SchemaNode | undefined;
}

/** Names of the kinds that have a schema. */
export function schemaKinds(): string[] {
  return Object.keys(KIND_FILES);
}

/** The definition name a `$ref` names, in either file's form. */
export function refName(ref: string): string {
  if (ref.startsWith(DEFS_PREFIX)) return ref.slice(DEFS_PREFIX.length);
  if (ref.startsWith(LOCAL_PREFIX)) return ref.slice(LOCAL_PREFIX.length);
  throw new Error(`unexpected $ref ${ref}`);
}

/**
 * Follows a `$ref`, or an `allOf` holding just one `$ref` (how OpenAPI attaches a description to a
 * referenced type), to the referenced definition. Returns the node itself otherwise.
 */
export function resolveNode(node: SchemaNode): { schema: SchemaNode; definition: string | null } {
  let ref = node.$ref;
  if (!ref && node.allOf?.length === 1 && node.allOf[0].$ref) ref = node.allOf[0].$ref;
  if (!ref) return { schema: node, definition: null };
  const name = refName(ref);
  const schema = definitions[name];
  if (!schema) throw new Error(`no definition ${name}`);
  return { schema, definition: name };
}

const bundled = new Map<string, SchemaNode>();

/**
 * A self-contained JSON Schema for a kind: the kind's file with only the definitions it reaches
 * copied under its own `$defs` and refs made local (`#/$defs/…`). Built on first use and cached.
 * This is what an editor (monaco-yaml) or ajv can load on its own.
 */
export function schemaFor(kind: string): SchemaNode | undefined {
  const cached = bundled.get(kind);
  if (cached) return cached;
  const root = kindSchema(kind);
  if (!root) return undefined;
  const needed = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const n of node) visit(n);
    } else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (key === '$ref' && typeof value === 'string') {
          const name = refName(value);
          if (!needed.has(name)) {
            needed.add(name);
            visit(definitions[name]);
          }
        } else {
          visit(value);
        }
      }
    }
  };
  visit(root);
  const $defs: Record<string, SchemaNode> = {};
  for (const name of [...needed].sort()) $defs[name] = localizeRefs(definitions[name]) as SchemaNode;
  const out = { ...(localizeRefs(root) as SchemaNode), $defs };
  bundled.set(kind, out);
  return out;
}

function localizeRefs(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(localizeRefs);
  if (node && typeof node === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node)) {
      out[key] = key === '$ref' && typeof value === 'string' ? LOCAL_PREFIX + refName(value) : localizeRefs(value);
    }
    return out;
  }
  return node;
}

/** What `kubectl explain` needs about one field. */
export interface FieldInfo {
  /** The field's own schema node (with its description), before following a `$ref`. */
  node: SchemaNode;
  /** The resolved schema (the referenced definition, or the node itself). */
  schema: SchemaNode;
  /** OpenAPI definition name of the field's type, when it is a reference (`io.k8s.api.batch.v1.JobSpec`). */
  definition: string | null;
  /** The field's description, or the description of its type when the field has none. */
  description: string | undefined;
  /** Whether the enclosing object lists the field as required. */
  required: boolean;
}

/**
 * Looks up a field of a kind by path: `spec.template.spec.containers.image` (list items are
 * transparent, as in `kubectl explain`), or segments with indices (`['spec', 'containers', 0]`).
 * Map values (`additionalProperties`) are entered by any key. An empty path gives the kind itself.
 */
export function fieldAt(kind: string, path: string | readonly (string | number)[]): FieldInfo | undefined {
  const root = kindSchema(kind);
  if (!root) return undefined;
  const segments = typeof path === 'string' ? parsePath(path) : path;
  let node: SchemaNode = root;
  let schema: SchemaNode = root;
  let definition: string | null = null;
  let required = false;
  for (const seg of segments) {
    if (typeof seg === 'number') {
      if (!schema.items) return undefined;
      ({ schema, definition } = resolveNode((node = schema.items)));
      continue;
    }
    // Step through list items to the object they hold (explain writes `containers.image`).
    while (schema.items && !schema.properties) ({ schema, definition } = resolveNode((node = schema.items)));
    const prop = schema.properties?.[seg];
    if (prop) {
      required = schema.required?.includes(seg) ?? false;
      node = prop;
    } else if (schema.additionalProperties && typeof schema.additionalProperties === 'object') {
      required = false;
      node = schema.additionalProperties;
    } else {
      return undefined;
    }
    ({ schema, definition } = resolveNode(node));
  }
  return { node, schema, definition, description: node.description ?? schema.description, required };
}

/** The description `kubectl explain` shows for a field (see `fieldAt` for the path syntax). */
export function descriptionAt(kind: string, path: string | readonly (string | number)[]): string | undefined {
  return fieldAt(kind, path)?.description;
}

function parsePath(path: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) out.push(m[2] !== undefined ? Number(m[2]) : m[1]);
  return out;
}
