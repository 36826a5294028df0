// Table columns of Services, as a 1.35 API server's printService returns them (kubernetes
// pkg/printers/internalversion/printers.go `printService`, `getServiceExternalIP`, `makePortString`,
// `loadBalancerStatusStringer`): NAME TYPE CLUSTER-IP EXTERNAL-IP PORT(S) AGE, and SELECTOR with -o wide.
//  * CLUSTER-IP: the first of spec.clusterIPs (`None` for a headless Service), else `<none>`;
//  * EXTERNAL-IP: ClusterIP/NodePort: spec.externalIPs or `<none>`; LoadBalancer: the ingress IPs/hostnames
//    (cut to 13 characters + `...` beyond 16 without -o wide) then spec.externalIPs, or `<pending>`;
//    ExternalName: spec.externalName; any other type `<unknown>`;
//  * PORT(S): `port/protocol` or `port:nodePort/protocol`, comma-joined, `<none>` without ports;
//  * SELECTOR: the selector's labels sorted, `<none>` when empty.
import type { KubeObject } from '../../api/objects.ts';
import { ageSince } from '../human-duration.ts';
import type { KindColumns } from './columns.ts';

type Obj = Record<string, unknown>;
const rec = (v: unknown): Obj => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});
const strs = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

function loadBalancerIngress(obj: KubeObject, wide: boolean): string {
  const ingress = (rec(rec(obj.status).loadBalancer).ingress as Obj[] | undefined) ?? [];
  const s = ingress.map((i) => (typeof i.ip === 'string' && i.ip ? i.ip : typeof i.hostname === 'string' ? i.hostname : '')).filter((x) => x !== '').join(',');
  return !wide && s.length > 16 ? `${s.slice(0, 13)}...` : s;
}

function externalIP(obj: KubeObject, wide: boolean): string {
  const spec = rec(obj.spec);
  const external = strs(spec.externalIPs);
  switch (spec.type ?? 'ClusterIP') {
    case 'ClusterIP':
    case 'NodePort':
      return external.length ? external.join(',') : '<none>';
    case 'LoadBalancer': {
      const lb = loadBalancerIngress(obj, wide);
      if (external.length) return [...(lb ? lb.split(',') : []), ...external].join(',');
      return lb || '<pending>';
    }
    case 'ExternalName':
      return typeof spec.externalName === 'string' ? spec.externalName : '';
    default:
      return '<unknown>';
  }
}

function ports(obj: KubeObject): string {
  const list = (rec(obj.spec).ports as Obj[] | undefined) ?? [];
  const pieces = list.map((p) => (typeof p.nodePort === 'number' && p.nodePort > 0 ? `${p.port}:${p.nodePort}/${p.protocol ?? ''}` : `${p.port}/${p.protocol ?? ''}`));
  return pieces.length ? pieces.join(',') : '<none>';
}

function selector(obj: KubeObject): string {
  const sel = rec(rec(obj.spec).selector) as Record<string, string>;
  const keys = Object.keys(sel).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return keys.length ? keys.map((k) => `${k}=${sel[k]}`).join(',') : '<none>';
}

export const serviceColumns: KindColumns = {
  headers: ['TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE'],
  wideHeaders: ['SELECTOR'],
  cells(obj, nowMs, wide) {
    const spec = rec(obj.spec);
    const clusterIPs = strs(spec.clusterIPs);
    const out = [typeof spec.type === 'string' ? spec.type : '', clusterIPs[0] ?? '<none>', externalIP(obj, wide), ports(obj), ageSince(obj.metadata.creationTimestamp, nowMs)];
    if (wide) out.push(selector(obj));
    return out;
  },
};
