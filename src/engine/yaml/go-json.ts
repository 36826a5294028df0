// encoding/json's compact output for a document (used in `Object 'Kind' is missing in '...'`):
// keys in Go order, <, >, &, U+2028 and U+2029 escaped, integers exact. Iterative.
import { compareGoStrings } from './go-format.ts';
import { memberEntry, type PosEntry } from './positions.ts';

function goString(s: string): string {
  return JSON.stringify(s).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

type Work = { value: unknown; entry: PosEntry | undefined } | string;

export function goCompactJSON(value: unknown, entry: PosEntry | undefined): string {
  let out = '';
  const work: Work[] = [{ value, entry }];
  while (work.length > 0) {
    const item = work.pop()!;
    if (typeof item === 'string') {
      out += item;
      continue;
    }
    const v = item.value;
    const tree = item.entry?.children;
    if (Array.isArray(v)) {
      const parts: Work[] = ['['];
      v.forEach((x, i) => {
        if (i > 0) parts.push(',');
        parts.push({ value: x, entry: Array.isArray(tree) ? tree[i] : undefined });
      });
      parts.push(']');
      for (let i = parts.length - 1; i >= 0; i--) work.push(parts[i]!);
    } else if (v !== null && typeof v === 'object') {
      const keys = Object.keys(v).sort(compareGoStrings);
      const parts: Work[] = ['{'];
      keys.forEach((k, i) => {
        if (i > 0) parts.push(',');
        parts.push(`${goString(k)}:`);
        parts.push({ value: (v as Record<string, unknown>)[k], entry: tree && !Array.isArray(tree) ? memberEntry(tree, k) : undefined });
      });
      parts.push('}');
      for (let i = parts.length - 1; i >= 0; i--) work.push(parts[i]!);
    } else if (typeof v === 'string') {
      out += goString(v);
    } else if (typeof v === 'number') {
      out += item.entry?.exact ?? JSON.stringify(v);
    } else {
      out += JSON.stringify(v) ?? 'null';
    }
  }
  return out;
}
