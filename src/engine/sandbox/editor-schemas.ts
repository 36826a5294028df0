// The JSON Schemas the sandbox's editor (monaco-yaml) validates, completes and documents with: the generated
// schema of every kind the lab knows, the shared definitions they point into, and one root schema that picks a
// document's schema by its apiVersion and kind (if/then), so files may hold any kind, several per file.
// Built from the engine's own generated schemas (src/engine/schema/generated), the same ones admission uses.
import { KINDS, definitions, kindSchema } from '../schema/index.ts';

export interface EditorSchema {
  uri: string;
  /** Globs of the models the schema applies to (only the root schema has them). */
  fileMatch?: string[];
  schema: Record<string, unknown>;
}

export const SCHEMA_BASE = 'https://workload-lab.example/schemas/';
export const ROOT_SCHEMA_URI = `${SCHEMA_BASE}kubernetes.json`;

/** The sandbox's schemas; the editor's models (`<sandbox>/<file>.yaml`) match `fileMatch` of the root. */
export function editorSchemas(fileMatch: string[] = ['*.yaml', '*.yml', '**/*.yaml', '**/*.yml']): EditorSchema[] {
  const out: EditorSchema[] = [{ uri: `${SCHEMA_BASE}definitions.json`, schema: { $id: `${SCHEMA_BASE}definitions.json`, $defs: definitions } }];
  const branches: Record<string, unknown>[] = [];
  for (const k of KINDS) {
    const file = kindSchema(k.kind);
    if (!file) continue;
    const uri = `${SCHEMA_BASE}${k.schemaFile}`;
    const { $schema: _s, ...rest } = file as Record<string, unknown>;
    out.push({ uri, schema: { ...rest, $id: uri } });
    branches.push({
      if: { properties: { apiVersion: { const: k.apiVersion }, kind: { const: k.kind } }, required: ['apiVersion', 'kind'] },
      then: { $ref: uri },
    });
  }
  const podProps = (kindSchema('Pod') as { properties?: Record<string, { description?: string }> } | undefined)?.properties ?? {};
  out.push({
    uri: ROOT_SCHEMA_URI,
    fileMatch,
    schema: {
      $id: ROOT_SCHEMA_URI,
      title: 'Kubernetes object',
      type: 'object',
      properties: {
        apiVersion: { type: 'string', description: podProps.apiVersion?.description, enum: [...new Set(KINDS.map((k) => k.apiVersion))].sort() },
        kind: { type: 'string', description: podProps.kind?.description, enum: KINDS.map((k) => k.kind) },
      },
      required: ['apiVersion', 'kind'],
      allOf: branches,
    },
  });
  return out;
}
