// What `kubectl apply` does with one object (kubectl pkg/cmd/apply/apply.go applyOneObject, patcher.go):
// absent → create it with its last-applied annotation; present → a three-way patch from the last-applied
// configuration, the manifest and the live object (strategic merge for built-in kinds, JSON merge patch for
// the Kubeflow custom resources), `{}` meaning unchanged, else the API server applies the patch and runs
// its admission on the result. Shared by the kubectl command and `Simulation.apply`.
import type { ApiServer } from '../../api/api-server.ts';
import type { ApiError } from '../../api/api-error.ts';
import type { KubeObject } from '../../api/objects.ts';
import type { KindEntry } from '../../schema/index.ts';
import { admitCreate } from '../../api/admission.ts';
import { applyStrategicPatch, PatchError, threeWayStrategicPatch } from './strategic-merge.ts';
import { mergePatch, threeWayJSONMergePatch } from './json-merge-patch.ts';
import { deepCopy, goMarshal, type JsonMap } from './json-values.ts';
import { hasLastApplied, modifiedConfiguration, originalConfiguration, pruneNulls, withApplyAnnotation } from './last-applied.ts';
import { SchemaMeta } from './patch-meta.ts';

export type ApplyOutcome = 'created' | 'configured' | 'unchanged';

export interface ApplyObjectResult {
  outcome?: ApplyOutcome;
  object?: KubeObject;
  /** The API server's refusal. */
  error?: ApiError;
  /** A patch kubectl could not compute (its text), e.g. a list item without its merge key. */
  patchError?: string;
  /** The patch kubectl sent (JSON text), when it patched. */
  patch?: string;
  /** Apply over an object that was not created by apply: kubectl's warning (stderr). */
  missingAnnotation?: boolean;
}

export interface ApplyObjectOptions {
  namespace?: string;
  /** `client`: nothing is sent; `server`: the API server checks without storing. */
  dryRun?: 'none' | 'client' | 'server';
}

/** The patch kubectl computes for `modified` (the manifest with its annotation) against `live`. */
export function applyPatchFor(entry: KindEntry, live: JsonMap, modified: JsonMap): { patch: JsonMap; strategic: boolean } {
  const original = originalConfiguration(live);
  if (entry.source === 'crd') return { patch: threeWayJSONMergePatch(original, modified, live), strategic: false };
  return { patch: threeWayStrategicPatch(original, modified, live, SchemaMeta.forKind(entry.kind)), strategic: true };
}

/** The object the API server stores after the patch (before its admission). */
export function patchedObject(entry: KindEntry, live: JsonMap, patch: JsonMap, strategic: boolean): JsonMap {
  return strategic ? applyStrategicPatch(live, patch, SchemaMeta.forKind(entry.kind)) : mergePatch(live, patch);
}

/** Server-side dry run of a create or update: admission only. */
function admitOnly(value: JsonMap, namespace: string, uid: string): ApiError | undefined {
  const r = admitCreate(value, { uid, nameSuffix: 'dryrn', namespace });
  return r.ok ? undefined : r.error;
}

export function applyObject(api: ApiServer, entry: KindEntry, value: JsonMap, opts: ApplyObjectOptions = {}): ApplyObjectResult {
  const meta = (value.metadata ?? {}) as { name?: string; namespace?: string };
  const namespace = entry.namespaced ? (meta.namespace ?? opts.namespace ?? 'default') : undefined;
  const live = meta.name ? api.get(entry.kind, namespace, meta.name) : undefined;
  const dryRun = opts.dryRun ?? 'none';
  if (!live) {
    const obj = pruneNulls(withApplyAnnotation(value));
    if (dryRun === 'client') return { outcome: 'created', object: obj as unknown as KubeObject };
    if (dryRun === 'server') {
      const error = admitOnly(obj, namespace ?? 'default', '00000000-0000-0000-0000-000000000000');
      return error ? { error } : { outcome: 'created', object: obj as unknown as KubeObject };
    }
    const r = api.create(obj, { namespace: namespace ?? 'default' });
    return r.ok ? { outcome: 'created', object: r.object } : { error: r.error };
  }
  if (dryRun === 'client') return { outcome: 'configured', object: live };
  const current = deepCopy(live) as unknown as JsonMap;
  const missingAnnotation = !hasLastApplied(current);
  const { object: modified } = modifiedConfiguration(value, true);
  let computed: { patch: JsonMap; strategic: boolean };
  try {
    computed = applyPatchFor(entry, current, modified);
  } catch (e) {
    if (e instanceof PatchError) return { patchError: e.message, missingAnnotation };
    throw e;
  }
  const patchText = goMarshal(computed.patch);
  if (patchText === '{}') return { outcome: 'unchanged', object: live, patch: patchText, missingAnnotation };
  let next: JsonMap;
  try {
    next = patchedObject(entry, current, computed.patch, computed.strategic);
  } catch (e) {
    if (e instanceof PatchError) return { patchError: e.message, patch: patchText, missingAnnotation };
    throw e;
  }
  if (dryRun === 'server') {
    const error = admitOnly(next, namespace ?? 'default', live.metadata.uid ?? '');
    return error ? { error, patch: patchText, missingAnnotation } : { outcome: 'configured', object: next as unknown as KubeObject, patch: patchText, missingAnnotation };
  }
  const r = api.replace(next, { namespace });
  if (!r.ok) return { error: r.error, patch: patchText, missingAnnotation };
  return { outcome: 'configured', object: r.object, patch: patchText, missingAnnotation };
}
