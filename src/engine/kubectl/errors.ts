// Errors the way kubectl carries and prints them (kubectl pkg/cmd/util/helpers.go checkErr,
// StandardErrorMessage, MultipleErrors, MultilineError, AddSourceToErr; apimachinery utilerrors.Aggregate).
// A command collects KubeErrors and hands the final one to `printError`, which reproduces checkErr:
//   * an aggregate of one error is unwrapped;
//   * an Invalid status with details prints `The Job "pi" is invalid: …` rebuilt from its causes (§7.2);
//   * other aggregates print one line per error (status errors as `Error from server (R): …`, others bare);
//   * any other status prints `Error from server (Reason): message`; anything else `error: message`.
import type { ApiError } from '../api/api-error.ts';

export type KubeError =
  | { type: 'status'; status: ApiError }
  | { type: 'plain'; message: string }
  | { type: 'aggregate'; errors: KubeError[] };

export const plainError = (message: string): KubeError => ({ type: 'plain', message });
export const statusError = (status: ApiError): KubeError => ({ type: 'status', status });

/** utilerrors.NewAggregate: null for no errors. */
export function aggregate(errors: readonly KubeError[]): KubeError | null {
  return errors.length === 0 ? null : { type: 'aggregate', errors: [...errors] };
}

/** err.Error(): a status error's message; an aggregate's `[a, b]` (duplicates dropped) or its single message. */
export function errorText(e: KubeError): string {
  switch (e.type) {
    case 'status':
      return e.status.message;
    case 'plain':
      return e.message;
    case 'aggregate': {
      const seen = new Set<string>();
      const msgs: string[] = [];
      for (const x of e.errors) {
        const m = errorText(x);
        if (!seen.has(m)) {
          seen.add(m);
          msgs.push(m);
        }
      }
      return msgs.length === 1 ? msgs[0]! : `[${msgs.join(', ')}]`;
    }
  }
}

/** AddSourceToErr: `error when <verb> "<source>": <message>`, keeping a status error a status error. */
export function addSourceToErr(verb: string, source: string, e: KubeError): KubeError {
  if (source === '') return e;
  const prefix = `error when ${verb} "${source}": `;
  if (e.type === 'status') return { type: 'status', status: { ...e.status, message: prefix + e.status.message } };
  return plainError(prefix + errorText(e));
}

/** StandardErrorMessage, or the bare text (messageForError). */
function messageForError(e: KubeError): string {
  if (e.type === 'status') return `Error from server (${e.status.reason}): ${e.status.message}`;
  return errorText(e);
}

function flatten(e: KubeError): KubeError[] {
  return e.type === 'aggregate' ? e.errors.flatMap(flatten) : [e];
}

/** checkErr's text for an error (ends with a newline). */
export function errorMessage(err: KubeError): string {
  let e = err;
  if (e.type === 'aggregate' && e.errors.length === 1) e = e.errors[0]!;
  let msg: string;
  if (e.type === 'status' && e.status.reason === 'Invalid') {
    const details = e.status.details;
    if (!details) msg = `The request is invalid${e.status.message ? `: ${e.status.message}` : ''}`;
    else {
      let s = 'The request is invalid';
      if (details.kind || details.name) s = `The ${details.kind ?? ''} "${details.name ?? ''}" is invalid`;
      else if (e.status.message && !details.causes?.length) s += `: ${e.status.message}`;
      if (details.causes?.length) {
        // statusCausesToAggrError: `field: message`, duplicates dropped; MultilineError prints one or a list.
        const seen = new Set<string>();
        const lines: string[] = [];
        for (const c of details.causes) {
          const line = c.field ? `${c.field}: ${c.detail}` : c.message;
          if (!seen.has(line)) {
            seen.add(line);
            lines.push(line);
          }
        }
        msg = lines.length === 1 ? `${s}: ${lines[0]}` : `${s}: \n${lines.map((l) => `* ${l}`).join('\n')}`;
      } else msg = s;
    }
  } else if (e.type === 'aggregate') {
    // MultipleErrors: one line per error, no "error: " prefix.
    msg = e.errors.map(messageForError).join('\n');
  } else if (e.type === 'status') msg = messageForError(e);
  else {
    msg = e.message;
    if (!msg.startsWith('error: ')) msg = `error: ${msg}`;
  }
  return msg.endsWith('\n') ? msg : `${msg}\n`;
}

export { flatten as flattenErrors };
