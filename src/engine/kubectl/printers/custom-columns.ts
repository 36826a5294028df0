// kubectl's `-o custom-columns=HEADER:PATH,…` printer (kubectl pkg/cmd/get customcolumn.go): each PATH is
// relaxed into a JSONPath template (`metadata.name`, `.metadata.name`, `{metadata.name}` → `{.metadata.name}`),
// evaluated with missing keys allowed; several values are joined with `,`, nothing is `<none>`, values print as
// Go's fmt.Sprint (maps as `map[k:v]`), and the rows go through kubectl's tabwriter.
import { goSprint } from './go-format.ts';
import type { GoValue } from './go-format.ts';
import { findJsonPathResults } from './jsonpath.ts';
import { parseJsonPath } from './jsonpath-parser.ts';
import type { ListNode } from './jsonpath-parser.ts';
import { tabwrite } from './tabwriter.ts';

export interface CustomColumn {
  header: string;
  /** The relaxed JSONPath template (`{.metadata.name}`). */
  fieldSpec: string;
}

const RELAXED = /^\{\.?([^{}]+)\}$|^\.?([^{}]+)$/;

/** RelaxedJSONPathExpression. */
export function relaxedJsonPath(expr: string): { ok: true; template: string } | { ok: false; error: string } {
  if (expr === '') return { ok: true, template: '' };
  const m = RELAXED.exec(expr);
  if (!m) return { ok: false, error: "unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'" };
  return { ok: true, template: `{.${m[1] || m[2]}}` };
}

/** NewCustomColumnsPrinterFromSpec: the columns of `-o custom-columns=SPEC`, or kubectl's error text. */
export function parseCustomColumns(spec: string): { ok: true; columns: CustomColumn[] } | { ok: false; error: string } {
  if (spec === '') return { ok: false, error: 'custom-columns format specified but no custom columns given' };
  const columns: CustomColumn[] = [];
  for (const part of spec.split(',')) {
    const colon = part.indexOf(':');
    if (colon < 0) return { ok: false, error: `unexpected custom-columns spec: ${part}, expected <header>:<json-path-expr>` };
    const relaxed = relaxedJsonPath(part.slice(colon + 1));
    if (!relaxed.ok) return relaxed;
    columns.push({ header: part.slice(0, colon), fieldSpec: relaxed.template });
  }
  return { ok: true, columns };
}

/** printers.EscapeTerminal */
const escapeTerminal = (s: string): string => s.replaceAll('\x1b', '^[').replaceAll('\r', '\\r');

/**
 * CustomColumnsPrinter.PrintObj for the objects kubectl hands it (the items of the List it built, or the one
 * object): a header row unless `noHeaders`, then one row per object. Errors are the parser's or evaluator's text.
 */
export function printCustomColumns(columns: readonly CustomColumn[], objects: readonly GoValue[], noHeaders: boolean): { ok: true; text: string } | { ok: false; error: string } {
  const parsed: ListNode[] = [];
  for (const c of columns) {
    const p = parseJsonPath(c.fieldSpec);
    if (!p.ok) return { ok: false, error: p.error };
    parsed.push(p.root);
  }
  const rows: string[][] = noHeaders ? [] : [columns.map((c) => c.header)];
  for (const obj of objects) {
    const row: string[] = [];
    for (const root of parsed) {
      const found = findJsonPathResults(root, obj);
      if (!found.ok) return { ok: false, error: found.error };
      const values = found.results;
      const texts: string[] = [];
      if (values.length === 0 || values[0]!.length === 0) texts.push('<none>');
      for (const group of values) for (const v of group) texts.push(escapeTerminal(v === undefined ? '<nil>' : goSprint(v)));
      row.push(texts.join(','));
    }
    rows.push(row);
  }
  return { ok: true, text: tabwrite(rows) };
}
