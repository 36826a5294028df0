// What `workload-lab simulate` reports (../shared/notes/cli.md): the `--json` object
// `{start, end, objects, events, commands, watch?}`, and the same report as a short human summary.
// Objects and events are printed as `kubectl get -o json` prints items: encoding/json of unstructured maps,
// i.e. with every object's keys in sorted order. That also makes the output byte-stable.
import { rfc3339 } from '../clock/time-format.ts';
import type { WatchEventType } from '../api/api-server.ts';
import type { EventObject } from '../api/kinds.ts';
import type { KubeObject } from '../api/objects.ts';
import { formatGoDuration } from '../node/go-duration-string.ts';
import type { Simulation } from './simulation.ts';
import type { FastForwardReport } from './fast-forward/fast-forward.ts';

export interface CommandRecord {
  /** RFC 3339 time at which the command ran. */
  at: string;
  command: string;
  exitCode: number;
  output: string;
}

export interface WatchRecord {
  time: string;
  type: WatchEventType;
  object: KubeObject;
}

export interface SimulationReport {
  start: string;
  end: string;
  objects: KubeObject[];
  events: EventObject[];
  commands: CommandRecord[];
  watch?: WatchRecord[];
  /** Stretches of a run that repeated itself, skipped rather than simulated (src/engine/sim/fast-forward). */
  fastForward?: { from: string; to: string; hours: number; period: string }[];
}

/** A deep copy with object keys in code-point order (encoding/json of a map). */
export function sortKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map(sortKeys) as T;
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(value).sort(byCodePoint)) {
    const v = (value as Record<string, unknown>)[k];
    if (v !== undefined) out[k] = sortKeys(v);
  }
  return out as T;
}

function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareObjects(a: KubeObject, b: KubeObject): number {
  return byCodePoint(a.kind, b.kind) || byCodePoint(a.metadata.namespace ?? '', b.metadata.namespace ?? '') || byCodePoint(a.metadata.name, b.metadata.name);
}

export interface ReportInput {
  startMs: number;
  commands: CommandRecord[];
  watch?: WatchRecord[];
  /** Event name → creation sequence, so that the event log keeps the order things happened in. */
  eventOrder: Map<string, number>;
  skipped?: FastForwardReport[];
}

/** The report of a simulation at its current time. */
export function collectReport(sim: Simulation, input: ReportInput): SimulationReport {
  const all = sim.api.all();
  const objects = all.filter((o) => o.kind !== 'Event').sort(compareObjects).map(sortKeys);
  const seq = (e: KubeObject) => input.eventOrder.get(`${e.metadata.namespace}/${e.metadata.name}`) ?? -1;
  const events = (all.filter((o) => o.kind === 'Event') as EventObject[])
    .sort((a, b) => seq(a) - seq(b) || byCodePoint(a.firstTimestamp, b.firstTimestamp) || compareObjects(a, b))
    .map(sortKeys);
  const report: SimulationReport = {
    start: rfc3339(input.startMs),
    end: rfc3339(sim.now()),
    objects,
    events,
    commands: input.commands,
  };
  if (input.watch) report.watch = input.watch;
  if (input.skipped?.length) {
    report.fastForward = input.skipped.map((jump) => {
      const span = jump.periods * jump.periodMs;
      return { from: rfc3339(jump.fromMs), to: rfc3339(jump.fromMs + span), hours: span / 3600_000, period: formatGoDuration(jump.periodMs) };
    });
  }
  return report;
}

// ---- the human summary -------------------------------------------------------------------------------------

/** `+1m20s`: time since the start of the simulation. */
function offset(startMs: number, time: string): string {
  return `+${formatGoDuration(Math.max(0, Date.parse(time) - startMs))}`;
}

function ref(kind: string, name: string, namespace: string | undefined): string {
  const r = `${kind.toLowerCase()}/${name}`;
  return namespace && namespace !== 'default' ? `${r} (${namespace})` : r;
}

/** The report as text: the objects at the end as `kubectl get`-style tables, then the timeline. */
export function renderSummary(report: SimulationReport): string {
  const startMs = Date.parse(report.start);
  const out: string[] = [];
  out.push(`Simulated ${report.start} to ${report.end} (${formatGoDuration(Date.parse(report.end) - startMs)})`);
  const skipped = report.fastForward ?? [];
  for (const ff of skipped) out.push(`Fast-forwarded ${ff.hours} hours (${ff.from} to ${ff.to}): the run repeated itself every ${ff.period}.`);
  if (skipped.length) {
    out.push('Those hours were skipped, not simulated one by one; the hours around them ran in full. The end is the same',
      'as without skipping.');
  }
  out.push('');

  out.push(...renderObjects(report.objects), '');

  // The timeline: events by when they first happened, commands where they ran (before the events of the
  // same second, which they usually caused).
  const lines: { at: number; order: number; text: string[] }[] = [];
  report.commands.forEach((c, i) => {
    const text = [`${offset(startMs, c.at)}  $ ${c.command}${c.exitCode !== 0 ? `  (exit code ${c.exitCode})` : ''}`];
    for (const l of c.output.split('\n')) if (l !== '') text.push(`      ${l}`);
    lines.push({ at: Date.parse(c.at), order: i, text });
  });
  report.events.forEach((e, i) => {
    const o = e.involvedObject;
    const repeat = e.count > 1 ? `  (x${e.count}, last ${offset(startMs, e.lastTimestamp)})` : '';
    lines.push({
      at: Date.parse(e.firstTimestamp), order: report.commands.length + i,
      text: [`${offset(startMs, e.firstTimestamp)}  ${e.type}  ${e.reason}  ${ref(o.kind, o.name, o.namespace)}  ${e.message.trim()}${repeat}`],
    });
  });
  lines.sort((a, b) => a.at - b.at || a.order - b.order);
  out.push('Timeline:');
  if (lines.length === 0) out.push('  (none)');
  for (const l of lines) out.push(...l.text.map((t) => `  ${t}`));

  if (report.watch) {
    out.push('', 'Watch:');
    for (const w of report.watch) {
      const m = w.object.metadata;
      out.push(`  ${offset(startMs, w.time)}  ${w.type}  ${ref(w.object.kind, m.name, m.namespace)}  ${statusWord(w.object)}`);
    }
  }
  return out.join('\n') + '\n';
}

function renderObjects(objects: KubeObject[]): string[] {
  if (objects.length === 0) return ['No objects.'];
  const withNamespace = objects.some((o) => o.metadata.namespace !== undefined && o.metadata.namespace !== 'default');
  const out: string[] = [];
  let i = 0;
  while (i < objects.length) {
    const kind = objects[i]!.kind;
    const rows: string[][] = [withNamespace ? ['NAMESPACE', 'NAME', 'STATUS'] : ['NAME', 'STATUS']];
    for (; i < objects.length && objects[i]!.kind === kind; i++) {
      const o = objects[i]!;
      const name = `${kind.toLowerCase()}/${o.metadata.name}`;
      rows.push(withNamespace ? [o.metadata.namespace ?? '', name, statusWord(o)] : [name, statusWord(o)]);
    }
    if (out.length) out.push('');
    out.push(...table(rows));
  }
  return out;
}

/** kubectl's column layout: each column as wide as its widest cell, three spaces apart. */
function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows.map((r) => r.map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c]! + 3))).join(''));
}

// ---- one status word per object --------------------------------------------------------------------------

type Json = Record<string, unknown>;

function rec(v: unknown): Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : {};
}

function arr(v: unknown): Json[] {
  return Array.isArray(v) ? v.map(rec) : [];
}

function num(v: unknown): number {
  return typeof v === 'number' ? v : 0;
}

function conditionTrue(status: Json, type: string): boolean {
  return arr(status.conditions).some((c) => c.type === type && c.status === 'True');
}

/** A short status for the summary: the STATUS column of `kubectl get` where kubectl has one. */
export function statusWord(o: KubeObject): string {
  const spec = rec(o.spec);
  const status = rec(o.status);
  const deleting = o.metadata.deletionTimestamp !== undefined;
  switch (o.kind) {
    case 'Pod':
      return podStatus(o);
    case 'Node': {
      const ready = arr(status.conditions).find((c) => c.type === 'Ready');
      const word = !ready ? 'Unknown' : ready.status === 'True' ? 'Ready' : 'NotReady';
      return spec.unschedulable === true ? `${word},SchedulingDisabled` : word;
    }
    case 'Deployment':
    case 'ReplicaSet': {
      if (deleting) return 'Terminating';
      const desired = typeof spec.replicas === 'number' ? spec.replicas : 1;
      const paused = o.kind === 'Deployment' && spec.paused === true ? ', paused' : '';
      return `${num(status.readyReplicas)}/${desired} ready${paused}`;
    }
    case 'Job': {
      // §4.14: the first that applies.
      if (conditionTrue(status, 'Complete')) return 'Complete';
      if (conditionTrue(status, 'Failed')) return 'Failed';
      if (deleting) return 'Terminating';
      if (conditionTrue(status, 'Suspended')) return 'Suspended';
      if (conditionTrue(status, 'FailureTarget')) return 'FailureTarget';
      if (conditionTrue(status, 'SuccessCriteriaMet')) return 'SuccessCriteriaMet';
      return 'Running';
    }
    case 'CronJob':
      if (deleting) return 'Terminating';
      if (spec.suspend === true) return 'Suspended';
      return arr(status.active).length > 0 ? `Active (${arr(status.active).length})` : 'Scheduled';
    case 'TFJob':
    case 'PyTorchJob': {
      if (deleting) return 'Terminating';
      // kubectl's STATE column for these CRDs: the type of the last condition.
      const conditions = arr(status.conditions);
      const last = conditions[conditions.length - 1];
      return typeof last?.type === 'string' ? last.type : '-';
    }
    case 'Namespace':
      return typeof status.phase === 'string' ? status.phase : 'Active';
    default:
      return deleting ? 'Terminating' : '-';
  }
}

/** The STATUS column of `kubectl get pods` (reference §1.6, printPod). */
function podStatus(pod: KubeObject): string {
  const status = rec(pod.status);
  let reason = typeof status.phase === 'string' ? status.phase : 'Pending';
  if (typeof status.reason === 'string' && status.reason !== '') reason = status.reason;
  const scheduled = arr(status.conditions).find((c) => c.type === 'PodScheduled');
  if (scheduled?.reason === 'SchedulingGated') reason = 'SchedulingGated';

  const initSpecs = arr(rec(pod.spec).initContainers);
  const initStatuses = arr(status.initContainerStatuses);
  let initializing = false;
  for (let i = 0; i < initStatuses.length; i++) {
    const cs = initStatuses[i]!;
    const state = rec(cs.state);
    const terminated = rec(state.terminated);
    const waiting = rec(state.waiting);
    const sidecar = initSpecs.find((c) => c.name === cs.name)?.restartPolicy === 'Always';
    if ('exitCode' in terminated && num(terminated.exitCode) === 0) continue;
    if (sidecar && cs.started === true) continue;
    if ('exitCode' in terminated) {
      reason = typeof terminated.reason === 'string' && terminated.reason !== ''
        ? `Init:${terminated.reason}`
        : num(terminated.signal) !== 0 ? `Init:Signal:${num(terminated.signal)}` : `Init:ExitCode:${num(terminated.exitCode)}`;
    } else if (typeof waiting.reason === 'string' && waiting.reason !== '' && waiting.reason !== 'PodInitializing') {
      reason = `Init:${waiting.reason}`;
    } else {
      reason = `Init:${i}/${initSpecs.length}`;
    }
    initializing = true;
    break;
  }

  if (!initializing || conditionTrue(status, 'Initialized')) {
    let hasRunning = false;
    const statuses = arr(status.containerStatuses);
    for (let i = statuses.length - 1; i >= 0; i--) {
      const state = rec(statuses[i]!.state);
      const waiting = rec(state.waiting);
      const terminated = rec(state.terminated);
      if (typeof waiting.reason === 'string' && waiting.reason !== '') reason = waiting.reason;
      else if (typeof terminated.reason === 'string' && terminated.reason !== '') reason = terminated.reason;
      else if ('exitCode' in terminated) {
        reason = num(terminated.signal) !== 0 ? `Signal:${num(terminated.signal)}` : `ExitCode:${num(terminated.exitCode)}`;
      } else if ('running' in state && statuses[i]!.ready === true) hasRunning = true;
    }
    if (reason === 'Completed' && hasRunning) reason = conditionTrue(status, 'Ready') ? 'Running' : 'NotReady';
  }

  if (pod.metadata.deletionTimestamp !== undefined) {
    if (status.reason === 'NodeLost') reason = 'Unknown';
    else if (status.phase !== 'Succeeded' && status.phase !== 'Failed') reason = 'Terminating';
  }
  return reason;
}
