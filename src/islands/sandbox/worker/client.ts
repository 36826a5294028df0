// The page's side of the simulator worker: typed calls with request ids, a watchdog for a worker that stops
// answering, and restart after a crash (the editor's text lives on the page, so nothing the learner typed is lost).
import { isWorkerMessage, type CallType, type Params, type Request, type Result } from './protocol.ts';

/** The parts of a Worker the client uses (a fake in the unit tests). */
export interface WorkerLike {
  postMessage(message: unknown): void;
  terminate(): void;
  onmessage: ((e: { data: unknown }) => void) | null;
  onerror: ((e: { message?: string }) => void) | null;
  onmessageerror?: ((e: unknown) => void) | null;
}

export interface ClientOptions {
  /** A call that gets no answer in this time marks the worker unresponsive (ms). */
  timeoutMs?: number;
  /** The first call (init: the worker's code may still be downloading) gets this long (ms). */
  firstTimeoutMs?: number;
  /** The worker crashed or stopped answering; every pending call has been rejected. */
  onFailure?: (message: string) => void;
  setTimer?: (f: () => void, ms: number) => unknown;
  clearTimer?: (t: unknown) => void;
}

interface Pending {
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
  timer: unknown;
}

export class WorkerFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WorkerFailure';
  }
}

export class SimClient {
  readonly #create: () => WorkerLike;
  readonly #opts: Required<Omit<ClientOptions, 'onFailure'>> & Pick<ClientOptions, 'onFailure'>;
  #worker: WorkerLike | null = null;
  #nextId = 1;
  #pending = new Map<number, Pending>();
  #calls = 0;
  #failed: string | null = null;

  constructor(create: () => WorkerLike, opts: ClientOptions = {}) {
    this.#create = create;
    this.#opts = {
      timeoutMs: opts.timeoutMs ?? 20_000,
      firstTimeoutMs: opts.firstTimeoutMs ?? 60_000,
      onFailure: opts.onFailure,
      setTimer: opts.setTimer ?? ((f, ms) => setTimeout(f, ms)),
      clearTimer: opts.clearTimer ?? ((t) => clearTimeout(t as ReturnType<typeof setTimeout>)),
    };
  }

  /** Why the worker is unusable (crash, no answer), until restart(); null when fine. */
  get failure(): string | null {
    return this.#failed;
  }

  get pendingCount(): number {
    return this.#pending.size;
  }

  #ensure(): WorkerLike {
    if (this.#worker) return this.#worker;
    const w = this.#create();
    w.onmessage = (e) => this.#receive(e.data);
    w.onerror = (e) => this.#fail(`the simulator crashed${e?.message ? `: ${e.message}` : ''}`);
    w.onmessageerror = () => this.#fail('the simulator sent a message the page could not read');
    this.#worker = w;
    this.#calls = 0;
    return w;
  }

  call<K extends CallType>(type: K, params: Params<K>): Promise<Result<K>> {
    if (this.#failed) return Promise.reject(new WorkerFailure(this.#failed));
    const w = this.#ensure();
    const id = this.#nextId++;
    const limit = this.#calls++ === 0 ? this.#opts.firstTimeoutMs : this.#opts.timeoutMs;
    return new Promise<Result<K>>((resolve, reject) => {
      const timer = this.#opts.setTimer(() => this.#fail(`the simulator stopped responding (no answer to "${type}" in ${Math.round(limit / 1000)} s)`), limit);
      this.#pending.set(id, { resolve: resolve as (v: unknown) => void, reject, timer });
      const request: Request<K> = { kind: 'request', id, type, params };
      try {
        w.postMessage(request);
      } catch (err) {
        this.#settle(id);
        reject(new WorkerFailure(`could not send "${type}" to the simulator: ${(err as Error).message}`));
      }
    });
  }

  #settle(id: number): Pending | undefined {
    const p = this.#pending.get(id);
    if (!p) return undefined;
    this.#pending.delete(id);
    this.#opts.clearTimer(p.timer);
    return p;
  }

  #receive(data: unknown): void {
    if (!isWorkerMessage(data)) return;
    if (data.kind === 'fatal') {
      this.#fail(`the simulator crashed: ${data.message}`);
      return;
    }
    const p = this.#settle(data.id);
    if (!p) return; // a late answer after a timeout or restart
    if (data.ok) p.resolve(data.result);
    else p.reject(new Error(data.error));
  }

  #fail(message: string): void {
    if (this.#failed) return;
    this.#failed = message;
    this.#worker?.terminate();
    this.#worker = null;
    for (const id of [...this.#pending.keys()]) this.#settle(id)!.reject(new WorkerFailure(message));
    this.#opts.onFailure?.(message);
  }

  /** A fresh worker (the caller then sends `init` again). Pending calls are rejected. */
  restart(): void {
    this.#worker?.terminate();
    this.#worker = null;
    for (const id of [...this.#pending.keys()]) this.#settle(id)!.reject(new WorkerFailure('the simulator was restarted'));
    this.#failed = null;
  }

  dispose(): void {
    this.restart();
    this.#failed = 'disposed';
  }
}
