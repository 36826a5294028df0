// kubectl describe's PrefixWriter: every Write at level N is prefixed by N×2 spaces and goes into one Go
// tabwriter; WriteLine adds no prefix. The finished text is the tabwriter's output (`tabbedString`).
import { GoTabWriter } from './go-tabwriter.ts';

export const LEVEL_0 = 0;
export const LEVEL_1 = 1;
export const LEVEL_2 = 2;
export const LEVEL_3 = 3;

export class PrefixWriter {
  #tw = new GoTabWriter();

  write(level: number, text: string): void {
    this.#tw.write('  '.repeat(level) + text);
  }

  writeLine(text: string): void {
    this.#tw.write(`${text}\n`);
  }

  flush(): void {
    this.#tw.flush();
  }

  toString(): string {
    return this.#tw.toString();
  }
}

/** Runs a describer body against a fresh writer and returns the aligned text. */
export function tabbedString(body: (w: PrefixWriter) => void): string {
  const w = new PrefixWriter();
  body(w);
  return w.toString();
}
