// encoding/json's MarshalIndent of a typed Go object (kubectl's JSON printer on objects it decoded into Go
// structs, such as the EventList of `kubectl events -o json`): fields in the struct's declaration order, not
// sorted. Callers build objects whose key order is that order; maps inside (labels …) are sorted as Go sorts them.

function quote(s: string): string {
  return JSON.stringify(s).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A Go map inside a struct: its keys are written sorted. */
export class GoMap {
  readonly entries: Record<string, unknown>;
  constructor(entries: Record<string, unknown>) {
    this.entries = entries;
  }
}

function write(v: unknown, indent: string): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return quote(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  const inner = `${indent}    `;
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    return `[\n${v.map((x) => inner + write(x, inner)).join(',\n')}\n${indent}]`;
  }
  const sorted = v instanceof GoMap;
  const o = (sorted ? v.entries : v) as Record<string, unknown>;
  let keys = Object.keys(o).filter((k) => o[k] !== undefined);
  if (sorted) keys = keys.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (keys.length === 0) return '{}';
  return `{\n${keys.map((k) => `${inner}${quote(k)}: ${write(o[k], inner)}`).join(',\n')}\n${indent}}`;
}

/** MarshalIndent(v, "", "    ") and the newline the printer adds. Keys whose value is undefined are left out (omitempty). */
export function printStructJSON(v: unknown): string {
  return `${write(v, '')}\n`;
}
