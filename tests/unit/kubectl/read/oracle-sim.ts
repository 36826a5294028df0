// The objects of a kubectl-oracle store loaded into a Simulation without controllers, the way the oracle's fake
// API server served them (shared/tools/kubectl-oracle README, lib/store.mjs): timestamps shifted by `shiftMs`,
// objects created at their (shifted) creationTimestamp with their own uids, events given the involved
// object's apiVersion and uid and named
// `<object>.<hex UnixNano of firstTimestamp + index>` in store order. Kinds the lab does not store (Lease,
// EndpointSlice) are left out. resourceVersions and generations are the simulator's own, not the store's.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { Node } from '../../../../src/engine/api/kinds.ts';
import type { KubeObject } from '../../../../src/engine/api/objects.ts';
import { Simulation } from '../../../../src/engine/sim/simulation.ts';

export const GOLDEN = join(import.meta.dirname, '../../../golden');
export const ORACLE_STORE = join(GOLDEN, 'kubectl-oracle/store.yaml');

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

function shift(v: unknown, ms: number): unknown {
  if (typeof v === 'string' && RFC3339.test(v)) {
    const frac = /\.(\d+)Z$/.exec(v)?.[1];
    const t = new Date(Date.parse(v) + ms).toISOString().slice(0, 19);
    return frac ? `${t}.${frac}Z` : `${t}Z`;
  }
  if (Array.isArray(v)) return v.map((x) => shift(x, ms));
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, shift(x, ms)]));
  return v;
}

interface StoreDoc {
  now: string;
  objects: KubeObject[];
  events: Record<string, unknown>[];
  logs?: Record<string, string | Record<string, string>>;
}

export function readStore(file = ORACLE_STORE): StoreDoc {
  const text = readFileSync(file, 'utf8');
  return (file.endsWith('.json') ? JSON.parse(text) : parse(text, { merge: true, maxAliasCount: -1 })) as StoreDoc;
}

/** A Simulation holding the store's objects and events; `nowMs` is the store's (shifted) `now`. */
export function loadOracleSim(opts: { shiftMs?: number; file?: string } = {}): { sim: Simulation; nowMs: number; doc: StoreDoc } {
  const shiftMs = opts.shiftMs ?? 0;
  const doc = readStore(opts.file);
  const objects = (shift(doc.objects, shiftMs) as KubeObject[]).filter((o) => o.metadata);
  const at = (o: KubeObject) => Date.parse(o.metadata.creationTimestamp ?? '');
  const nodes = objects.filter((o) => o.kind === 'Node') as Node[];
  const start = Math.min(...objects.map(at));
  const sim = new Simulation({ startMs: start, nodes });
  const events = (shift(doc.events, shiftMs) as Record<string, unknown>[]).map((e, i) => {
    const io = e.involvedObject as { kind: string; name: string; namespace?: string; uid?: string; apiVersion?: string };
    const t = Date.parse(String(e.firstTimestamp));
    const target = objects.find((o) => o.kind === io.kind && o.metadata.name === io.name && (o.metadata.namespace ?? '') === (io.namespace ?? ''));
    if (target) {
      io.apiVersion ??= target.apiVersion;
      io.uid = target.metadata.uid;
    }
    const name = `${io.name}.${(BigInt(t) * 1000000n + BigInt(doc.objects.length + i)).toString(16)}`;
    return { apiVersion: 'v1', kind: 'Event', ...e, metadata: { name, namespace: io.namespace || 'default', creationTimestamp: new Date(t).toISOString() } } as unknown as KubeObject;
  });
  const rest = [...objects.filter((o) => o.kind !== 'Node'), ...events].sort((a, b) => at(a) - at(b));
  for (const o of rest) {
    sim.runUntil(at(o));
    sim.api.createInternal(o, { uid: o.metadata.uid }); // unknown kinds (Lease, EndpointSlice) are refused
  }
  const nowMs = Date.parse(doc.now) + shiftMs;
  sim.runUntil(nowMs);
  return { sim, nowMs, doc };
}
