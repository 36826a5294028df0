// kubectl's JSON printer on a typed object (a generator's Deployment, Job, CronJob or Pod): Go's
// `json.MarshalIndent(obj, "", "    ")` keeps the struct's field order instead of sorting keys. The
// generators build their objects in that order; this prints them as built (same escaping and layout
// as printers/json.ts).
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
  const keys = Object.keys(o).filter((k) => o[k] !== undefined);
  if (keys.length === 0) return '{}';
  return `{\n${keys.map((k) => `${inner}${quote(k)}: ${write(o[k], inner)}`).join(',\n')}\n${indent}}`;
}

export function printTypedJSON(obj: unknown): string {
  return `${write(obj, '')}\n`;
}
