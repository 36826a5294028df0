// Relative-path checks for volume items and sub-paths (core validation.go
// validateLocalDescendingPath, validatePathNoBacksteps, ValidateLocalNonReservedPath).

import { invalid, type FieldError, type FieldPath } from '../field.ts';

export function validatePathNoBacksteps(target: string, path: FieldPath): FieldError[] {
  // even for `../../..` one error is enough
  return target.split('/').includes('..') ? [invalid(path, target, "must not contain '..'")] : [];
}

export function validateLocalDescendingPath(target: string, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (target.startsWith('/')) errs.push(invalid(path, target, 'must be a relative path'));
  errs.push(...validatePathNoBacksteps(target, path));
  return errs;
}

export function validateLocalNonReservedPath(target: string, path: FieldPath): FieldError[] {
  const errs = validateLocalDescendingPath(target, path);
  if (target.startsWith('..') && !target.startsWith('../')) errs.push(invalid(path, target, "must not start with '..'"));
  return errs;
}
