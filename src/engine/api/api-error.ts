// API errors as the API server returns them (metav1.Status), for kubectl to print in its own words.
import type { FieldError } from '../validate/field.ts';

export type StatusReason = 'Invalid' | 'NotFound' | 'AlreadyExists' | 'BadRequest' | 'Forbidden' | 'Conflict' | 'MethodNotAllowed';

export interface ApiError {
  kind: 'Status';
  status: 'Failure';
  reason: StatusReason;
  code: number;
  message: string;
  details?: { kind?: string; group?: string; name?: string; causes?: FieldError[] };
}

const CODES: Record<StatusReason, number> = {
  Invalid: 422, NotFound: 404, AlreadyExists: 409, BadRequest: 400, Forbidden: 403, Conflict: 409, MethodNotAllowed: 405,
};

export function apiError(reason: StatusReason, message: string, details?: ApiError['details']): ApiError {
  return { kind: 'Status', status: 'Failure', reason, code: CODES[reason], message, ...(details ? { details } : {}) };
}

/** `<resource>[.<group>] "<name>" not found` */
export function notFound(resource: string, group: string, name: string): ApiError {
  return apiError('NotFound', `${resource}${group ? `.${group}` : ''} "${name}" not found`, { name, group });
}

export function alreadyExists(resource: string, group: string, name: string): ApiError {
  return apiError('AlreadyExists', `${resource}${group ? `.${group}` : ''} "${name}" already exists`, { name, group });
}

/** NewInvalid: `<Kind>[.<group>] "<name>" is invalid: <errors>` with one cause per error. */
export function invalid(kind: string, group: string, name: string, errors: readonly FieldError[]): ApiError {
  const unique = [...new Set(errors.map((e) => e.message))];
  const text = unique.length === 1 ? unique[0] : `[${unique.join(', ')}]`;
  return apiError('Invalid', `${kind}${group ? `.${group}` : ''} "${name}" is invalid: ${text}`, {
    kind, group, name, causes: [...errors],
  });
}

export function isApiError(v: unknown): v is ApiError {
  return typeof v === 'object' && v !== null && (v as ApiError).kind === 'Status' && (v as ApiError).status === 'Failure';
}
