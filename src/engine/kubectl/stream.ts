// The running half of a command that keeps going while simulated time passes (`get -w`, `rollout status`,
// `delete` waiting for its objects to be gone, `drain` waiting for its evictions): output is buffered as the
// simulation's watch events arrive, and the caller polls it after advancing the clock. Everything a stream
// registered (API watches, clock timers) is released when it finishes or is stopped.
import type { TaskId } from '../clock/virtual-clock.ts';
import type { Simulation } from '../sim/simulation.ts';
import type { KubectlStream } from './context.ts';

export class CommandStream implements KubectlStream {
  #out = '';
  #err = '';
  #done = false;
  #exitCode = 0;
  #cleanups: (() => void)[] = [];
  readonly #sim: Simulation;
  readonly waitOnly: boolean;

  constructor(sim: Simulation, opts: { waitOnly?: boolean } = {}) {
    this.#sim = sim;
    this.waitOnly = opts.waitOnly ?? false;
  }

  write(text: string): void {
    if (!this.#done) this.#out += text;
  }

  writeErr(text: string): void {
    if (!this.#done) this.#err += text;
  }

  /** Ends the command by itself (rollout complete, objects gone, timeout). */
  finish(exitCode: number): void {
    if (this.#done) return;
    this.#exitCode = exitCode;
    this.#done = true;
    this.#release();
  }

  /** Registers something to undo when the stream ends (an API watch's unsubscribe). */
  onEnd(cleanup: () => void): void {
    if (this.#done) cleanup();
    else this.#cleanups.push(cleanup);
  }

  /** A `--timeout`: calls `fire` after `ms` of simulated time unless the stream ended first. */
  timeout(ms: number, fire: () => void): void {
    const id: TaskId = this.#sim.clock.after(ms, 'kubectl --timeout', () => {
      if (!this.#done) fire();
    }, { background: true });
    this.onEnd(() => this.#sim.clock.cancel(id));
  }

  poll(): string {
    const out = this.#out;
    this.#out = '';
    return out;
  }

  pollStderr(): string {
    const err = this.#err;
    this.#err = '';
    return err;
  }

  done(): boolean {
    return this.#done;
  }

  exitCode(): number {
    return this.#exitCode;
  }

  /** Ctrl+C. */
  stop(): void {
    if (this.#done) return;
    this.#done = true;
    this.#release();
  }

  #release(): void {
    const cleanups = this.#cleanups;
    this.#cleanups = [];
    for (const c of cleanups) c();
  }
}
