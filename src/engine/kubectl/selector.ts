// `-l/--selector` text (`app=web,tier!=db,env in (a,b),!legacy,release`) → a LabelSelector the API server's
// list understands. `=`/`==` become matchLabels; `!=` is NotIn of one value (same meaning for labels).
import type { LabelSelector } from '../api/kinds.ts';

export type SelectorResult = { ok: true; selector: LabelSelector } | { ok: false; error: string };

function splitTop(s: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let cur = '';
  for (const c of s) {
    if (c === '(') depth++;
    if (c === ')') depth--;
    if (c === ',' && depth === 0) {
      parts.push(cur);
      cur = '';
    } else cur += c;
  }
  parts.push(cur);
  return parts;
}

export function parseSelector(text: string): SelectorResult {
  const sel: LabelSelector = {};
  const labels: Record<string, string> = {};
  const exprs: { key: string; operator: string; values?: string[] }[] = [];
  for (const raw of splitTop(text)) {
    const part = raw.trim();
    if (part === '') continue;
    let m: RegExpExecArray | null;
    if ((m = /^([^\s!=()]+)\s+(in|notin)\s*\(([^)]*)\)$/.exec(part))) {
      exprs.push({ key: m[1]!, operator: m[2] === 'in' ? 'In' : 'NotIn', values: m[3]!.split(',').map((v) => v.trim()).filter((v) => v !== '') });
    } else if ((m = /^!\s*([^\s!=()]+)$/.exec(part))) {
      exprs.push({ key: m[1]!, operator: 'DoesNotExist' });
    } else if ((m = /^([^\s!=()]+)\s*!=\s*([^\s!=(),]*)$/.exec(part))) {
      exprs.push({ key: m[1]!, operator: 'NotIn', values: [m[2]!] });
    } else if ((m = /^([^\s!=()]+)\s*==?\s*([^\s!=(),]*)$/.exec(part))) {
      labels[m[1]!] = m[2]!;
    } else if ((m = /^([^\s!=()]+)$/.exec(part))) {
      exprs.push({ key: m[1]!, operator: 'Exists' });
    } else {
      return { ok: false, error: `unable to parse requirement: found '${part}', expected: identifier` };
    }
  }
  if (Object.keys(labels).length) sel.matchLabels = labels;
  if (exprs.length) sel.matchExpressions = exprs;
  return { ok: true, selector: sel };
}
