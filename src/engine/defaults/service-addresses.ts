// Cluster IPs and node ports for a new Service, as the service REST storage allocates them
// (pkg/registry/core/service/storage/alloc.go `allocClusterIPs`, `allocNodePorts`; the allocators of
// pkg/registry/core/service/ipallocator and portallocator) on a kubeadm-style cluster:
//  * service CIDR 10.96.0.0/12 (kubeadm's default `serviceSubnet`); the network and broadcast addresses are
//    not usable; 10.96.0.1 (the `kubernetes` Service) and 10.96.0.10 (kube-dns) are taken;
//  * a dynamic address is drawn at random from above the range's static band (the first
//    min(max(16, size/16), 256) addresses, kept for addresses users ask for), so it looks like 10.101.17.204;
//  * NodePorts 30000-32767, dynamic ones above the static band of min(max(16, size/32), 128) ports;
//  * a requested address or port is checked: outside the range is `the provided IP (x) is not in the valid
//    range. The range of valid IPs is 10.96.0.0/12` / `provided port is not in the valid range. The range of
//    valid ports is 30000-32767`, taken is `provided IP is already allocated` / `provided port is already
//    allocated` (the allocators' error texts, wrapped as the storage does).
// The "random" draws here are a function of the Service's uid (itself from the simulation's SeededRandom),
// so a run is reproducible and a replace of the same Service draws the same addresses; a pool of the
// addresses other Services hold steers the draw away from them.
import { invalid, type FieldError } from '../validate/field.ts';
import { isObj, list, obj, str, type Obj } from '../validate/rules/access.ts';

/** What other Services already hold. Both default to "nothing". */
export interface ServiceAddressPool {
  clusterIPInUse?(ip: string): boolean;
  nodePortInUse?(port: number): boolean;
}

export const SERVICE_CIDR = '10.96.0.0/12';
const CIDR_BASE = (10 << 24) + (96 << 16);
const CIDR_SIZE = 2 ** 20;
/** Usable offsets run from 1 (10.96.0.1) to size-2; the dynamic ones start after the static band. */
const IP_STATIC_BAND = Math.min(Math.max(16, CIDR_SIZE / 16), 256);
const RESERVED_IPS = new Set(['10.96.0.1', '10.96.0.10']);

export const NODE_PORT_MIN = 30000;
export const NODE_PORT_MAX = 32767;
const PORT_RANGE_SIZE = NODE_PORT_MAX - NODE_PORT_MIN + 1;
const PORT_STATIC_BAND = Math.min(Math.max(16, Math.floor(PORT_RANGE_SIZE / 32)), 128);

/** FNV-1a, 32 bits: a stable spread of the uid over the ranges. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

function ipFromInt(n: number): string {
  return [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

function ipToInt(ip: string): number | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(ip);
  if (!m) return null;
  const parts = m.slice(1).map(Number);
  if (parts.some((p) => p > 255)) return null;
  return ((parts[0]! << 24) >>> 0) + (parts[1]! << 16) + (parts[2]! << 8) + parts[3]!;
}

function ipTaken(ip: string, pool: ServiceAddressPool): boolean {
  return RESERVED_IPS.has(ip) || (pool.clusterIPInUse?.(ip) ?? false);
}

function nextClusterIP(uid: string, pool: ServiceAddressPool): string {
  const dynamic = CIDR_SIZE - 2 - IP_STATIC_BAND;
  for (let attempt = 0; ; attempt++) {
    const offset = 1 + IP_STATIC_BAND + (hash(`${uid}/clusterIP/${attempt}`) % dynamic);
    const ip = ipFromInt(CIDR_BASE + offset);
    if (!ipTaken(ip, pool)) return ip;
  }
}

/** The text of the ipallocator's refusal of a requested address, or null when it can be had. */
function requestedIPProblem(ip: string, pool: ServiceAddressPool): string | null {
  const n = ipToInt(ip);
  if (n === null || n <= CIDR_BASE || n >= CIDR_BASE + CIDR_SIZE - 1)
    return `the provided IP (${ip}) is not in the valid range. The range of valid IPs is ${SERVICE_CIDR}`;
  return ipTaken(ip, pool) ? 'provided IP is already allocated' : null;
}

function nextNodePort(uid: string, salt: string, pool: ServiceAddressPool, taken: Set<number>): number {
  const dynamic = PORT_RANGE_SIZE - PORT_STATIC_BAND;
  for (let attempt = 0; attempt < PORT_RANGE_SIZE * 4; attempt++) {
    const port = NODE_PORT_MIN + PORT_STATIC_BAND + (hash(`${uid}/${salt}/${attempt}`) % dynamic);
    if (!taken.has(port) && !(pool.nodePortInUse?.(port) ?? false)) return port;
  }
  // Every dynamic port is taken: fall back to a scan of the whole range, as the allocator does.
  for (let port = NODE_PORT_MIN; port <= NODE_PORT_MAX; port++) if (!taken.has(port) && !(pool.nodePortInUse?.(port) ?? false)) return port;
  return 0;
}

function requestedPortProblem(port: number, pool: ServiceAddressPool, taken: Set<number>): string | null {
  if (port < NODE_PORT_MIN || port > NODE_PORT_MAX)
    return `provided port is not in the valid range. The range of valid ports is ${NODE_PORT_MIN}-${NODE_PORT_MAX}`;
  return taken.has(port) || (pool.nodePortInUse?.(port) ?? false) ? 'provided port is already allocated' : null;
}

/**
 * Fills spec.clusterIP/clusterIPs, ports[].nodePort and healthCheckNodePort of a defaulted Service spec (IP
 * families already set), in place. Returns the Invalid errors of a requested address or port.
 */
export function allocateServiceAddresses(spec: Obj, uid: string, pool: ServiceAddressPool): FieldError[] {
  const type = str(spec['type']);
  if (type === 'ExternalName') return [];
  const clusterIPs = list(spec['clusterIPs']).map(str);
  if (clusterIPs[0] !== 'None') {
    const requested = clusterIPs[0] ?? '';
    if (requested === '') {
      const ip = nextClusterIP(uid, pool);
      spec['clusterIPs'] = [ip];
      spec['clusterIP'] = ip;
    } else {
      const problem = requestedIPProblem(requested, pool);
      if (problem) return [invalid(['spec', 'clusterIPs'], clusterIPs, `failed to allocate IP ${requested}: ${problem}`)];
      spec['clusterIP'] = requested;
    }
  }
  const needsNodePorts = type === 'NodePort' || (type === 'LoadBalancer' && spec['allocateLoadBalancerNodePorts'] !== false);
  const taken = new Set<number>();
  const ports = list(spec['ports']);
  // Requested ports first, so that a drawn port never takes one asked for further down the list.
  for (let i = 0; i < ports.length; i++) {
    const p = obj(ports[i]);
    const nodePort = typeof p?.['nodePort'] === 'number' ? p['nodePort'] : 0;
    if (!p || nodePort === 0 || (type !== 'NodePort' && type !== 'LoadBalancer')) continue;
    const problem = requestedPortProblem(nodePort, pool, taken);
    if (problem) return [invalid(['spec', 'ports', i, 'nodePort'], nodePort, problem)];
    taken.add(nodePort);
  }
  if (needsNodePorts) {
    ports.forEach((p, i) => {
      if (!isObj(p) || (typeof p['nodePort'] === 'number' && p['nodePort'] !== 0)) return;
      const port = nextNodePort(uid, `nodePort/${i}`, pool, taken);
      taken.add(port);
      p['nodePort'] = port;
    });
  }
  if (type === 'LoadBalancer' && spec['externalTrafficPolicy'] === 'Local' && !spec['healthCheckNodePort']) {
    spec['healthCheckNodePort'] = nextNodePort(uid, 'healthCheckNodePort', pool, taken);
  }
  return [];
}

/**
 * The pool for an API server's store: the cluster IPs and node ports the given Services hold, leaving out the
 * Service with uid `exceptUid` (the one a replace is about, which keeps its own addresses).
 */
export function serviceAddressPool(services: Iterable<{ metadata: { uid?: string }; spec?: unknown }>, exceptUid?: string): ServiceAddressPool {
  const ips = new Set<string>();
  const ports = new Set<number>();
  for (const s of services) {
    if (exceptUid !== undefined && s.metadata.uid === exceptUid) continue;
    const spec = obj(s.spec) ?? {};
    for (const ip of list(spec['clusterIPs'])) if (typeof ip === 'string' && ip !== 'None') ips.add(ip);
    for (const p of list(spec['ports'])) {
      const n = obj(p)?.['nodePort'];
      if (typeof n === 'number' && n > 0) ports.add(n);
    }
    if (typeof spec['healthCheckNodePort'] === 'number') ports.add(spec['healthCheckNodePort']);
  }
  return { clusterIPInUse: (ip) => ips.has(ip), nodePortInUse: (port) => ports.has(port) };
}
