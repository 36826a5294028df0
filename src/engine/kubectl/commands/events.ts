// `kubectl events [--for TYPE/NAME] [--types=Normal,Warning] [-A] [--no-headers] [-o json|yaml]` as kubectl 1.35
// runs it (kubectl pkg/cmd/events events.go, event_printer.go): the namespace's Events (filtered by the involved
// object's kind, apiVersion and name for --for), sorted by time with Go's sort.Sort (lastTimestamp, or
// eventTime), and printed as LAST SEEN, TYPE, REASON, OBJECT (Kind/name) and MESSAGE with `(xN over AGE)` for
// repeated events. Texts follow tests/golden/kubectl-oracle 12, 13 and tests/golden/kubectl-read-misc.
import type { EventObject } from '../../api/kinds.ts';
import type { Simulation } from '../../sim/simulation.ts';
import type { KubectlResult, KubectlStream } from '../context.ts';
import { apiResourceFor } from '../discovery.ts';
import { goSort } from '../go-sort.ts';
import { ageSince } from '../human-duration.ts';
import { GoMap, printTypedJSON } from '../printers/json.ts';
import { tabwrite } from '../printers/tabwriter.ts';
import { printYAML } from '../printers/yaml.ts';
import { fail, isResult, parseFlags } from './common.ts';

/** Event fields the printer reads that the lab's EventObject type leaves out (events.k8s.io series, MicroTime). */
type Ev = EventObject & { series?: { count: number; lastObservedTime: string } | null; eventTime: string | null };

const isZero = (t: string | null | undefined): boolean => !t || Date.parse(t) <= Date.parse('0001-01-01T00:00:01Z');

/** eventTime(): what SortableEvents compares. */
function sortTime(e: Ev): number {
  if (e.series) return Date.parse(e.series.lastObservedTime);
  if (!isZero(e.lastTimestamp)) return Date.parse(e.lastTimestamp);
  return isZero(e.eventTime) ? Number.NEGATIVE_INFINITY : Date.parse(e.eventTime!);
}

/** getInterval: `25m`, `25m (x2 over 29m)`. */
function interval(e: Ev, nowMs: number): string {
  const since = (t: string | null | undefined) => (isZero(t) ? '<unknown>' : ageSince(t, nowMs));
  const first = isZero(e.eventTime) ? since(e.firstTimestamp) : since(e.eventTime);
  if (e.series) return `${since(e.series.lastObservedTime)} (x${e.series.count} over ${first})`;
  if (e.count > 1) return `${since(e.lastTimestamp)} (x${e.count} over ${first})`;
  return first;
}

const escapeTerminal = (s: string): string => s.replaceAll('\x1b', '^[').replaceAll('\r', '\\r');

const PRINTER_FORMATS = 'go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,kyaml,name,template,templatefile,yaml';

const omitEmpty = <T>(v: T | '' | 0 | null | undefined): T | undefined => (v === '' || v === 0 || v === null || v === undefined ? undefined : v);
const omitEmptyMap = (m: Record<string, unknown> | undefined) => (m && Object.keys(m).length ? new GoMap(m) : undefined);

/** A typed v1 Event in Go struct order, with the omitempty rules of its JSON tags (core/v1 types.go). */
function eventStruct(e: Ev): unknown {
  const m = e.metadata;
  const io = e.involvedObject;
  return {
    kind: 'Event',
    apiVersion: 'v1',
    metadata: {
      name: omitEmpty(m.name),
      generateName: omitEmpty(m.generateName),
      namespace: omitEmpty(m.namespace),
      uid: omitEmpty(m.uid),
      resourceVersion: omitEmpty(m.resourceVersion),
      creationTimestamp: m.creationTimestamp || null,
      labels: omitEmptyMap(m.labels),
      annotations: omitEmptyMap(m.annotations),
    },
    involvedObject: { kind: omitEmpty(io.kind), namespace: omitEmpty(io.namespace), name: omitEmpty(io.name), uid: omitEmpty(io.uid), apiVersion: omitEmpty(io.apiVersion), resourceVersion: omitEmpty(io.resourceVersion), fieldPath: omitEmpty(io.fieldPath) },
    reason: omitEmpty(e.reason),
    message: omitEmpty(e.message),
    source: { component: omitEmpty(e.source?.component), host: omitEmpty(e.source?.host) },
    firstTimestamp: e.firstTimestamp || null,
    lastTimestamp: e.lastTimestamp || null,
    count: omitEmpty(e.count),
    type: omitEmpty(e.type),
    eventTime: e.eventTime || null,
    series: omitEmpty(e.series),
    reportingComponent: e.reportingComponent ?? '',
    reportingInstance: e.reportingInstance ?? '',
  };
}

/** The YAML printer writes the typed object too: a zero eventTime is `null`. */
const withEventTime = (e: Ev): Ev => ({ ...e, eventTime: e.eventTime ?? null });

/** Runs `kubectl events <args>` (the words after `events`). */
export function events(sim: Simulation, args: string[]): KubectlResult {
  const flags = parseFlags(
    args,
    [
      { long: 'all-namespaces', short: 'A', bool: true },
      { long: 'watch', short: 'w', bool: true },
      { long: 'for' },
      { long: 'types' },
      { long: 'no-headers', bool: true },
      { long: 'output', short: 'o' },
      { long: 'chunk-size' },
    ],
    'events',
  );
  if (isResult(flags)) return flags;
  const bool = (name: string) => ['1', 't', 'T', 'true', 'TRUE', 'True'].includes(flags.values.get(name) ?? '');
  const allNamespaces = bool('all-namespaces');
  const output = flags.values.get('output') ?? '';
  if (output !== '' && output !== 'json' && output !== 'yaml' && output !== 'name') {
    if (PRINTER_FORMATS.split(',').some((f) => output === f || output.startsWith(`${f}=`))) {
      return fail(`error: kubectl events -o ${output} is not supported by this simulator yet (supported: the default table, json, yaml)`);
    }
    return fail(`error: unable to match a printer suitable for the output format "${output}", allowed formats are: ${PRINTER_FORMATS}`);
  }

  // --for TYPE/NAME: decodeResourceTypeName, then a field selector on the involved object.
  let forObject: { kind: string; apiVersion: string; name: string } | null = null;
  const forArg = flags.values.get('for') ?? '';
  if (forArg !== '') {
    if (!forArg.includes('/')) return fail('error: --for must be in resource/name form');
    const seg = forArg.split('/');
    if (seg.length !== 2) return fail('error: arguments in resource/name form may not have more than one slash');
    const resource = apiResourceFor(seg[0]!);
    if (!resource) return fail(`the server doesn't have a resource type "${seg[0]!.toLowerCase()}"`);
    forObject = { kind: resource.kind, apiVersion: resource.group ? `${resource.group}/${resource.version}` : resource.version, name: seg[1]! };
  }
  const types = [...new Set((flags.values.get('types') ?? '').split(',').filter((t) => t !== ''))].sort();
  for (const t of types) if (t.toLowerCase() !== 'normal' && t.toLowerCase() !== 'warning') return fail('error: valid --types are Normal or Warning');

  const namespace = flags.namespace;
  const f = forObject;
  const matches = (e: Ev) =>
    (allNamespaces || e.metadata.namespace === namespace) &&
    (!f || (e.involvedObject.kind === f.kind && e.involvedObject.apiVersion === f.apiVersion && e.involvedObject.name === f.name)) &&
    (types.length === 0 || types.some((t) => t.toLowerCase() === String(e.type).toLowerCase()));
  const row = (e: Ev, nowMs: number) => [
    ...(allNamespaces ? [e.metadata.namespace ?? ''] : []),
    interval(e, nowMs),
    escapeTerminal(e.type),
    escapeTerminal(e.reason),
    `${escapeTerminal(e.involvedObject.kind)}/${escapeTerminal(e.involvedObject.name)}`,
    escapeTerminal((e.message ?? '').trim()),
  ];
  const header = [...(allNamespaces ? ['NAMESPACE'] : []), 'LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE'];
  if (bool('watch')) {
    if (output !== '') return fail(`error: kubectl events --watch -o ${output} is not supported by this simulator yet (supported: the default table)`);
    return watchEvents(sim, matches, row, bool('no-headers') ? null : header);
  }

  let list = sim.api.list<Ev>('Event', { namespace: allNamespaces ? undefined : namespace }).filter(matches);
  if (list.length === 0) {
    return { exitCode: 0, stdout: '', stderr: allNamespaces ? 'No events found.\n' : `No events found in ${namespace} namespace.\n` };
  }
  goSort(list, (a, b) => sortTime(a) < sortTime(b));

  // kubectl 1.35 ignores the error its name printer returns for the EventList: nothing is printed (recorded).
  if (output === 'name') return { exitCode: 0, stdout: '', stderr: '' };
  if (output === 'json' || output === 'yaml') {
    if (output === 'yaml') return { exitCode: 0, stdout: printYAML({ apiVersion: 'v1', items: list.map(withEventTime), kind: 'EventList', metadata: {} }), stderr: '' };
    return { exitCode: 0, stdout: printTypedJSON({ kind: 'EventList', apiVersion: 'v1', metadata: {}, items: list.map(eventStruct) }), stderr: '' };
  }
  const nowMs = sim.now();
  const rows: string[][] = bool('no-headers') ? [] : [header];
  for (const e of list) rows.push(row(e, nowMs));
  return { exitCode: 0, stdout: tabwrite(rows), stderr: '' };
}

/**
 * `kubectl events --watch` (events.go runWatch): a watch without a resourceVersion, so every existing event
 * first (in the server's name order, unsorted), then each new or updated one as it happens. kubectl flushes
 * its tabwriter after each event, so only the header and the first event share column widths.
 */
function watchEvents(sim: Simulation, matches: (e: Ev) => boolean, row: (e: Ev, nowMs: number) => string[], header: string[] | null): KubectlResult {
  let pending = header;
  let out = '';
  const print = (e: Ev, at: number) => {
    out += tabwrite(pending ? [pending, row(e, at)] : [row(e, at)]);
    pending = null;
  };
  for (const e of sim.api.list<Ev>('Event').filter(matches)) print(e, sim.now());
  const stdout = out;
  out = '';
  let stopped = false;
  const unwatch = sim.api.watch(['Event'], (ev) => {
    if (ev.type === 'DELETED' || stopped) return; // events expire after an hour; kubectl does not print that
    const e = ev.object as Ev;
    if (matches(e)) print(e, ev.time);
  });
  const stream: KubectlStream = {
    poll() {
      const text = out;
      out = '';
      return text;
    },
    done: () => stopped,
    exitCode: () => 0,
    stop() {
      if (stopped) return;
      stopped = true;
      unwatch();
    },
  };
  return { exitCode: 0, stdout, stderr: '', stream };
}
