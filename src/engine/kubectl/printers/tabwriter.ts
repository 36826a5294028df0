// kubectl's table layout: Go text/tabwriter as `printers.GetNewTabWriter` sets it up (minwidth 6,
// padding 3, pad with spaces). Every cell but the last of a row is padded to its column's width; the
// last cell is written as is (it ends the line, so tabwriter does not align it).
const MIN_WIDTH = 6;
const PADDING = 3;

/** Rune count, as tabwriter measures text (UTF-8 runes, not bytes). */
function width(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

export function tabwrite(rows: readonly (readonly string[])[]): string {
  const widths: number[] = [];
  for (const row of rows) {
    for (let i = 0; i < row.length - 1; i++) {
      widths[i] = Math.max(widths[i] ?? MIN_WIDTH, width(row[i]!) + PADDING);
    }
  }
  let out = '';
  for (const row of rows) {
    let line = '';
    for (let i = 0; i < row.length; i++) {
      const cell = row[i]!;
      line += i < row.length - 1 ? cell + ' '.repeat(widths[i]! - width(cell)) : cell;
    }
    out += `${line}\n`;
  }
  return out;
}
