// kubectl's JSON printer: Go `json.MarshalIndent(obj, "", "    ")` of an unstructured object — map keys
// sorted, <, >, & and U+2028/U+2029 escaped, empty maps `{}` and lists `[]`, a newline at the end.

function quote(s: string): string {
  return JSON.stringify(s).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function write(v: unknown, indent: string): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return quote(v);
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : 'null';
  if (typeof v === 'boolean') return String(v);
  const inner = `${indent}    `;
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    return `[\n${v.map((x) => inner + write(x, inner)).join(',\n')}\n${indent}]`;
  }
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o).filter((k) => o[k] !== undefined).sort(compareBytes);
  if (keys.length === 0) return '{}';
  return `{\n${keys.map((k) => `${inner}${quote(k)}: ${write(o[k], inner)}`).join(',\n')}\n${indent}}`;
}

/** Go sorts map keys by bytes; for the ASCII keys of Kubernetes objects this is code-unit order. */
export function compareBytes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function printJSON(obj: unknown): string {
  return `${write(obj, '')}\n`;
}
