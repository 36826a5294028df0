// The terminal's input line: the text, the cursor, editing keys (readline's basic set) and the command history
// (↑/↓; a line being typed is kept while browsing). Pure state, no terminal: the controller renders it.
export class LineEditor {
  text = '';
  cursor = 0;
  readonly #history: string[] = [];
  /** Index into history while browsing it; history.length means "the line being typed". */
  #at = 0;
  #draft = '';
  readonly #limit: number;

  constructor(historyLimit = 200) {
    this.#limit = historyLimit;
  }

  get history(): readonly string[] {
    return this.#history;
  }

  insert(s: string): void {
    this.text = this.text.slice(0, this.cursor) + s + this.text.slice(this.cursor);
    this.cursor += s.length;
  }

  /** Replaces text[from, to) (a completed word) and puts the cursor after it. */
  replace(from: number, to: number, s: string): void {
    this.text = this.text.slice(0, from) + s + this.text.slice(to);
    this.cursor = from + s.length;
  }

  backspace(): void {
    if (this.cursor === 0) return;
    this.text = this.text.slice(0, this.cursor - 1) + this.text.slice(this.cursor);
    this.cursor--;
  }

  deleteForward(): void {
    this.text = this.text.slice(0, this.cursor) + this.text.slice(this.cursor + 1);
  }

  left(): void {
    this.cursor = Math.max(0, this.cursor - 1);
  }

  right(): void {
    this.cursor = Math.min(this.text.length, this.cursor + 1);
  }

  home(): void {
    this.cursor = 0;
  }

  end(): void {
    this.cursor = this.text.length;
  }

  /** Ctrl+U: delete from the start of the line to the cursor. */
  killToStart(): void {
    this.text = this.text.slice(this.cursor);
    this.cursor = 0;
  }

  /** Ctrl+K: delete from the cursor to the end. */
  killToEnd(): void {
    this.text = this.text.slice(0, this.cursor);
  }

  /** Ctrl+W: delete the word before the cursor (and the blanks after it). */
  killWordBack(): void {
    const before = this.text.slice(0, this.cursor).replace(/\S*\s*$/, '');
    this.text = before + this.text.slice(this.cursor);
    this.cursor = before.length;
  }

  historyUp(): void {
    if (this.#at === 0) return;
    if (this.#at === this.#history.length) this.#draft = this.text;
    this.#set(this.#history[--this.#at]!);
  }

  historyDown(): void {
    if (this.#at >= this.#history.length) return;
    this.#at++;
    this.#set(this.#at === this.#history.length ? this.#draft : this.#history[this.#at]!);
  }

  #set(text: string): void {
    this.text = text;
    this.cursor = text.length;
  }

  /** Enter: returns the line, records it in the history (not blanks, not a repeat of the last), clears. */
  take(): string {
    const line = this.text;
    if (line.trim() !== '' && this.#history[this.#history.length - 1] !== line) {
      this.#history.push(line);
      if (this.#history.length > this.#limit) this.#history.shift();
    }
    this.#at = this.#history.length;
    this.#draft = '';
    this.text = '';
    this.cursor = 0;
    return line;
  }

  /** Ctrl+C at the prompt: abandon the line (not recorded). */
  discard(): void {
    this.#at = this.#history.length;
    this.#draft = '';
    this.text = '';
    this.cursor = 0;
  }
}

/**
 * Escape sequences that redraw `prompt + text` (the prompt `promptWidth` columns wide, colours aside) with the cursor at `cursor`, given where the cursor was
 * (`prevCursor`, an index into the previous text) and the terminal's width. Handles lines that wrap.
 */
export function redrawSequence(prompt: string, promptWidth: number, text: string, cursor: number, prevCursor: number, cols: number): string {
  const width = Math.max(1, cols);
  const p = promptWidth;
  let out = '';
  const fromRow = Math.floor((p + prevCursor) / width);
  if (fromRow > 0) out += `\x1b[${fromRow}A`;
  out += `\r\x1b[J${prompt}${text}`;
  const len = p + text.length;
  // Writing exactly to the last column leaves the cursor waiting to wrap: move it to the next row's start.
  if (len > 0 && len % width === 0) out += '\r\n';
  const endRow = Math.floor(len / width);
  const row = Math.floor((p + cursor) / width);
  const col = (p + cursor) % width;
  if (endRow > row) out += `\x1b[${endRow - row}A`;
  out += '\r';
  if (col > 0) out += `\x1b[${col}C`;
  return out;
}
