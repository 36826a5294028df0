// The sandbox terminal's behaviour on top of xterm: a `$ ` prompt with line editing and history, Tab
// completion (a second Tab lists the candidates, as bash does), Ctrl+C (stop a stream, or abandon the line),
// Ctrl+L / `clear`, `help`, commands run through the simulator, errors in red, and streams (`get -w`) that
// print as simulated time runs. Every line of output is also mirrored as text for screen readers.
import { LineEditor, redrawSequence } from './line-editor.ts';
import { commonPrefix } from './common-prefix.ts';
import type { Completion, LineResult, StreamChunk } from '../worker/protocol.ts';

/** The parts of an xterm Terminal the controller uses. */
export interface TermLike {
  readonly cols: number;
  write(data: string): void;
  clear(): void;
}

export interface TerminalDeps {
  run(line: string): Promise<LineResult>;
  complete(line: string, cursor: number): Promise<Completion>;
  stopStream(id: number): Promise<StreamChunk | null>;
  /** Text for the screen-reader mirror: a command the learner ran, or output. */
  mirror(text: string, kind: 'command' | 'output' | 'error'): void;
  /** `clear` / Ctrl+L also clear the mirror. */
  cleared(): void;
}

const PROMPT = '\x1b[1;32m$\x1b[0m ';
const PROMPT_WIDTH = 2;
const RED = '\x1b[31m';
/** Bright black: the theme's muted colour (contrast-checked in both themes, unlike SGR dim). */
const MUTED = '\x1b[90m';
const RESET = '\x1b[0m';

export const HELP_TEXT = [
  'Commands run against the simulated cluster (time only moves with the time controls):',
  '  kubectl get|describe|apply|delete|logs|scale|rollout|set|create|label|annotate|explain …',
  '  kubectl get pods -w            watch changes while time runs (Ctrl+C stops)',
  '  lab crash POD [--exit-code N]  crash a pod\'s container',
  '  lab fail-node NODE | lab restore-node NODE',
  '  clear                          clear the screen (Ctrl+L)',
  'Keys: ↑/↓ history · Tab completes (twice lists) · Ctrl+C stops a watch · Ctrl+A/E start/end · Ctrl+U/K/W delete · Esc leaves the terminal',
].join('\n');

function crlf(s: string): string {
  return s.replace(/\r?\n/g, '\r\n');
}

export class TerminalController {
  readonly line = new LineEditor();
  readonly #term: TermLike;
  readonly #deps: TerminalDeps;
  /** A command is running (waiting for the simulator) or a stream is in the foreground. */
  #busy = false;
  #stream: number | null = null;
  #drawnCursor = 0;
  #lastTabLine: string | null = null;
  /** Lines pasted after the first, run one by one. */
  #queue: string[] = [];
  /**
   * Keys typed while a command runs: held, as a terminal's input queue holds them, and replayed at the next
   * prompt (an Enter among them runs that line). Ctrl+C discards them, as the tty flushes its queue on SIGINT.
   */
  #held: string[] = [];
  /** Keys typed while a completion is being computed: replayed after it, so fast typing keeps its order. */
  #typeahead: string[] | null = null;

  constructor(term: TermLike, deps: TerminalDeps) {
    this.#term = term;
    this.#deps = deps;
  }

  get busy(): boolean {
    return this.#busy;
  }

  get streaming(): number | null {
    return this.#stream;
  }

  /** First prompt, after an optional greeting. */
  start(greeting?: string): void {
    if (greeting) this.#term.write(crlf(`${MUTED}${greeting}${RESET}\n`));
    this.#prompt();
  }

  #prompt(): void {
    this.#drawnCursor = 0;
    this.#term.write(PROMPT);
    if (this.line.text) this.#redraw();
  }

  #redraw(): void {
    this.#term.write(redrawSequence(PROMPT, PROMPT_WIDTH, this.line.text, this.line.cursor, this.#drawnCursor, this.#term.cols));
    this.#drawnCursor = this.line.cursor;
  }

  /** Puts `text` on the input line (a suggested command chip), replacing what was typed. */
  type(text: string): void {
    if (this.#busy) return;
    this.line.discard();
    this.line.insert(text);
    this.#redraw();
  }

  /** Runs `text` as if typed and entered (fault buttons); waits its turn if a command is running. */
  runLine(text: string): void {
    if (this.#busy) {
      this.#queue.push(text);
      return;
    }
    this.line.discard();
    this.line.insert(text);
    this.#redraw();
    void this.#enter();
  }

  /** xterm's onData: keys and pasted text. */
  input(data: string): void {
    if (data === '\x03') {
      this.#typeahead = null;
      this.#held = [];
      return void this.#interrupt();
    }
    if (this.#busy) {
      this.#held.push(data);
      return;
    }
    if (this.#typeahead) {
      this.#typeahead.push(data);
      return;
    }
    if (data === '\t') {
      this.#typeahead = [];
      void this.#complete().finally(() => {
        const keys = this.#typeahead ?? [];
        this.#typeahead = null;
        for (const k of keys) this.input(k);
      });
      return;
    }
    this.#lastTabLine = null;
    switch (data) {
      case '\r':
        return void this.#enter();
      case '\x7f':
      case '\b':
        this.line.backspace();
        break;
      case '\x1b[3~':
        this.line.deleteForward();
        break;
      case '\x1b[D':
      case '\x02':
        this.line.left();
        break;
      case '\x1b[C':
      case '\x06':
        this.line.right();
        break;
      case '\x1b[A':
      case '\x10':
        this.line.historyUp();
        break;
      case '\x1b[B':
      case '\x0e':
        this.line.historyDown();
        break;
      case '\x1b[H':
      case '\x1bOH':
      case '\x01':
        this.line.home();
        break;
      case '\x1b[F':
      case '\x1bOF':
      case '\x05':
        this.line.end();
        break;
      case '\x15':
        this.line.killToStart();
        break;
      case '\x0b':
        this.line.killToEnd();
        break;
      case '\x17':
        this.line.killWordBack();
        break;
      case '\x0c':
        return this.clearScreen();
      default: {
        if (data.startsWith('\x1b')) return; // other escape sequences (function keys …)
        // Typed or pasted text; a newline in a paste runs the line, further lines queue.
        const [first, ...rest] = data.replace(/\r\n?/g, '\n').split('\n');
        this.line.insert(first!.replace(/[\x00-\x1f\x7f]/g, ''));
        if (rest.length > 0) {
          this.#queue.push(...rest.filter((l) => l.trim() !== ''));
          this.#redraw();
          return void this.#enter();
        }
      }
    }
    this.#redraw();
  }

  clearScreen(): void {
    this.#term.clear();
    this.#deps.cleared();
    if (!this.#busy) this.#redraw();
  }

  async #complete(): Promise<void> {
    const text = this.line.text;
    const cursor = this.line.cursor;
    let c: Completion;
    try {
      c = await this.#deps.complete(text, cursor);
    } catch {
      return;
    }
    if (c.candidates.length === 0) return;
    if (c.candidates.length === 1) {
      const word = c.candidates[0]!;
      this.line.replace(c.from, c.to, word.endsWith('/') ? word : `${word} `);
      this.#lastTabLine = null;
      this.#redraw();
      return;
    }
    const prefix = commonPrefix(c.candidates);
    if (prefix.length > c.to - c.from) {
      this.line.replace(c.from, c.to, prefix);
      this.#lastTabLine = null;
      this.#redraw();
      return;
    }
    if (this.#lastTabLine === text) {
      // Second Tab: list the candidates under the line, then the prompt again.
      this.#term.write(`\r\n${crlf(c.candidates.join('  '))}\r\n`);
      this.#deps.mirror(c.candidates.join(' '), 'output');
      this.#prompt();
    }
    this.#lastTabLine = text;
  }

  async #interrupt(): Promise<void> {
    if (this.#stream !== null) {
      const id = this.#stream;
      this.#stream = null;
      this.#queue = [];
      const last = await this.#deps.stopStream(id).catch(() => null);
      if (last?.text) this.#print(last.text, false);
      this.#term.write('^C\r\n');
      this.#busy = false;
      this.#prompt();
      return;
    }
    if (this.#busy) return;
    this.#term.write('^C\r\n');
    this.line.discard();
    this.#prompt();
  }

  async #enter(): Promise<void> {
    // Leave the cursor after the whole line before printing anything.
    this.line.end();
    this.#redraw();
    this.#term.write('\r\n');
    const line = this.line.take().trim();
    this.#lastTabLine = null;
    if (line !== '') this.#deps.mirror(`$ ${line}`, 'command');
    if (line === '') return this.#next();
    if (line === 'clear') {
      this.#term.clear();
      this.#deps.cleared();
      return this.#next();
    }
    if (line === 'help') {
      this.#print(HELP_TEXT + '\n', false);
      return this.#next();
    }
    this.#busy = true;
    let r: LineResult;
    try {
      r = await this.#deps.run(line);
    } catch (err) {
      r = { exitCode: 1, stdout: '', stderr: `error: ${(err as Error).message}\n` };
    }
    if (r.stdout) this.#print(r.stdout, false);
    if (r.stderr) this.#print(r.stderr, true);
    if (r.streamId !== undefined) {
      this.#stream = r.streamId; // stays busy until the stream ends or Ctrl+C
      return;
    }
    this.#busy = false;
    this.#next();
  }

  /** Output of running streams, as the simulator reports it after each frame or step. */
  streamOutput(chunks: readonly StreamChunk[]): void {
    for (const c of chunks) {
      if (c.id !== this.#stream) continue;
      if (c.text) this.#print(c.text, false);
      if (c.stderr) this.#print(c.stderr, true);
      if (c.done) {
        this.#stream = null;
        this.#busy = false;
        this.#next();
      }
    }
  }

  /** The simulator was reset or restarted: a running stream is gone. */
  abortStream(message?: string): void {
    if (this.#stream === null) return;
    this.#stream = null;
    this.#busy = false;
    if (message) this.#print(`${message}\n`, true);
    this.#prompt();
  }

  #print(text: string, error: boolean): void {
    const body = crlf(text.endsWith('\n') ? text : `${text}\n`);
    this.#term.write(error ? `${RED}${body}${RESET}` : body);
    this.#deps.mirror(text.replace(/\n$/, ''), error ? 'error' : 'output');
  }

  #next(): void {
    const queued = this.#queue.shift();
    this.#prompt();
    if (queued !== undefined) {
      this.line.insert(queued);
      this.#redraw();
      void this.#enter();
      return;
    }
    // Typeahead: replayed key by key; if one of them starts a command, the rest are held again in order.
    const keys = this.#held;
    this.#held = [];
    for (const k of keys) this.input(k);
  }
}
