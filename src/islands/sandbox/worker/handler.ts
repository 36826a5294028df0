// What the simulator worker does with each request: one SandboxSession per worker, built by `init`. Pure (no
// worker globals), so the unit tests drive it exactly as sim.worker.ts does.
import { SandboxSession } from '../../../engine/sandbox/session.ts';
import { editorSchemas } from '../../../engine/sandbox/editor-schemas.ts';
import { kindNamed } from '../../../engine/schema/index.ts';
import { isRequest, requestIdOf, type Calls, type CallType, type PictureSnapshot, type Request, type Response, type SessionView, type StreamChunk } from './protocol.ts';
import { diffSnapshot } from './snapshot-patch.ts';

export class WorkerHandler {
  #session: SandboxSession | null = null;
  /** The session's change marker when the page last got a snapshot; the next view omits an unchanged one. */
  #sentVersion = '';
  /** The snapshot the page holds (patches are built on it). */
  #sent: PictureSnapshot | null = null;

  handle(message: unknown): Response {
    if (!isRequest(message)) {
      return { kind: 'response', id: requestIdOf(message) ?? -1, ok: false, error: 'malformed request' };
    }
    try {
      return { kind: 'response', id: message.id, ok: true, result: this.#dispatch(message) };
    } catch (err) {
      return { kind: 'response', id: message.id, ok: false, error: (err as Error)?.message ?? String(err) };
    }
  }

  #dispatch(req: Request): unknown {
    // isRequest has checked the type and its params.
    const type: CallType = req.type;
    if (type === 'init') {
      const p = req.params as Calls['init']['params'];
      this.#session?.dispose();
      this.#session = new SandboxSession({ files: p.files, cluster: p.cluster, seed: p.seed });
      this.#sentVersion = '';
      this.#sent = null;
      return { view: this.#view(), clusterProblems: this.#session.clusterProblems } satisfies Calls['init']['result'];
    }
    if (type === 'schemas') return { schemas: editorSchemas() } satisfies Calls['schemas']['result'];
    const s = this.#session;
    if (!s) throw new Error('the simulator has not been started (init first)');
    switch (type) {
      case 'run': {
        const p = req.params as Calls['run']['params'];
        s.setFiles(p.files);
        const line = s.run(p.line);
        return { line, view: this.#view() } satisfies Calls['run']['result'];
      }
      case 'apply': {
        const p = req.params as Calls['apply']['params'];
        const apply = s.apply(p.files);
        return { apply, view: this.#view() } satisfies Calls['apply']['result'];
      }
      case 'frame': {
        const p = req.params as Calls['frame']['params'];
        const time = s.advance(p.simMs);
        return { time, view: this.#view(time.streams) } satisfies Calls['frame']['result'];
      }
      case 'step': {
        const time = s.step();
        return { time, view: this.#view(time.streams) } satisfies Calls['step']['result'];
      }
      case 'reset':
        s.reset();
        this.#sentVersion = '';
        this.#sent = null;
        return { view: this.#view() } satisfies Calls['reset']['result'];
      case 'stopStream': {
        const p = req.params as Calls['stopStream']['params'];
        const chunk = s.stopStream(p.streamId);
        return { chunk, view: this.#view() } satisfies Calls['stopStream']['result'];
      }
      case 'complete': {
        const p = req.params as Calls['complete']['params'];
        s.setFiles(p.files);
        return s.complete(p.line, p.cursor) satisfies Calls['complete']['result'];
      }
      case 'describeKey': {
        const p = req.params as Calls['describeKey']['params'];
        return describeKey(s, p.key) satisfies Calls['describeKey']['result'];
      }
    }
  }

  #view(streams?: StreamChunk[]): SessionView {
    const s = this.#session!;
    const polled = streams ?? s.pollStreams();
    const version = `${s.changeCount}@${s.now()}`;
    const view: SessionView = { now: s.now(), startMs: s.startMs, halted: s.halted, streams: polled, running: s.runningStreams() };
    if (version !== this.#sentVersion) {
      const snapshot = s.snapshot();
      view.picture = diffSnapshot(this.#sent, snapshot);
      this.#sent = snapshot;
      this.#sentVersion = version;
    }
    return view;
  }
}

/** The YAML of the object a selection key names, as `kubectl get … -o yaml` prints it. */
export function describeKey(s: SandboxSession, key: string): { found: boolean; yaml: string } {
  // A training job's role group (`TFJob/<ns>/<job>#Worker`) shows its job.
  const parts = key.split('#')[0]!.split('/');
  if (parts.length !== 3) return { found: false, yaml: '' };
  const [kind, namespace, name] = parts as [string, string, string];
  const entry = kindNamed(kind);
  if (!entry || !name) return { found: false, yaml: '' };
  const ns = entry.namespaced ? ` -n ${namespace || 'default'}` : '';
  const r = s.run(`kubectl get ${entry.resource} ${name}${ns} -o yaml`);
  return r.exitCode === 0 ? { found: true, yaml: r.stdout } : { found: false, yaml: r.stderr };
}
