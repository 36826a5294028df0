// `workload-lab simulate` without the terminal (../shared/notes/cli.md): read and validate every file, build the
// cluster (v1 Node documents, else the default cluster), apply every other document in file order at the start
// time as `kubectl apply -f` would, run the clock to the end while executing the `--at` commands at their
// times, and report. Pure engine code: the CLI and the browser both call this.
import type { Node } from '../api/kinds.ts';
import type { ApiError } from '../api/api-error.ts';
import { rfc3339 } from '../clock/time-format.ts';
import { validateManifests, type ManifestProblem } from '../validate/validate-manifests.ts';
import { readManifests } from '../yaml/index.ts';
import { KINDS } from '../schema/index.ts';
import { runCommand } from './commands.ts';
import { defaultControllers } from './default-controllers.ts';
import { collectReport, sortKeys, type CommandRecord, type SimulationReport, type WatchRecord } from './report.ts';
import { DEFAULT_START_MS, Simulation } from './simulation.ts';
import type { FastForwardReport } from './fast-forward/fast-forward.ts';
import type { Controller } from '../controllers/runtime.ts';

export { DEFAULT_UNTIL_MS, DONE_CAP_MS } from './run-limits.ts';
import { DONE_CAP_MS, DEFAULT_UNTIL_MS } from './run-limits.ts';

export interface SimulationInput {
  files: { name: string; text: string }[];
  /** Start of the virtual clock, ms since the epoch (default 2026-01-01T00:00:00Z). */
  start?: number;
  seed?: number;
  /** Simulated duration in ms, or 'done'. */
  until?: number | 'done';
  /** Commands to run at `offsetMs` after the start, in the order given for equal times. */
  at?: { offsetMs: number; command: string }[];
  /** Record every change (`watch` in the report). */
  watch?: boolean;
  /** The control loops; default: defaultControllers(). For tests that need a particular set. */
  controllers?: Controller[];
  /** The work cap (Simulation's default when absent). */
  maxTasks?: number;
  /** Skip repeating periods when nothing reads every change (src/engine/sim/fast-forward); default true. */
  fastForward?: boolean;
  /** Deep-freeze stored objects (Simulation's default when absent: under test only). */
  freezeStored?: boolean;
}

/** A problem with an input file, as `workload-lab validate --json` reports it. */
export interface InputProblem extends ManifestProblem {
  file: string;
}

export type SimulationOutcome = SimulationReport | { errors: InputProblem[] };

interface Pending {
  file: string;
  text: string;
  document: number;
  value: Record<string, unknown>;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Runs a simulation. Input problems are returned, not thrown; a simulation that goes past its work cap throws
 * WorkCapExceeded (src/engine/clock/virtual-clock.ts).
 */
export function runSimulation(input: SimulationInput): SimulationOutcome {
  const errors: InputProblem[] = [];
  const nodes: Node[] = [];
  const toApply: Pending[] = [];
  for (const file of input.files) {
    const check = validateManifests(file.text);
    errors.push(...check.problems.map((p) => ({ file: file.name, ...p })));
    for (const doc of check.documents) {
      if (!isObject(doc.value) || doc.problems.length > 0) continue;
      if (doc.value.apiVersion === 'v1' && doc.value.kind === 'Node') addNode(nodes, doc.value as unknown as Node);
      else toApply.push({ file: file.name, text: file.text, document: doc.document, value: doc.value });
    }
  }
  if (errors.length > 0) return { errors };

  const startMs = input.start ?? DEFAULT_START_MS;
  const sim = new Simulation({ startMs, seed: input.seed, nodes, controllers: input.controllers ?? defaultControllers(), maxTasks: input.maxTasks, freezeStored: input.freezeStored });

  // Subscriptions before the first apply: the creation order of events, and with --watch every other change.
  const eventOrder = new Map<string, number>();
  sim.api.watch(['Event'], (e) => {
    if (e.type === 'ADDED') eventOrder.set(`${e.object.metadata.namespace}/${e.object.metadata.name}`, eventOrder.size);
  });
  let watch: WatchRecord[] | undefined;
  if (input.watch) {
    const records: WatchRecord[] = (watch = []);
    sim.api.watch(KINDS.map((k) => k.kind).filter((k) => k !== 'Event'), (e) => {
      records.push({ time: rfc3339(e.time), type: e.type, object: sortKeys(e.object) });
    });
  }

  for (const doc of toApply) {
    const r = sim.apply(doc.value);
    if (r.error) errors.push(applyProblem(doc, r.error));
  }
  if (errors.length > 0) return { errors };

  const endMs = input.until === 'done' ? startMs + DONE_CAP_MS : startMs + (input.until ?? DEFAULT_UNTIL_MS);
  const commands: CommandRecord[] = [];
  const at = [...(input.at ?? [])].map((c, i) => ({ ...c, i })).sort((a, b) => a.offsetMs - b.offsetMs || a.i - b.i);
  // `kubectl apply -f NAME` in an --at command reads the input files by the names they were given.
  const files = new Map(input.files.map((f) => [f.name, f.text]));
  // Commands that keep printing while time passes (`rollout status`, `get -w`): their later output joins
  // their record, up to the end of the run.
  const streaming: { record: CommandRecord; stream: NonNullable<ReturnType<typeof runCommand>['stream']> }[] = [];
  for (const c of at) {
    const when = startMs + c.offsetMs;
    if (c.offsetMs < 0 || when > endMs) continue;
    // anchored: a fast-forward stops before a command and never moves it
    sim.clock.at(when, `command ${c.command}`, () => {
      const result = runCommand(sim, c.command, files);
      const record: CommandRecord = { at: rfc3339(sim.now()), command: c.command, exitCode: result.exitCode, output: result.output };
      commands.push(record);
      if (result.stream) streaming.push({ record, stream: result.stream });
    }, { anchored: true });
  }

  // Whole repeating periods may be skipped when nothing reads every change on the way (no --watch; commands are
  // run where they fall, and one that keeps watching, like `get -w`, ends the skipping).
  let skipped: FastForwardReport[] = [];
  if (input.until === 'done') sim.runUntilIdle(DONE_CAP_MS);
  else skipped = sim.runUntil(endMs, { fastForward: input.fastForward !== false && !input.watch });
  for (const { record, stream } of streaming) {
    const later = `${stream.poll()}${stream.pollStderr?.() ?? ''}`.replace(/\n$/, '');
    if (later) record.output = record.output ? `${record.output}\n${later}` : later;
    if (stream.done()) record.exitCode = stream.exitCode();
    stream.stop();
  }

  return collectReport(sim, { startMs, commands, watch, eventOrder, skipped });
}

/** A Node applied twice is one node: the later document wins, as a second `kubectl apply` would update it. */
function addNode(nodes: Node[], node: Node): void {
  const i = nodes.findIndex((n) => n.metadata?.name === node.metadata?.name);
  if (i >= 0 && node.metadata?.name) nodes[i] = node;
  else nodes.push(node);
}

/**
 * An apply the API server refused although validation passed (it checks the same rules, so this is rare):
 * reported at the document's `kind:` line, in kubectl's words.
 */
function applyProblem(doc: Pending, error: ApiError): InputProblem {
  const read = readManifests(doc.text).documents.find((d) => d.index === doc.document);
  const at = read?.locate(['kind']);
  const pos = at ? (at.key ?? at.value) : { line: read?.startLine ?? 1, column: 1 };
  const meta = isObject(doc.value.metadata) ? doc.value.metadata : {};
  const cause = error.details?.causes?.[0];
  return {
    file: doc.file,
    document: doc.document,
    kind: typeof doc.value.kind === 'string' ? doc.value.kind : null,
    name: typeof meta.name === 'string' ? meta.name : null,
    field: cause?.field ?? null,
    type: cause?.type ?? 'FieldValueInvalid',
    message: `Error from server (${error.reason}): ${error.message}`,
    line: pos.line,
    column: pos.column,
  };
}

