// Loads the kubectl-oracle demo store (/work/shared/tools/kubectl-oracle/demo/store.yaml) the way the
// oracle's fake API server served it when the recordings were made (tool README, lib/store.mjs): every
// RFC 3339 timestamp shifted so that the store's `now` was the recording's real time; events named
// `<object>.<hex UnixNano of firstTimestamp + index>` and given the involved object's uid. The result is a
// read-only `get`/`list` view shaped like the ApiServer's (lists sorted by namespace and name), so the
// objects keep their recorded uids and creation times (ApiServer.createInternal would assign new ones).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { LabelSelector } from '../../../../src/engine/api/kinds.ts';
import type { KubeObject } from '../../../../src/engine/api/objects.ts';
import type { DescribeSource } from '../../../../src/engine/kubectl/describe/index.ts';
import { labelSelectorAsSelector, selectorMatches } from '../../../../src/engine/validate/rules/meta.ts';

export const ORACLE = join(import.meta.dirname, '../../../golden/kubectl-oracle');

/**
 * Clock of the recordings. The oracle shifted the store once at load so that `now` was the load instant
 * (milliseconds dropped: store timestamps are whole seconds). Its per-request `retime` then adds the
 * elapsed milliseconds and drops them again, so between whole seconds the served timestamps stand still
 * while kubectl's own clock runs on: ages in a recording are the store's ages plus the wall time elapsed
 * since load (4 to 5 s by recordings 19–24; recording 20 shows an event at 19m59s as `20m`). `nowMs` for a
 * recording is therefore the shifted `now` plus the runner's cumulative command time up to that command's
 * end (summary.json `ms`).
 *
 * The recordings print the Deployment's creationTimestamp (store: 2026-03-01T11:00:00Z) as
 * `Sun, 29 Nov 2026 10:47:08 +0000` (recording 21), so the shift was this many ms (whole seconds; the
 * sub-second part never shows in describe output).
 */
export const SHIFT_MS = Date.parse('2026-11-29T10:47:08Z') - Date.parse('2026-03-01T11:00:00Z');

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

function shift(v: unknown): unknown {
  if (typeof v === 'string' && RFC3339.test(v)) {
    const frac = /\.(\d+)Z$/.exec(v)?.[1];
    const t = new Date(Date.parse(v) + SHIFT_MS).toISOString().slice(0, 19);
    return frac ? `${t}.${frac}Z` : `${t}Z`;
  }
  if (Array.isArray(v)) return v.map(shift);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, shift(x)]));
  return v;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function loadOracleStore(): { api: DescribeSource; shiftedNowMs: number } {
  const doc = parse(readFileSync(`${ORACLE}/store.yaml`, 'utf8'), { maxAliasCount: -1 }) as { now: string; objects: KubeObject[]; events: KubeObject[] };
  const objects = (shift(doc.objects) as KubeObject[]).filter((o) => o.metadata);
  // The oracle numbers objects and events together when naming events (lib/store.mjs completeEvent).
  const events = (shift(doc.events) as Record<string, unknown>[]).map((e, i) => {
    const index = doc.objects.length + i;
    const io = e.involvedObject as { kind: string; name: string; namespace?: string; uid?: string };
    const t = Date.parse(String(e.firstTimestamp));
    const target = objects.find((o) => o.kind === io.kind && o.metadata.name === io.name && (o.metadata.namespace ?? '') === (io.namespace ?? ''));
    if (target) io.uid = target.metadata.uid;
    return {
      apiVersion: 'v1',
      kind: 'Event',
      ...e,
      metadata: { name: `${io.name}.${(BigInt(t) * 1000000n + BigInt(index)).toString(16)}`, namespace: io.namespace || 'default', uid: '', creationTimestamp: new Date(t).toISOString() },
    } as unknown as KubeObject;
  });
  const all = [...objects, ...events];
  const clone = <T>(o: T): T => JSON.parse(JSON.stringify(o)) as T;
  const api = {
    get<T extends KubeObject = KubeObject>(kind: string, namespace: string | undefined, name: string): T | undefined {
      const o = all.find((x) => x.kind === kind && x.metadata.name === name && (x.metadata.namespace === undefined || x.metadata.namespace === namespace));
      return o ? (clone(o) as T) : undefined;
    },
    list<T extends KubeObject = KubeObject>(kind: string, opts: { namespace?: string; selector?: LabelSelector } = {}): T[] {
      const sel = opts.selector ? labelSelectorAsSelector(opts.selector) : null;
      return all
        .filter((o) => o.kind === kind && (opts.namespace === undefined || o.metadata.namespace === opts.namespace))
        .filter((o) => !sel || selectorMatches(sel, o.metadata.labels ?? {}))
        .map((o) => clone(o) as T)
        .sort((a, b) => cmp(a.metadata.namespace ?? '', b.metadata.namespace ?? '') || cmp(a.metadata.name, b.metadata.name));
    },
  } as DescribeSource;
  return { api, shiftedNowMs: Date.parse(doc.now) + SHIFT_MS };
}

/** One recording: the command's words after `describe`, and what kubectl 1.35.2 printed. */
export function recording(dir: string): { args: string[]; stdout: string; stderr: string; exitCode: number; elapsedMs: number } {
  const base = `${ORACLE}/recorded/${dir}`;
  const summary = JSON.parse(readFileSync(`${ORACLE}/recorded/summary.json`, 'utf8')) as { commands: { dir: string; ms: number }[] };
  const upTo = summary.commands.findIndex((c) => c.dir === dir);
  const elapsedMs = summary.commands.slice(0, upTo + 1).reduce((sum, c) => sum + c.ms, 0);
  const command = readFileSync(`${base}/command.txt`, 'utf8').trim();
  const words = command.split(/\s+/);
  return {
    args: words.slice(words.indexOf('describe') + 1),
    stdout: readFileSync(`${base}/stdout.txt`, 'utf8'),
    stderr: readFileSync(`${base}/stderr.txt`, 'utf8'),
    exitCode: Number(readFileSync(`${base}/exit-code.txt`, 'utf8').trim()),
    elapsedMs,
  };
}
