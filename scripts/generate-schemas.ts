// Generates src/engine/schema/generated/ from the Kubernetes 1.35 OpenAPI v3 documents and the
// Kubeflow Training Operator v1.9 CRDs in ../shared/data.
//
//   npm run schemas                       (reads ../shared/data, writes src/engine/schema/generated)
//   node scripts/generate-schemas.ts --data DIR --out DIR
//   SCHEMA_DATA_DIR=… SCHEMA_OUT_DIR=… node scripts/generate-schemas.ts
//
// Layout of the output (draft-07 JSON Schema, every object's keys sorted, so runs are byte-identical):
// * definitions.json: `$defs` holding every OpenAPI definition the built-in kinds reach, keyed by its
//   OpenAPI name (`io.k8s.api.core.v1.PodSpec`), with local `#/$defs/…` refs. Stored once, not per kind.
// * <Kind>.json: the kind's top-level schema; apiVersion and kind get an `enum` of their one value and are
//   required (kubectl refuses documents without them). Its refs point into `definitions.json#/$defs/…`,
//   resolved against the `$id`s (`Deployment.json`, `definitions.json`): register both files with ajv
//   (`addSchema`) or monaco-yaml (`schemas: [{ uri, schema }]` under one base URI). For a single
//   self-contained schema per kind, use `schemaFor(kind)` from src/engine/schema/schemas.ts.
// * TFJob.json / PyTorchJob.json: the CRD's openAPIV3Schema as is (it is what the API server validates
//   custom resources against), except `metadata`, which refers to ObjectMeta like the built-in kinds.
// * upstream-kinds.json: every kind the three OpenAPI documents serve, per apiVersion.
// * NOTICE and LICENSE: the sources are Apache-2.0.
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYAML } from 'yaml';
import { KIND_TABLE } from '../src/engine/schema/kind-table.ts';
import type { KindInfo } from '../src/engine/schema/kind-table.ts';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const OPENAPI_DIR = 'kubernetes-openapi-v1.35';
const CRD_DIR = 'kubeflow-training-v1.9';
const OPENAPI_FILES = ['api__v1.json', 'apis__apps__v1.json', 'apis__batch__v1.json'];
const DEFS_FILE = 'definitions.json';
const DRAFT = 'http://json-schema.org/draft-07/schema#';
const COMPONENT_REF = '#/components/schemas/';
const OBJECT_META = 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta';
const INT_OR_STRING = 'io.k8s.apimachinery.pkg.util.intstr.IntOrString';

export interface GenerateOptions {
  dataDir: string;
  outDir: string;
}

export interface GenerateResult {
  files: { name: string; bytes: number }[];
  totalBytes: number;
}

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export function defaultOptions(argv: readonly string[] = [], env: NodeJS.ProcessEnv = {}): GenerateOptions {
  const arg = (name: string): string | undefined => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  return {
    dataDir: path.resolve(arg('--data') ?? env.SCHEMA_DATA_DIR ?? path.join(repoRoot, '..', 'shared', 'data')),
    outDir: path.resolve(arg('--out') ?? env.SCHEMA_OUT_DIR ?? path.join(repoRoot, 'src', 'engine', 'schema', 'generated')),
  };
}

/** Builds every output file in memory: file name → contents. */
export function buildSchemas(dataDir: string): Map<string, string> {
  const components = loadComponents(path.join(dataDir, OPENAPI_DIR));
  const out = new Map<string, string>();

  // Definitions reachable from the built-in kinds (the kinds' own definitions live in their files).
  const builtins = KIND_TABLE.filter((k) => k.source === 'builtin');
  const needed = new Set<string>();
  collectRefs({ $ref: COMPONENT_REF + OBJECT_META }, components, needed); // custom resources use it too
  for (const k of builtins) collectRefs(componentOf(components, k.definition!), components, needed);
  const defs: JsonObject = {};
  for (const name of [...needed].sort()) defs[name] = rewriteRefs(definitionOf(components, name), '#/$defs/');
  out.set(DEFS_FILE, render({ $id: DEFS_FILE, $schema: DRAFT, $defs: defs }));

  const metaDescription = propertyOf(componentOf(components, builtins[0].definition!), 'metadata').description;
  for (const k of KIND_TABLE) {
    const schema = k.source === 'builtin' ? builtinKind(k, components) : crdKind(k, dataDir, metaDescription ?? null);
    out.set(k.schemaFile, render(schema));
  }

  out.set('upstream-kinds.json', render(upstreamKinds(path.join(dataDir, OPENAPI_DIR))));
  const license = readFileSync(path.join(dataDir, OPENAPI_DIR, 'LICENSE'), 'utf8');
  const crdLicense = readFileSync(path.join(dataDir, CRD_DIR, 'LICENSE'), 'utf8');
  if (normalizeSpace(license) !== normalizeSpace(crdLicense)) throw new Error('the two sources carry different licences');
  out.set('LICENSE', license);
  out.set('NOTICE', notice());
  return out;
}

/** Writes the files and removes stale ones; returns their sizes. */
export function generate(options: GenerateOptions): GenerateResult {
  const files = buildSchemas(options.dataDir);
  mkdirSync(options.outDir, { recursive: true });
  for (const name of readdirSync(options.outDir)) {
    if (!files.has(name)) rmSync(path.join(options.outDir, name), { recursive: true });
  }
  const sizes: { name: string; bytes: number }[] = [];
  for (const [name, text] of [...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    writeFileSync(path.join(options.outDir, name), text);
    sizes.push({ name, bytes: Buffer.byteLength(text) });
  }
  return { files: sizes, totalBytes: sizes.reduce((n, f) => n + f.bytes, 0) };
}

// ---------------------------------------------------------------------------------------------

function loadComponents(dir: string): Map<string, JsonObject> {
  const all = new Map<string, JsonObject>();
  for (const file of OPENAPI_FILES) {
    const doc = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as JsonObject;
    const schemas = (doc.components as JsonObject).schemas as JsonObject;
    for (const [name, schema] of Object.entries(schemas)) {
      const prev = all.get(name);
      // The three documents repeat shared definitions; they must agree.
      if (prev && render(prev) !== render(schema)) throw new Error(`${name} differs between the OpenAPI documents`);
      all.set(name, schema as JsonObject);
    }
  }
  return all;
}

function componentOf(components: Map<string, JsonObject>, name: string): JsonObject {
  const schema = components.get(name);
  if (!schema) throw new Error(`no OpenAPI definition ${name}`);
  return schema;
}

function definitionOf(components: Map<string, JsonObject>, name: string): JsonObject {
  const schema = { ...componentOf(components, name) };
  // The published OpenAPI v3 marks IntOrString only with `format: int-or-string`; add the
  // extension CRDs use, so editors and the checkers can treat both alike.
  if (name === INT_OR_STRING) schema['x-kubernetes-int-or-string'] = true;
  return schema;
}

function propertyOf(schema: JsonObject, name: string): JsonObject {
  return (schema.properties as JsonObject)[name] as JsonObject;
}

function collectRefs(node: Json, components: Map<string, JsonObject>, seen: Set<string>): void {
  if (Array.isArray(node)) {
    for (const item of node) collectRefs(item, components, seen);
  } else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string') {
        const name = value.slice(COMPONENT_REF.length);
        if (!seen.has(name)) {
          seen.add(name);
          collectRefs(componentOf(components, name), components, seen);
        }
      } else {
        collectRefs(value, components, seen);
      }
    }
  }
}

function rewriteRefs(node: Json, prefix: string): JsonObject {
  return rewrite(node, prefix) as JsonObject;
}

function rewrite(node: Json, prefix: string): Json {
  if (Array.isArray(node)) return node.map((n) => rewrite(n, prefix));
  if (node && typeof node === 'object') {
    const out: JsonObject = {};
    for (const [key, value] of Object.entries(node)) {
      out[key] =
        key === '$ref' && typeof value === 'string' && value.startsWith(COMPONENT_REF)
          ? prefix + value.slice(COMPONENT_REF.length)
          : rewrite(value, prefix);
    }
    return out;
  }
  return node;
}

function withTypeMetaEnums(schema: JsonObject, k: KindInfo): JsonObject {
  const props = { ...(schema.properties as JsonObject) };
  props.apiVersion = { ...(props.apiVersion as JsonObject), enum: [k.apiVersion] };
  props.kind = { ...(props.kind as JsonObject), enum: [k.kind] };
  const required = [...new Set(['apiVersion', 'kind', ...((schema.required as string[] | undefined) ?? [])])];
  return { ...schema, properties: props, required };
}

function gvkOf(k: KindInfo): JsonObject {
  return { group: k.group, kind: k.kind, version: k.version };
}

function builtinKind(k: KindInfo, components: Map<string, JsonObject>): JsonObject {
  const def = componentOf(components, k.definition!);
  const gvks = def['x-kubernetes-group-version-kind'] as JsonObject[];
  if (gvks.length !== 1 || render(gvks[0]) !== render(gvkOf(k))) throw new Error(`${k.kind}: unexpected GVK ${render(gvks)}`);
  const schema = withTypeMetaEnums(rewriteRefs(def, `${DEFS_FILE}#/$defs/`), k);
  return { $id: k.schemaFile, $schema: DRAFT, title: `${k.kind} (${k.apiVersion})`, ...schema };
}

function crdKind(k: KindInfo, dataDir: string, metaDescription: Json): JsonObject {
  const crd = parseYAML(readFileSync(path.join(dataDir, CRD_DIR, k.crdFile!), 'utf8')) as JsonObject;
  const spec = crd.spec as JsonObject;
  const names = spec.names as JsonObject;
  if (spec.group !== k.group || names.kind !== k.kind || names.plural !== k.resource || names.singular !== k.singular) {
    throw new Error(`${k.crdFile}: names do not match the kind table`);
  }
  if ((spec.scope === 'Namespaced') !== k.namespaced) throw new Error(`${k.crdFile}: scope does not match`);
  const version = (spec.versions as JsonObject[]).find((v) => v.name === k.version);
  if (!version || version.served !== true) throw new Error(`${k.crdFile}: version ${k.version} is not served`);
  const subresources = (version.subresources ?? {}) as JsonObject;
  const scale = subresources.scale as JsonObject | undefined;
  if ((scale?.specReplicasPath ?? undefined) !== k.specReplicasPath) throw new Error(`${k.crdFile}: scale subresource differs`);
  if (('status' in subresources) !== (k.statusSubresource === true)) throw new Error(`${k.crdFile}: status subresource differs`);

  const openAPI = (version.schema as JsonObject).openAPIV3Schema as JsonObject;
  const props = { ...(openAPI.properties as JsonObject) };
  props.metadata = { allOf: [{ $ref: `${DEFS_FILE}#/$defs/${OBJECT_META}` }], description: metaDescription };
  const schema = withTypeMetaEnums({ ...openAPI, properties: props }, k);
  return {
    $id: k.schemaFile,
    $schema: DRAFT,
    title: `${k.kind} (${k.apiVersion})`,
    ...schema,
    'x-kubernetes-group-version-kind': [gvkOf(k)],
  };
}

/** Kinds of the top-level resources in the OpenAPI paths (`/api/v1/namespaces/{namespace}/pods`). */
function upstreamKinds(dir: string): JsonObject {
  const byVersion: Record<string, Set<string>> = {};
  for (const file of OPENAPI_FILES) {
    const doc = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as JsonObject;
    for (const [p, item] of Object.entries(doc.paths as JsonObject)) {
      if (!/^\/apis?\/([a-z0-9.]+\/)?v1\/(namespaces\/\{namespace\}\/)?[a-z0-9]+$/.test(p)) continue;
      for (const op of Object.values(item as JsonObject)) {
        const gvk = (op as JsonObject)?.['x-kubernetes-group-version-kind'] as JsonObject | undefined;
        if (!gvk || (op as JsonObject)['x-kubernetes-action'] !== 'post') continue;
        const apiVersion = gvk.group ? `${gvk.group}/${gvk.version}` : String(gvk.version);
        (byVersion[apiVersion] ??= new Set()).add(String(gvk.kind));
      }
    }
  }
  const out: JsonObject = {};
  for (const v of Object.keys(byVersion).sort()) out[v] = [...byVersion[v]].sort();
  return out;
}

function notice(): string {
  return [
    'Kubernetes Workload Lab: generated JSON Schemas',
    '',
    'The files in this folder are generated by scripts/generate-schemas.ts from:',
    '',
    '* the OpenAPI v3 documents a Kubernetes 1.35 API server publishes for core/v1, apps/v1 and',
    '  batch/v1 (Copyright The Kubernetes Authors, Apache License 2.0);',
    '* the TFJob and PyTorchJob CustomResourceDefinitions of the Kubeflow Training Operator v1.9',
    '  (kubeflow/training-operator, Copyright The Kubeflow Authors, Apache License 2.0).',
    '',
    'The descriptions are theirs. Changes: definitions are regrouped under $defs with local',
    'references, apiVersion and kind are restricted to one value and required, the custom',
    "resources' metadata refers to ObjectMeta, IntOrString carries x-kubernetes-int-or-string.",
    'The licence is in LICENSE.',
    '',
  ].join('\n');
}

function normalizeSpace(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/** JSON with sorted keys, tab indentation (the deep CRD schemas stay small) and a final newline. */
function render(value: unknown): string {
  return `${JSON.stringify(sortKeys(value), null, '\t')}\n`;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) out[key] = sortKeys((value as Record<string, unknown>)[key]);
    return out;
  }
  return value;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const started = performance.now();
  const options = defaultOptions(process.argv.slice(2), process.env);
  const result = generate(options);
  for (const f of result.files) console.log(`${String(f.bytes).padStart(9)}  ${f.name}`);
  console.log(`${String(result.totalBytes).padStart(9)}  total in ${path.relative(process.cwd(), options.outDir) || '.'}`);
  console.log(`done in ${Math.round(performance.now() - started)} ms`);
}
