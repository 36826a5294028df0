// The sandbox ↔ simulator-worker protocol (src/islands/sandbox/worker): request checking, the handler the
// worker runs, and the page's client (ids, one answer per request, watchdog, crash and restart).
import { describe, expect, it } from 'vitest';
import { frameSimMs, isRequest, isWorkerMessage, MAX_FRAME_WALL_MS, type Calls, type Response } from '../../../src/islands/sandbox/worker/protocol.ts';
import { WorkerHandler } from '../../../src/islands/sandbox/worker/handler.ts';
import { SimClient, WorkerFailure, type WorkerLike } from '../../../src/islands/sandbox/worker/client.ts';
import { applySnapshotPatch } from '../../../src/islands/sandbox/worker/snapshot-patch.ts';
import type { PictureSnapshot } from '../../../src/engine/picture/types.ts';
import { piJob } from './lesson-files.ts';

function request<K extends keyof Calls>(id: number, type: K, params: Calls[K]['params']) {
  return { kind: 'request', id, type, params };
}

function ok<K extends keyof Calls>(r: Response, _type: K): Calls[K]['result'] {
  if (!r.ok) throw new Error(r.error);
  return r.result as Calls[K]['result'];
}

describe('protocol checks', () => {
  it('accepts well-formed requests and refuses malformed ones', () => {
    expect(isRequest(request(1, 'run', { line: 'kubectl get pods', files: [] }))).toBe(true);
    expect(isRequest(request(2, 'frame', { simMs: 960 }))).toBe(true);
    expect(isRequest({ kind: 'request', id: 3, type: 'frame', params: { simMs: -1 } })).toBe(false);
    expect(isRequest({ kind: 'request', id: 4, type: 'run', params: { line: 42, files: [] } })).toBe(false);
    expect(isRequest({ kind: 'request', id: 5, type: 'explode', params: {} })).toBe(false);
    expect(isRequest({ kind: 'request', id: 1.5, type: 'step', params: {} })).toBe(false);
    expect(isRequest({ kind: 'request', id: 6, type: 'init', params: { files: [{ name: 'a.yaml' }] } })).toBe(false);
  });

  it('recognises responses and fatal reports', () => {
    expect(isWorkerMessage({ kind: 'response', id: 1, ok: true, result: null })).toBe(true);
    expect(isWorkerMessage({ kind: 'response', id: 1, ok: false, error: 'x' })).toBe(true);
    expect(isWorkerMessage({ kind: 'response', id: 1, ok: false })).toBe(false);
    expect(isWorkerMessage({ kind: 'fatal', message: 'boom' })).toBe(true);
    expect(isWorkerMessage('hello')).toBe(false);
  });

  it('turns frame wall time into simulated time, capping a long frame', () => {
    expect(frameSimMs(16, 60)).toBe(960);
    expect(frameSimMs(16, 1)).toBe(16);
    expect(frameSimMs(5000, 120)).toBe(MAX_FRAME_WALL_MS * 120);
    expect(frameSimMs(-3, 10)).toBe(0);
  });
});

describe('WorkerHandler', () => {
  it('answers every request with its id, and refuses calls before init', () => {
    const h = new WorkerHandler();
    const before = h.handle(request(7, 'step', {}));
    expect(before).toMatchObject({ kind: 'response', id: 7, ok: false });
    expect(h.handle({ kind: 'request', id: 8, type: 'run', params: {} })).toMatchObject({ id: 8, ok: false, error: 'malformed request' });
    const init = ok(h.handle(request(9, 'init', { files: [piJob] })), 'init');
    expect(init.view.picture?.full).toBe(true);
    expect(applySnapshotPatch(null, init.view.picture!).nodes).toHaveLength(5);
    expect(init.view.halted).toBeNull();
  });

  it('applies, plays frames, and sends the snapshot only when something changed', () => {
    const h = new WorkerHandler();
    const init = ok(h.handle(request(1, 'init', { files: [piJob] })), 'init');
    // The page's copy, rebuilt from patches exactly as SandboxApp does.
    let page: PictureSnapshot = applySnapshotPatch(null, init.view.picture!);
    const applied = ok(h.handle(request(2, 'apply', { files: [piJob] })), 'apply');
    expect(applied.apply.stdout).toBe(`job.batch/${piJob.job} created\n`);
    expect(applied.view.picture?.full).toBe(false);
    page = applySnapshotPatch(page, applied.view.picture!);
    for (let i = 0; i < 100; i++) {
      const view = ok(h.handle(request(3 + i, 'frame', { simMs: 960 })), 'frame').view;
      if (view.picture) page = applySnapshotPatch(page, view.picture);
    }
    expect(page.pods).toHaveLength(1);
    expect(page.pods[0]!.phase).toBe('Succeeded'); // §4.8: the pi Job's only pod succeeded
    // Paused: the same time and nothing new, so no snapshot is sent again.
    const again = ok(h.handle(request(200, 'frame', { simMs: 0 })), 'frame').view;
    expect(again.picture).toBeUndefined();
    const get = ok(h.handle(request(201, 'run', { line: 'kubectl get jobs', files: [piJob] })), 'run');
    expect(get.line.stdout).toMatch(new RegExp(`^NAME +STATUS +COMPLETIONS +DURATION +AGE\\n${piJob.job} +Complete +1/1 `));
  });

  it('describes a selection key as kubectl get -o yaml', () => {
    const h = new WorkerHandler();
    ok(h.handle(request(1, 'init', { files: [] })), 'init');
    const node = ok(h.handle(request(2, 'describeKey', { key: 'Node//node-1' })), 'describeKey');
    expect(node.found).toBe(true);
    expect(node.yaml).toMatch(/^apiVersion: v1\nkind: Node\n/);
    expect(ok(h.handle(request(3, 'describeKey', { key: 'Pod/default/nope' })), 'describeKey').found).toBe(false);
    // A training job's role group selects its job (src/engine/picture/types.ts keys).
    ok(h.handle(request(4, 'apply', { files: [piJob] })), 'apply');
    const job = ok(h.handle(request(5, 'describeKey', { key: `Job/default/${piJob.job}#Worker` })), 'describeKey');
    expect(job.found).toBe(true);
    expect(job.yaml).toMatch(/^apiVersion: batch\/v1\nkind: Job\n/);
  });

  it('completes from the live cluster and serves the editor schemas', () => {
    const h = new WorkerHandler();
    ok(h.handle(request(1, 'init', { files: [piJob] })), 'init');
    const c = ok(h.handle(request(2, 'complete', { line: 'kubectl apply -f p', cursor: 18, files: [piJob] })), 'complete');
    expect(c).toEqual({ from: 17, to: 18, candidates: [piJob.name] });
    const { schemas } = ok(h.handle(request(3, 'schemas', {})), 'schemas');
    const root = schemas.find((s) => s.fileMatch);
    expect(root?.schema.required).toEqual(['apiVersion', 'kind']);
    expect(schemas.some((s) => s.uri.endsWith('/Job.json'))).toBe(true);
  });
});

/** A worker that runs the handler on a queue the test flushes, or never answers, or crashes. */
class FakeWorker implements WorkerLike {
  onmessage: ((e: { data: unknown }) => void) | null = null;
  onerror: ((e: { message?: string }) => void) | null = null;
  onmessageerror: ((e: unknown) => void) | null = null;
  terminated = false;
  queue: unknown[] = [];
  readonly handler = new WorkerHandler();
  postMessage(m: unknown): void {
    this.queue.push(m);
  }
  terminate(): void {
    this.terminated = true;
  }
  flush(): void {
    for (const m of this.queue.splice(0)) this.onmessage?.({ data: this.handler.handle(m) });
  }
}

function fakeTimers() {
  const timers = new Map<number, () => void>();
  let next = 1;
  return {
    setTimer: (f: () => void) => {
      timers.set(next, f);
      return next++;
    },
    clearTimer: (t: unknown) => void timers.delete(t as number),
    fireAll: () => {
      for (const [id, f] of [...timers]) {
        timers.delete(id);
        f();
      }
    },
    get count() {
      return timers.size;
    },
  };
}

describe('SimClient', () => {
  it('matches answers to calls by id, whatever order they come in', async () => {
    const workers: FakeWorker[] = [];
    const timers = fakeTimers();
    const client = new SimClient(() => {
      const w = new FakeWorker();
      workers.push(w);
      return w;
    }, timers);
    const init = client.call('init', { files: [piJob] });
    const schemas = client.call('schemas', {});
    const w = workers[0]!;
    // Answer the second request first.
    const [first, second] = w.queue.splice(0);
    w.onmessage!({ data: w.handler.handle(first) });
    w.onmessage!({ data: { kind: 'response', id: 999, ok: true, result: 'stray' } }); // ignored
    w.onmessage!({ data: w.handler.handle(second) });
    expect((await init).view.now).toBeGreaterThan(0);
    expect((await schemas).schemas.length).toBeGreaterThan(3);
    expect(timers.count).toBe(0);
    expect(client.pendingCount).toBe(0);
  });

  it('rejects a failing request without breaking the next one', async () => {
    const w = new FakeWorker();
    const client = new SimClient(() => w, fakeTimers());
    const early = client.call('step', {});
    w.flush();
    await expect(early).rejects.toThrow(/init first/);
    const init = client.call('init', { files: [] });
    w.flush();
    await expect(init).resolves.toBeDefined();
  });

  it('reports a worker that stops answering, terminates it, and works again after restart', async () => {
    const workers: FakeWorker[] = [];
    const timers = fakeTimers();
    const failures: string[] = [];
    const client = new SimClient(() => {
      const w = new FakeWorker();
      workers.push(w);
      return w;
    }, { ...timers, onFailure: (m) => failures.push(m) });
    const hung = client.call('init', { files: [] });
    timers.fireAll();
    await expect(hung).rejects.toBeInstanceOf(WorkerFailure);
    expect(failures).toEqual([expect.stringMatching(/stopped responding/)]);
    expect(workers[0]!.terminated).toBe(true);
    await expect(client.call('step', {})).rejects.toBeInstanceOf(WorkerFailure);
    client.restart();
    const again = client.call('init', { files: [] });
    workers[1]!.flush();
    await expect(again).resolves.toBeDefined();
    expect(client.failure).toBeNull();
  });

  it('reports a crash (error event or fatal message) and rejects what was pending', async () => {
    const w = new FakeWorker();
    const failures: string[] = [];
    const client = new SimClient(() => w, { ...fakeTimers(), onFailure: (m) => failures.push(m) });
    const pending = client.call('init', { files: [] });
    w.onmessage!({ data: { kind: 'fatal', message: 'out of memory' } });
    await expect(pending).rejects.toThrow('the simulator crashed: out of memory');
    expect(failures).toEqual(['the simulator crashed: out of memory']);
    expect(client.failure).toBe('the simulator crashed: out of memory');
  });
});
