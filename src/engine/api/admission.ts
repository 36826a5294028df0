// What the API server does with an object a user creates: decode and validate it (the same checks as
// `workload-lab validate`), then default it into the object it stores.
//
// Order, as in a 1.35 API server's create handler (apiserver pkg/endpoints/handlers/create.go) and registry:
// decoding (strict fields; for custom resources pruning, null pruning and the CRD schema's defaults), the
// request namespace against the body's (`rest.EnsureObjectNamespaceMatchesRequestNamespace`: a body without
// a namespace takes the request's, a different one is a 400), then the kind's defaulting, storage preparation
// and validation (or, for TFJob/PyTorchJob, the Training Operator's validating webhook).
import { checkStructure, resolveKind, formatStrictDecodingError, type KindEntry, type StructureError } from '../schema/index.ts';
import { validateCreate } from '../validate/rules/index.ts';
import { kubeflowWebhookName, validateKubeflowCreate, webhookDenialMessage } from '../validate/kubeflow/index.ts';
import { validateUpdate } from '../validate/update/index.ts';
import { applyDefaults, type ServiceAddressPool } from '../defaults/index.ts';
import { applyCrdSchemaDefaults } from '../defaults/kubeflow/crd-schema-defaults.ts';
import type { FieldError } from '../validate/field.ts';
import { apiError, invalid, type ApiError } from './api-error.ts';
import type { KubeObject } from './objects.ts';

export interface Admitted {
  ok: true;
  entry: KindEntry;
  object: KubeObject;
}

export type AdmissionResult = Admitted | { ok: false; error: ApiError; errors: FieldError[] };

export interface AdmitOptions {
  /** metadata.uid the object will get (Jobs put it in their selector; Services draw their addresses from it). */
  uid: string;
  /** The five characters for a generateName. */
  nameSuffix: string;
  /** The request's namespace: the one an object without metadata.namespace is stored in. */
  namespace: string;
  /**
   * Whether `namespace` is the request's own namespace (a URL always has one), so that a body naming another
   * namespace is refused. Callers that only pass a fallback for bodies without a namespace leave it false.
   * Default: true unless `namespace` is "default" (ApiServer.create turns a missing option into "default",
   * so that value alone cannot tell).
   */
  namespaceIsExplicit?: boolean;
  /** Services: the cluster IPs and node ports other Services hold. */
  serviceAddresses?: ServiceAddressPool;
}

type Obj = { apiVersion: string; kind: string; [k: string]: unknown };

/** rest.EnsureObjectNamespaceMatchesRequestNamespace's refusal. */
export const NAMESPACE_MISMATCH = 'the namespace of the provided object does not match the namespace sent on the request';

function bodyNamespace(value: Record<string, unknown>): string {
  const meta = value.metadata as Record<string, unknown> | undefined;
  return typeof meta?.namespace === 'string' ? meta.namespace : '';
}

function namespaceMismatch(entry: KindEntry, value: Record<string, unknown>, opts: AdmitOptions): ApiError | null {
  if (!entry.namespaced) return null; // cluster-scoped: the server clears any namespace
  const explicit = opts.namespaceIsExplicit ?? opts.namespace !== 'default';
  const ns = bodyNamespace(value);
  return explicit && ns !== '' && ns !== opts.namespace ? apiError('BadRequest', NAMESPACE_MISMATCH) : null;
}

/**
 * Admits a create. `uid` and `nameSuffix` come from the simulation's seeded randomness so that generated
 * names, Job selectors and Service addresses are reproducible.
 */
export function admitCreate(value: Record<string, unknown>, opts: AdmitOptions): AdmissionResult {
  const resolved = resolveKind(value.apiVersion, value.kind, value);
  if (!resolved.ok) return { ok: false, error: apiError('BadRequest', resolved.error.message), errors: [resolved.error] };
  const entry = resolved.entry;
  const structural = checkStructure(entry, value);
  const mismatch = namespaceMismatch(entry, value, opts);
  if (structural.length > 0) {
    // A custom resource's schema validation runs after the namespace check; decoding errors come before it.
    if (mismatch && structural.every((e) => (e as StructureError).stage === 'validation')) return { ok: false, error: mismatch, errors: [] };
    if (entry.source === 'builtin') {
      return { ok: false, error: apiError('BadRequest', formatStrictDecodingError(entry, structural)), errors: structural };
    }
    return { ok: false, error: invalid(entry.kind, entry.group, nameOf(value), structural), errors: structural };
  }
  if (mismatch) return { ok: false, error: mismatch, errors: [] };
  const errors = entry.source === 'crd' ? validateKubeflowCreate(value as Obj) : validateCreate(value as Obj, opts);
  if (errors.length > 0) {
    if (entry.source === 'crd') {
      return { ok: false, error: apiError('Forbidden', webhookDenialMessage(kubeflowWebhookName(value as Obj) ?? '', errors)), errors };
    }
    return { ok: false, error: invalid(entry.kind, entry.group, nameOf(value), errors), errors };
  }
  const object = (entry.source === 'crd' ? applyCrdSchemaDefaults(entry.kind, value) : applyDefaults(value, opts)) as unknown as KubeObject;
  if (entry.namespaced) {
    // Every kind, not only those the defaulting knows: the request namespace fills an empty one.
    const meta = (object.metadata ??= {} as KubeObject['metadata']);
    if (!meta.namespace) meta.namespace = opts.namespace;
  }
  return { ok: true, entry, object };
}

/**
 * The 422 an update refused by validation gets: the same NewInvalid shape as a create's
 * (`Deployment.apps "web" is invalid: spec.selector: Invalid value: …: field is immutable`).
 */
export function invalidUpdateError(entry: KindEntry, object: { metadata?: { name?: string } }, errors: readonly FieldError[]): ApiError {
  return invalid(entry.kind, entry.group, object.metadata?.name ?? '', errors);
}

/**
 * The update-time checks alone: `oldObj` is the stored object, `newObj` the admitted new one (after
 * `admitCreate`'s decoding, defaulting and create validation). Undefined when the update may go on, else the
 * 422 Invalid error to return instead of writing.
 */
export function admitUpdate(entry: KindEntry, oldObj: KubeObject, newObj: KubeObject): ApiError | undefined {
  const errors = validateUpdate(entry.kind, oldObj, newObj);
  return errors.length > 0 ? invalidUpdateError(entry, newObj, errors) : undefined;
}

/**
 * Admits a replace (PUT) of `current`: everything a create checks, then the update rules (immutable fields,
 * what a Pod may change). As the registries' ValidateUpdate appends the update errors to the object's own
 * validation errors, a request failing both gets one 422 listing both (kubectl shows each cause once).
 */
export function admitReplace(value: Record<string, unknown>, current: KubeObject, opts: AdmitOptions): AdmissionResult {
  const admitted = admitCreate(value, opts);
  if (admitted.ok) {
    const errors = validateUpdate(admitted.entry.kind, current, admitted.object);
    if (errors.length === 0) return admitted;
    return { ok: false, error: invalidUpdateError(admitted.entry, admitted.object, errors), errors };
  }
  const resolved = resolveKind(value.apiVersion, value.kind, value);
  if (admitted.error.reason !== 'Invalid' || !resolved.ok || resolved.entry.source !== 'builtin' || admitted.errors.length === 0) return admitted;
  const prepared = applyDefaults(value, opts) as unknown as KubeObject;
  const seen = new Set(admitted.errors.map((e) => e.message));
  const more = validateUpdate(resolved.entry.kind, current, prepared).filter((e) => !seen.has(e.message));
  if (more.length === 0) return admitted;
  const errors = [...admitted.errors, ...more];
  return { ok: false, error: invalidUpdateError(resolved.entry, prepared, errors), errors };
}

function nameOf(value: Record<string, unknown>): string {
  const meta = value.metadata as Record<string, unknown> | undefined;
  return typeof meta?.name === 'string' ? meta.name : typeof meta?.generateName === 'string' ? meta.generateName : '';
}
