// Strategic-merge metadata from the kinds' OpenAPI schemas (apimachinery strategicpatch PatchMetaFromOpenAPIV3):
// a field's `x-kubernetes-patch-strategy` (`merge`, `retainKeys`, `merge,retainKeys`; `replace` otherwise) and
// `x-kubernetes-patch-merge-key` (`name` for containers, `containerPort` for ports, …).
import { kindSchema, resolveNode, type SchemaNode } from '../../schema/schemas.ts';

export interface PatchMeta {
  strategies: string[];
  mergeKey: string;
}

const NONE: PatchMeta = { strategies: [], mergeKey: '' };

/** The schema below one object node; `null` when unknown (a field the schema does not describe). */
export class SchemaMeta {
  readonly node: SchemaNode | null;

  constructor(node: SchemaNode | null) {
    this.node = node;
  }

  static forKind(kind: string): SchemaMeta {
    const root = kindSchema(kind);
    return new SchemaMeta(root ? resolveNode(root).schema : null);
  }

  #field(key: string): SchemaNode | null {
    const n = this.node;
    if (!n) return null;
    const prop = n.properties?.[key];
    if (prop) return prop;
    if (n.additionalProperties && typeof n.additionalProperties === 'object') return n.additionalProperties;
    return null;
  }

  #meta(field: SchemaNode | null): PatchMeta {
    if (!field) return NONE;
    const strategy = field['x-kubernetes-patch-strategy'];
    const mergeKey = field['x-kubernetes-patch-merge-key'];
    return {
      strategies: typeof strategy === 'string' && strategy !== '' ? strategy.split(',') : [],
      mergeKey: typeof mergeKey === 'string' ? mergeKey : '',
    };
  }

  /** LookupPatchMetadataForStruct: the field holding a map/object. */
  forStruct(key: string): { schema: SchemaMeta; meta: PatchMeta } {
    const field = this.#field(key);
    return { schema: new SchemaMeta(field ? resolveNode(field).schema : null), meta: this.#meta(field) };
  }

  /** LookupPatchMetadataForSlice: the field holding a list; the schema is the items'. */
  forSlice(key: string): { schema: SchemaMeta; meta: PatchMeta } {
    const field = this.#field(key);
    const resolved = field ? resolveNode(field).schema : null;
    const items = resolved?.items ? resolveNode(resolved.items).schema : null;
    return { schema: new SchemaMeta(items), meta: this.#meta(field) };
  }
}

/** extractRetainKeysPatchStrategy: whether retainKeys is among the strategies, and the other one. */
export function splitStrategies(strategies: readonly string[]): { retainKeys: boolean; strategy: string } {
  const retainKeys = strategies.includes('retainKeys');
  return { retainKeys, strategy: strategies.find((s) => s !== 'retainKeys') ?? '' };
}
