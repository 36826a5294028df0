// Resource arithmetic of the scheduler (NodeResourcesFit, LeastAllocated): a pod's effective requests
// (component-helpers resource.PodRequests: regular containers plus sidecars, against the largest init
// container step, plus overhead) and a node's allocatable, held as plain numbers (milli-cpu, bytes, counts).
import type { Container, Node, PodSpec, ResourceList } from '../api/kinds.ts';
import { milliValue, parseQuantityValue, quantityValue } from '../validate/rules/quantity.ts';

export interface Resources {
  milliCPU: number;
  memory: number;
  ephemeralStorage: number;
  /** Extended and other scalar resources (nvidia.com/gpu, hugepages-2Mi …), by name. */
  scalar: Record<string, number>;
}

/** Requests the scheduler assumes for a container that sets none, for scoring only (schedutil.DefaultMilliCPURequest…). */
export const DEFAULT_MILLI_CPU_REQUEST = 100;
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024;

export function emptyResources(): Resources {
  return { milliCPU: 0, memory: 0, ephemeralStorage: 0, scalar: {} };
}

function num(v: unknown, milli: boolean): number {
  if (typeof v !== 'string') return parseNum(v, milli);
  // The scheduler reads the same few texts ('10m', '64Mi') for every pod: each is parsed once.
  const cache = milli ? milliValues : values;
  let n = cache.get(v);
  if (n === undefined) cache.set(v, (n = parseNum(v, milli)));
  return n;
}

const milliValues = new Map<string, number>();
const values = new Map<string, number>();

function parseNum(v: unknown, milli: boolean): number {
  const q = parseQuantityValue(v);
  if (!q.ok) return 0;
  return Number(milli ? milliValue(q.quantity) : quantityValue(q.quantity));
}

export function fromResourceList(list: ResourceList | undefined): Resources {
  const r = emptyResources();
  for (const [name, v] of Object.entries(list ?? {})) {
    if (name === 'cpu') r.milliCPU = num(v, true);
    else if (name === 'memory') r.memory = num(v, false);
    else if (name === 'ephemeral-storage') r.ephemeralStorage = num(v, false);
    else if (name !== 'pods') r.scalar[name] = num(v, false);
  }
  return r;
}

export function addResources(a: Resources, b: Resources): Resources {
  const scalar = { ...a.scalar };
  for (const [k, v] of Object.entries(b.scalar)) scalar[k] = (scalar[k] ?? 0) + v;
  return { milliCPU: a.milliCPU + b.milliCPU, memory: a.memory + b.memory, ephemeralStorage: a.ephemeralStorage + b.ephemeralStorage, scalar };
}

export function subResources(a: Resources, b: Resources): Resources {
  const neg = { milliCPU: -b.milliCPU, memory: -b.memory, ephemeralStorage: -b.ephemeralStorage, scalar: Object.fromEntries(Object.entries(b.scalar).map(([k, v]) => [k, -v])) };
  return addResources(a, neg);
}

function maxResources(a: Resources, b: Resources): Resources {
  const scalar = { ...a.scalar };
  for (const [k, v] of Object.entries(b.scalar)) scalar[k] = Math.max(scalar[k] ?? 0, v);
  return { milliCPU: Math.max(a.milliCPU, b.milliCPU), memory: Math.max(a.memory, b.memory), ephemeralStorage: Math.max(a.ephemeralStorage, b.ephemeralStorage), scalar };
}

function containerRequests(c: Container, nonZero: boolean): Resources {
  const r = fromResourceList(c.resources?.requests);
  if (nonZero) {
    const req = c.resources?.requests ?? {};
    if (req.cpu === undefined) r.milliCPU = DEFAULT_MILLI_CPU_REQUEST;
    if (req.memory === undefined) r.memory = DEFAULT_MEMORY_REQUEST;
  }
  return r;
}

/**
 * resource.PodRequests: sum of regular containers and sidecars; each init container step needs its own
 * request plus the sidecars started before it; the pod needs the larger of the two, plus spec.overhead.
 * `nonZero`: the scoring variant that counts 100m / 200Mi for containers without requests.
 */
export function podRequests(spec: PodSpec | undefined, nonZero = false): Resources {
  let reqs = emptyResources();
  for (const c of spec?.containers ?? []) reqs = addResources(reqs, containerRequests(c, nonZero));
  let sidecars = emptyResources();
  let initMax = emptyResources();
  for (const c of spec?.initContainers ?? []) {
    const r = containerRequests(c, nonZero);
    if (c.restartPolicy === 'Always') {
      reqs = addResources(reqs, r);
      sidecars = addResources(sidecars, r);
      initMax = maxResources(initMax, sidecars);
    } else initMax = maxResources(initMax, addResources(r, sidecars));
  }
  let total = maxResources(reqs, initMax);
  const overhead = (spec as { overhead?: ResourceList } | undefined)?.overhead;
  if (overhead) total = addResources(total, fromResourceList(overhead));
  return total;
}

/** Both variants of podRequests for one spec; shared, never changed. */
export interface PodRequests {
  readonly req: Resources;
  readonly nonZero: Resources;
}

export function podRequestsBoth(spec: PodSpec | undefined): PodRequests {
  return { req: podRequests(spec), nonZero: podRequests(spec, true) };
}

export interface Allocatable extends Resources {
  pods: number;
}

export function nodeAllocatable(node: Node): Allocatable {
  const list = node.status?.allocatable ?? node.status?.capacity ?? {};
  const r = fromResourceList(list);
  return { ...r, pods: list.pods !== undefined ? num(list.pods, false) : 110 };
}
