// What the API server does with an object a user creates: decode and validate it (the same checks as
// `workload-lab validate`), then default it into the object it stores.
import { checkStructure, resolveKind, formatStrictDecodingError, type KindEntry } from '../schema/index.ts';
import { validateCreate } from '../validate/rules/index.ts';
import { kubeflowWebhookName, validateKubeflowCreate, webhookDenialMessage } from '../validate/kubeflow/index.ts';
import { applyDefaults } from '../defaults/index.ts';
import type { FieldError } from '../validate/field.ts';
import { apiError, invalid, type ApiError } from './api-error.ts';
import type { KubeObject } from './objects.ts';

export interface Admitted {
  ok: true;
  entry: KindEntry;
  object: KubeObject;
}

export type AdmissionResult = Admitted | { ok: false; error: ApiError; errors: FieldError[] };

type Obj = { apiVersion: string; kind: string; [k: string]: unknown };

/**
 * Admits a create. `uid` and `nameSuffix` come from the simulation's seeded randomness so that generated
 * names and Job selectors are reproducible.
 */
export function admitCreate(value: Record<string, unknown>, opts: { uid: string; nameSuffix: string; namespace: string }): AdmissionResult {
  const resolved = resolveKind(value.apiVersion, value.kind, value);
  if (!resolved.ok) return { ok: false, error: apiError('BadRequest', resolved.error.message), errors: [resolved.error] };
  const entry = resolved.entry;
  const structural = checkStructure(entry, value);
  if (structural.length > 0) {
    if (entry.source === 'builtin') {
      return { ok: false, error: apiError('BadRequest', formatStrictDecodingError(entry, structural)), errors: structural };
    }
    return { ok: false, error: invalid(entry.kind, entry.group, nameOf(value), structural), errors: structural };
  }
  const errors = entry.source === 'crd' ? validateKubeflowCreate(value as Obj) : validateCreate(value as Obj, opts);
  if (errors.length > 0) {
    if (entry.source === 'crd') {
      return { ok: false, error: apiError('Forbidden', webhookDenialMessage(kubeflowWebhookName(value as Obj) ?? '', errors)), errors };
    }
    return { ok: false, error: invalid(entry.kind, entry.group, nameOf(value), errors), errors };
  }
  const object = (entry.source === 'crd' ? structuredClone(value) : applyDefaults(value, opts)) as unknown as KubeObject;
  return { ok: true, entry, object };
}

function nameOf(value: Record<string, unknown>): string {
  const meta = value.metadata as Record<string, unknown> | undefined;
  return typeof meta?.name === 'string' ? meta.name : typeof meta?.generateName === 'string' ? meta.generateName : '';
}
