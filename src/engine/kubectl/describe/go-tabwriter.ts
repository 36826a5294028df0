// Go's text/tabwriter as kubectl describe's `tabbedString` sets it up (minwidth 0, padding 2, pad with
// spaces, no flags). Unlike the table writer in ../printers/tabwriter.ts, describe output mixes lines with
// different cell counts, so alignment is per *column block*: a run of consecutive lines that all have a
// tab-terminated cell in that column (tabwriter's recursive `format`). The last cell of a line is never
// aligned. `flush()` ends all blocks, as kubectl's `w.Flush()` before the Events table does.
const PADDING = 2;
const MIN_WIDTH = 0;

function runeCount(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

export class GoTabWriter {
  #pending = '';
  #out = '';

  write(text: string): void {
    this.#pending += text;
  }

  /** Formats everything written since the last flush. */
  flush(): void {
    if (this.#pending === '') return;
    const text = this.#pending;
    this.#pending = '';
    const rawLines = text.split('\n');
    const endsWithNewline = rawLines[rawLines.length - 1] === '';
    if (endsWithNewline) rawLines.pop();
    const lines = rawLines.map((l) => l.split('\t'));
    const widths: number[] = [];
    const rendered: string[] = [];
    const writeLines = (from: number, to: number) => {
      for (let i = from; i < to; i++) {
        const cells = lines[i]!;
        let s = '';
        for (let j = 0; j < cells.length; j++) {
          const c = cells[j]!;
          s += c;
          if (j < widths.length && j < cells.length - 1) s += ' '.repeat(Math.max(0, widths[j]! - runeCount(c)));
        }
        rendered.push(s);
      }
    };
    const format = (line0: number, line1: number): void => {
      const column = widths.length;
      let start = line0;
      for (let i = line0; i < line1; i++) {
        if (column >= lines[i]!.length - 1) continue;
        writeLines(start, i);
        start = i;
        let width = MIN_WIDTH;
        for (; i < line1; i++) {
          const cells = lines[i]!;
          if (column >= cells.length - 1) break;
          width = Math.max(width, runeCount(cells[column]!) + PADDING);
        }
        widths.push(width);
        format(start, i);
        widths.pop();
        start = i;
        i--; // the outer loop's i++ resumes at the line that ended the block
      }
      writeLines(start, line1);
    };
    format(0, lines.length);
    this.#out += rendered.join('\n') + (endsWithNewline ? '\n' : '');
  }

  toString(): string {
    this.flush();
    return this.#out;
  }
}
