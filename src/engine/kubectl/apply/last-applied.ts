// The `kubectl.kubernetes.io/last-applied-configuration` annotation (kubectl pkg/util/apply.go
// GetModifiedConfiguration, CreateApplyAnnotation, GetOriginalConfiguration): the object as the manifest
// gave it (namespace filled in, the annotation itself left out, `annotations: {}` when there were none),
// encoded as Go's unstructured JSON encoder does: sorted keys, no spaces, a trailing newline.
import { deepCopy, goMarshal, isMap, type JsonMap } from './json-values.ts';

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

function withAnnotations(obj: JsonMap, annotations: Record<string, unknown>): JsonMap {
  const o = deepCopy(obj);
  const meta = isMap(o.metadata) ? o.metadata : (o.metadata = {});
  meta.annotations = annotations;
  return o;
}

function annotationsOf(obj: JsonMap): Record<string, unknown> {
  const meta = obj.metadata;
  return isMap(meta) && isMap(meta.annotations) ? { ...meta.annotations } : {};
}

/** runtime.Encode(UnstructuredJSONScheme, obj). */
export const encodeUnstructured = (obj: unknown): string => `${goMarshal(obj)}\n`;

/**
 * GetModifiedConfiguration: the object without the annotation, serialized; with `annotate`, that
 * serialization set as the annotation and the object serialized again. Returns the text and the object.
 */
export function modifiedConfiguration(obj: JsonMap, annotate: boolean): { text: string; object: JsonMap } {
  const annotations = annotationsOf(obj);
  delete annotations[LAST_APPLIED];
  const without = withAnnotations(obj, annotations);
  const text = encodeUnstructured(without);
  if (!annotate) return { text, object: without };
  const annotated = withAnnotations(obj, { ...annotations, [LAST_APPLIED]: text });
  return { text: encodeUnstructured(annotated), object: annotated };
}

/** CreateApplyAnnotation: the object with its last-applied annotation set (what `apply` creates, `--save-config`). */
export function withApplyAnnotation(obj: JsonMap): JsonMap {
  const { text } = modifiedConfiguration(obj, false);
  return withAnnotations(obj, { ...annotationsOf(obj), [LAST_APPLIED]: text });
}

/** GetOriginalConfiguration: the live object's last-applied configuration, or null. */
export function originalConfiguration(live: JsonMap): JsonMap | null {
  const text = annotationsOf(live)[LAST_APPLIED];
  if (typeof text !== 'string') return null;
  try {
    const v: unknown = JSON.parse(text);
    return isMap(v) ? v : null;
  } catch {
    return null;
  }
}

export function hasLastApplied(live: JsonMap): boolean {
  return typeof annotationsOf(live)[LAST_APPLIED] === 'string';
}

/** pruneNullsFromMap: apply's create drops null fields, as an update apply of the same manifest would. */
export function pruneNulls<T>(v: T): T {
  if (isMap(v)) {
    for (const k of Object.keys(v)) {
      if (v[k] === null) delete v[k];
      else pruneNulls(v[k]);
    }
  } else if (Array.isArray(v)) for (const x of v) pruneNulls(x);
  return v;
}
