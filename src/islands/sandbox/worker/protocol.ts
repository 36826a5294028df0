// The messages between a sandbox and its simulator Web Worker. Every request carries an id and gets exactly one
// response with that id. Time only moves when the page asks (a `frame` per animation frame while playing, a
// `step`, an `advance`), and the page never has more than one frame in flight, so snapshots arrive at most once
// per animation frame and a slow simulation slows the picture down instead of flooding the page.
// Pure types and checks: no DOM, no worker globals (unit-tested in Node).
import type {
  ApplyResult,
  Completion,
  FileProblem,
  LineResult,
  PictureSnapshot,
  SandboxFile,
  SessionError,
  StreamChunk,
  TimeResult,
} from '../../../engine/sandbox/session.ts';
import type { EditorSchema } from '../../../engine/sandbox/editor-schemas.ts';
import type { SnapshotPatch } from './snapshot-patch.ts';

export type { ApplyResult, Completion, FileProblem, LineResult, PictureSnapshot, SandboxFile, SessionError, StreamChunk, TimeResult, EditorSchema };

/** What the page shows of the simulation after a request. */
export interface SessionView {
  now: number;
  startMs: number;
  /**
   * The picture as a patch on the one the page holds (./snapshot-patch.ts); omitted when nothing changed since
   * the previous view.
   */
  picture?: SnapshotPatch;
  halted: SessionError | null;
  /** Output of running streams (`get -w`) since the previous view. */
  streams: StreamChunk[];
  /** Streams still running after this view. */
  running: number[];
}

export interface Calls {
  init: { params: { files: SandboxFile[]; cluster?: string; seed?: number }; result: { view: SessionView; clusterProblems: string[] } };
  run: { params: { line: string; files: SandboxFile[] }; result: { line: LineResult; view: SessionView } };
  apply: { params: { files: SandboxFile[] }; result: { apply: ApplyResult; view: SessionView } };
  /** Advance by `simMs` of simulated time (play: wall time since the last frame × speed). */
  frame: { params: { simMs: number }; result: { time: TimeResult; view: SessionView } };
  step: { params: Record<string, never>; result: { time: TimeResult; view: SessionView } };
  reset: { params: Record<string, never>; result: { view: SessionView } };
  stopStream: { params: { streamId: number }; result: { chunk: StreamChunk; view: SessionView } };
  complete: { params: { line: string; cursor: number; files: SandboxFile[] }; result: Completion };
  /** `kubectl get <kind> <name> -n <ns> -o yaml` of a selection key `<Kind>/<namespace>/<name>`. */
  describeKey: { params: { key: string }; result: { found: boolean; yaml: string } };
  schemas: { params: Record<string, never>; result: { schemas: EditorSchema[] } };
}

export type CallType = keyof Calls;
export type Params<K extends CallType> = Calls[K]['params'];
export type Result<K extends CallType> = Calls[K]['result'];

export interface Request<K extends CallType = CallType> {
  kind: 'request';
  id: number;
  type: K;
  params: Params<K>;
}

export type Response =
  | { kind: 'response'; id: number; ok: true; result: unknown }
  | { kind: 'response'; id: number; ok: false; error: string };

/** The worker hit an error it could not answer as a response (an uncaught exception). */
export interface Fatal {
  kind: 'fatal';
  message: string;
}

export type WorkerMessage = Response | Fatal;

export const CALL_TYPES: readonly CallType[] = ['init', 'run', 'apply', 'frame', 'step', 'reset', 'stopStream', 'complete', 'describeKey', 'schemas'];

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function isFiles(x: unknown): x is SandboxFile[] {
  return Array.isArray(x) && x.every((f) => isRecord(f) && typeof f.name === 'string' && typeof f.text === 'string');
}

/** Whether `params` has the shape `type` needs (the worker checks every request before acting on it). */
function paramsFit(type: CallType, p: Record<string, unknown>): boolean {
  switch (type) {
    case 'init':
      return isFiles(p.files) && (p.cluster === undefined || typeof p.cluster === 'string') && (p.seed === undefined || Number.isInteger(p.seed));
    case 'run':
      return typeof p.line === 'string' && isFiles(p.files);
    case 'apply':
      return isFiles(p.files);
    case 'frame':
      return typeof p.simMs === 'number' && Number.isFinite(p.simMs) && p.simMs >= 0;
    case 'stopStream':
      return Number.isInteger(p.streamId);
    case 'complete':
      return typeof p.line === 'string' && Number.isInteger(p.cursor) && isFiles(p.files);
    case 'describeKey':
      return typeof p.key === 'string';
    case 'step':
    case 'reset':
    case 'schemas':
      return true;
  }
}

export function isRequest(x: unknown): x is Request {
  return isRecord(x) && x.kind === 'request' && Number.isInteger(x.id) && typeof x.type === 'string'
    && (CALL_TYPES as readonly string[]).includes(x.type) && isRecord(x.params) && paramsFit(x.type as CallType, x.params);
}

export function isWorkerMessage(x: unknown): x is WorkerMessage {
  if (!isRecord(x)) return false;
  if (x.kind === 'fatal') return typeof x.message === 'string';
  if (x.kind !== 'response' || !Number.isInteger(x.id) || typeof x.ok !== 'boolean') return false;
  return x.ok ? 'result' in x : typeof x.error === 'string';
}

/** The id a malformed request carried, if any, so the worker can still answer it. */
export function requestIdOf(x: unknown): number | null {
  return isRecord(x) && Number.isInteger(x.id) ? (x.id as number) : null;
}

/** Speeds the time controls offer (simulated seconds per wall second). */
export const SPEEDS = [1, 2, 5, 10, 30, 60, 120] as const;
/** A frame never advances more than this much wall time (a background tab, a slow frame). */
export const MAX_FRAME_WALL_MS = 100;

/** Simulated ms one frame advances: wall time since the previous frame (capped) × speed. */
export function frameSimMs(wallMs: number, speed: number): number {
  return Math.round(Math.min(Math.max(wallMs, 0), MAX_FRAME_WALL_MS) * speed);
}
