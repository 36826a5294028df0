// The webhooks' name rule: `apimachineryvalidation.NameIsDNS1035Label(name, false)` (apimachinery
// pkg/api/validation/generic.go → pkg/util/validation/validation.go `IsDNS1035Label`). Stricter than the
// DNS-1123 subdomain the API server already checked for custom resources: no dots, and a letter first.

import { invalid, type FieldError } from '../field.ts';

const DNS1035_LABEL_MAX_LENGTH = 63;
const DNS1035_LABEL_FMT = '[a-z]([-a-z0-9]*[a-z0-9])?';
const DNS1035_LABEL_RE = new RegExp(`^${DNS1035_LABEL_FMT}$`);
const DNS1035_LABEL_ERR_MSG =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character";

/** `RegexError`: examples each as `'x', ` joined by ` or ` (hence the two spaces before `or`). */
function regexError(msg: string, fmt: string, examples: readonly string[]): string {
  const shown = examples.map((e) => `'${e}', `).join(' or ');
  return `${msg} (e.g. ${shown}regex used for validation is '${fmt}')`;
}

function utf8Length(s: string): number {
  let n = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    n += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }
  return n;
}

/** The messages of `IsDNS1035Label`; Go's `len` counts bytes. */
export function dns1035LabelErrors(value: string): string[] {
  const errs: string[] = [];
  if (utf8Length(value) > DNS1035_LABEL_MAX_LENGTH) errs.push(`must be no more than ${DNS1035_LABEL_MAX_LENGTH} characters`);
  if (!DNS1035_LABEL_RE.test(value)) errs.push(regexError(DNS1035_LABEL_ERR_MSG, DNS1035_LABEL_FMT, ['my-name', 'abc-123']));
  return errs;
}

/**
 * `metadata.name: Invalid value: "<name>": should match: <messages joined by ",">`, one error however many
 * messages. The name is the one the API server has by then (a generateName is already expanded).
 */
export function validateJobName(name: string): FieldError[] {
  const errs = dns1035LabelErrors(name);
  return errs.length ? [invalid(['metadata', 'name'], name, `should match: ${errs.join(',')}`)] : [];
}
