// How a webhook denial travels to the terminal.
// 1. The webhook returns `ErrorList.ToAggregate()` (apimachinery): errors whose text repeats an earlier one are
//    dropped; one error prints as is, several as `[e1, e2, …]`.
// 2. That error is no API status, so controller-runtime (v0.19 `validator_custom.go`) answers `Denied(msg)`:
//    allowed=false, code 403, reason Forbidden, plus any warnings.
// 3. The API server (`webhook/errors/statuserror.go` `ToStatusErr`) prefixes
//    `admission webhook "<name>" denied the request: `.
// 4. kubectl `create -f`/`apply -f` (`AddSourceToErr`) inserts `error when creating "<file>": ` and, since
//    the reason is not Invalid, prints `Error from server (Forbidden): <message>` (`StandardErrorMessage`),
//    not the `The TFJob "x" is invalid:` layout. Warnings come first, one `Warning: <text>` line each.

import { goQuote, type FieldError } from '../field.ts';

/** `utilerrors.Aggregate.Error()` of `ErrorList.ToAggregate()`; "" for no errors. */
export function aggregateMessage(errors: readonly FieldError[]): string {
  const seen: string[] = [];
  for (const e of errors) if (!seen.includes(e.message)) seen.push(e.message);
  if (seen.length === 0) return '';
  return seen.length === 1 ? seen[0]! : `[${seen.join(', ')}]`;
}

/** The message of the API server's 403 Status for a denial by the webhook `webhookName`. */
export function webhookDenialMessage(webhookName: string, errors: readonly FieldError[]): string {
  return `admission webhook ${goQuote(webhookName)} denied the request: ${aggregateMessage(errors)}`;
}

/** The Status object the API server returns (what `kubectl … -o json`-style consumers would see). */
export interface DenialStatus {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Failure';
  message: string;
  reason: 'Forbidden';
  code: 403;
}

export function webhookDenialStatus(webhookName: string, errors: readonly FieldError[]): DenialStatus {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: webhookDenialMessage(webhookName, errors),
    reason: 'Forbidden',
    code: 403,
  };
}

export interface KubectlSource {
  /** The `-f` argument as kubectl shows it (`tfjob.yaml`, `STDIN` for `-f -`); omit for no source. */
  source?: string;
  /** `creating` for create and for apply of a new object; `replacing` for replace. */
  verb?: string;
}

/** The line kubectl prints to stderr for the denial (exit code 1). */
export function formatDenialForKubectl(webhookName: string, errors: readonly FieldError[], how: KubectlSource = {}): string {
  const message = webhookDenialMessage(webhookName, errors);
  const where = how.source ? `error when ${how.verb ?? 'creating'} ${goQuote(how.source)}: ` : '';
  return `Error from server (Forbidden): ${where}${message}`;
}

/** kubectl's warning handler prints each admission warning as its own line before the result. */
export function formatWarningForKubectl(warning: string): string {
  return `Warning: ${warning}`;
}

