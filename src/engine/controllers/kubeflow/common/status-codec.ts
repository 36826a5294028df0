// JobStatus between the stored object and the controller's memory. Written as the API server stores a custom
// resource: zero counts and empty fields left out (the Go struct's omitempty), keys in alphabetical order (the
// server keeps custom resources as unstructured JSON, whose maps encode sorted).
import { compareStrings } from '../../../api/api-server.ts';
import type { JsonObject } from '../../../api/objects.ts';
import type { JobCondition, JobStatus, ReplicaStatus } from './types.ts';

const num = (v: unknown): number => (typeof v === 'number' ? v : 0);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

export function readStatus(raw: JsonObject | undefined): JobStatus {
  const s = raw ?? {};
  const conditions = Array.isArray(s.conditions) ? (s.conditions as JobCondition[]).map((c) => ({ ...c })) : [];
  const replicaStatuses = new Map<string, ReplicaStatus>();
  const rs = s.replicaStatuses;
  if (rs && typeof rs === 'object' && !Array.isArray(rs)) {
    for (const [type, v] of Object.entries(rs as Record<string, JsonObject | null>)) {
      const r = v ?? {};
      replicaStatuses.set(type, { active: num(r.active), succeeded: num(r.succeeded), failed: num(r.failed), ...(str(r.selector) ? { selector: str(r.selector) } : {}) });
    }
  }
  return {
    conditions,
    replicaStatuses,
    ...(str(s.startTime) ? { startTime: str(s.startTime) } : {}),
    ...(str(s.completionTime) ? { completionTime: str(s.completionTime) } : {}),
    ...(str(s.lastReconcileTime) ? { lastReconcileTime: str(s.lastReconcileTime) } : {}),
  };
}

function sortedObject(entries: Array<[string, unknown]>): JsonObject {
  const out: JsonObject = {};
  for (const [k, v] of entries.filter(([, v]) => v !== undefined).sort(([a], [b]) => compareStrings(a, b))) out[k] = v;
  return out;
}

function writeCondition(c: JobCondition): JsonObject {
  return sortedObject([
    ['type', c.type],
    ['status', c.status],
    ['reason', c.reason || undefined],
    ['message', c.message || undefined],
    ['lastUpdateTime', c.lastUpdateTime],
    ['lastTransitionTime', c.lastTransitionTime],
  ]);
}

function writeReplicaStatus(r: ReplicaStatus): JsonObject {
  return sortedObject([
    ['active', r.active || undefined],
    ['succeeded', r.succeeded || undefined],
    ['failed', r.failed || undefined],
    ['selector', r.selector || undefined],
  ]);
}

export function writeStatus(s: JobStatus): JsonObject {
  const replicaStatuses = s.replicaStatuses.size ? sortedObject([...s.replicaStatuses].map(([t, r]) => [t, writeReplicaStatus(r)])) : undefined;
  return sortedObject([
    ['conditions', s.conditions.length ? s.conditions.map(writeCondition) : undefined],
    ['replicaStatuses', replicaStatuses],
    ['startTime', s.startTime],
    ['completionTime', s.completionTime],
    ['lastReconcileTime', s.lastReconcileTime],
  ]);
}

export function cloneStatus(s: JobStatus): JobStatus {
  return readStatus(writeStatus(s));
}
