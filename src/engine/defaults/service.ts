// What a 1.35 API server does to a v1 Service a user creates, before validating it, on a single-stack IPv4
// cluster set up as kubeadm does (service CIDR 10.96.0.0/12, NodePorts 30000-32767):
//  1. decoding defaults, kubernetes pkg/apis/core/v1/defaults.go `SetDefaults_Service`: sessionAffinity None
//     (ClientIP gets sessionAffinityConfig.clientIP.timeoutSeconds 10800; None drops any config), type
//     ClusterIP, ports' protocol TCP and targetPort = port (when 0 or ""), externalTrafficPolicy Cluster for
//     externally reachable Services (NodePort, LoadBalancer, or ClusterIP with externalIPs),
//     internalTrafficPolicy Cluster (ClusterIP/NodePort/LoadBalancer), LoadBalancer
//     allocateLoadBalancerNodePorts true;
//  2. the service REST storage's beginCreate (pkg/registry/core/service/storage/storage.go, alloc.go):
//     `normalizeClusterIPs` (clusterIPs = [clusterIP] when only the singular is set), `initIPFamilyFields`
//     (ipFamilyPolicy SingleStack, or RequireDualStack for a headless Service without selector; ipFamilies
//     [IPv4], plus IPv6 for that headless case; its own Invalid errors), then the address allocation of
//     ./service-addresses.ts;
//  3. the strategy's PrepareForCreate: an empty status (stored as `status: {loadBalancer: {}}`).
// ExternalName Services get no addresses and no IP family fields. The TFJob controller's headless Services
// (controllers/kubeflow/common/replica-service.ts) are this same stored shape.
import { asJSON, invalid, type FieldError } from '../validate/field.ts';
import { validateServiceClusterIPsRelatedFields } from '../validate/rules/service.ts';
import { isObj, list, obj, str, type Obj } from '../validate/rules/access.ts';
import { allocateServiceAddresses, type ServiceAddressPool } from './service-addresses.ts';

/** v1.DefaultClientIPServiceAffinitySeconds: three hours. */
const DEFAULT_CLIENT_IP_AFFINITY_SECONDS = 10800;

export function isService(o: unknown): boolean {
  const x = obj(o);
  return !!x && x['apiVersion'] === 'v1' && x['kind'] === 'Service';
}

/** apiservice.ExternallyAccessible. */
export function externallyAccessible(spec: Obj): boolean {
  const type = str(spec['type']);
  return type === 'LoadBalancer' || type === 'NodePort' || (type === 'ClusterIP' && list(spec['externalIPs']).length > 0);
}

/** `SetDefaults_Service` (the decoding defaults), in place. */
export function setServiceDefaults(svc: Obj): void {
  const spec = obj(svc['spec']) ?? (svc['spec'] = {});
  if (!spec['sessionAffinity']) spec['sessionAffinity'] = 'None';
  if (spec['sessionAffinity'] === 'None') delete spec['sessionAffinityConfig'];
  if (spec['sessionAffinity'] === 'ClientIP') {
    const clientIP = obj(obj(spec['sessionAffinityConfig'])?.['clientIP']);
    if (typeof clientIP?.['timeoutSeconds'] !== 'number')
      spec['sessionAffinityConfig'] = { clientIP: { timeoutSeconds: DEFAULT_CLIENT_IP_AFFINITY_SECONDS } };
  }
  if (!spec['type']) spec['type'] = 'ClusterIP';
  for (const p of list(spec['ports'])) {
    if (!isObj(p)) continue;
    if (!p['protocol']) p['protocol'] = 'TCP';
    if (p['targetPort'] === undefined || p['targetPort'] === null || p['targetPort'] === 0 || p['targetPort'] === '')
      p['targetPort'] = typeof p['port'] === 'number' ? p['port'] : 0;
  }
  if (externallyAccessible(spec) && !spec['externalTrafficPolicy']) spec['externalTrafficPolicy'] = 'Cluster';
  const type = spec['type'];
  if ((spec['internalTrafficPolicy'] === undefined || spec['internalTrafficPolicy'] === null) && (type === 'NodePort' || type === 'LoadBalancer' || type === 'ClusterIP'))
    spec['internalTrafficPolicy'] = 'Cluster';
  if (type === 'LoadBalancer' && typeof spec['allocateLoadBalancerNodePorts'] !== 'boolean') spec['allocateLoadBalancerNodePorts'] = true;
}

function headless(spec: Obj): boolean {
  return spec['clusterIP'] === 'None';
}

function hasSelector(spec: Obj): boolean {
  return Object.keys(obj(spec['selector']) ?? {}).length > 0;
}

/** `normalizeClusterIPs` for a create: a client that set only the singular field gets the plural too. */
function normalizeClusterIPs(spec: Obj): void {
  const ip = str(spec['clusterIP']);
  if (ip !== '' && list(spec['clusterIPs']).length === 0) spec['clusterIPs'] = [ip];
}

/**
 * `initIPFamilyFields` for a create on a single-stack IPv4 cluster: the policy and families, or the Invalid
 * errors it returns before any validation runs.
 */
function initIPFamilyFields(spec: Obj): FieldError[] {
  if (spec['type'] === 'ExternalName') return [];
  if (!spec['ipFamilyPolicy']) spec['ipFamilyPolicy'] = headless(spec) && !hasSelector(spec) ? 'RequireDualStack' : 'SingleStack';
  // Loose pre-validation, so that the allocation below need not think about malformed input.
  const pre = validateServiceClusterIPsRelatedFields(spec);
  if (pre.length > 0) return pre;
  const policy = str(spec['ipFamilyPolicy']);
  const errs: FieldError[] = [];
  const clusterIPs = list(spec['clusterIPs']).map(str);
  const families = list(spec['ipFamilies']).map(str);
  if (policy === 'SingleStack') {
    if (clusterIPs.length === 2) errs.push(invalid(['spec', 'ipFamilyPolicy'], asJSON(policy), "must be 'RequireDualStack' or 'PreferDualStack' when multiple cluster IPs are specified"));
    if (families.length === 2) errs.push(invalid(['spec', 'ipFamilyPolicy'], asJSON(policy), "must be 'RequireDualStack' or 'PreferDualStack' when multiple IP families are specified"));
  }
  // Families inferred from the requested cluster IPs (only IPv4 is configured here).
  for (let i = 0; i < clusterIPs.length; i++) {
    const ip = clusterIPs[i]!;
    if (ip === 'None') break;
    if (i < families.length) continue;
    if (ip.includes(':')) errs.push(invalid(['spec', 'clusterIPs', i], clusterIPs, 'IPv6 is not configured on this cluster'));
    else families.push('IPv4');
  }
  if (errs.length > 0) return errs;
  if (headless(spec) && !hasSelector(spec)) {
    // Headless without selector: allowed to name both families even on a single-stack cluster.
    if (families.length === 0) families.push('IPv4');
    if (families.length < 2 && policy !== 'SingleStack') families.push(families[0] === 'IPv4' ? 'IPv6' : 'IPv4');
    spec['ipFamilies'] = families;
    return [];
  }
  if (policy === 'RequireDualStack')
    errs.push(invalid(['spec', 'ipFamilyPolicy'], asJSON(policy), 'this cluster is not configured for dual-stack services'));
  families.forEach((f, i) => {
    if (f !== 'IPv4') errs.push(invalid(['spec', 'ipFamilies', i], asJSON(f), 'not configured on this cluster'));
  });
  if (errs.length > 0) return errs;
  spec['ipFamilies'] = families.length > 0 ? families : ['IPv4'];
  return [];
}

export interface ServicePrepareOptions {
  /** The Service's uid: the addresses it gets are drawn from it (see ./service-addresses.ts). */
  readonly uid: string;
  /** Which addresses other Services hold; none when absent. */
  readonly serviceAddresses?: ServiceAddressPool;
}

/**
 * Steps 1-3 of the header on `svc`, in place. Returns the errors of beginCreate (IP families, address
 * allocation); the object then still has to pass `validateService`.
 */
export function prepareServiceForCreate(svc: Obj, opts: ServicePrepareOptions): FieldError[] {
  setServiceDefaults(svc);
  const spec = obj(svc['spec'])!;
  normalizeClusterIPs(spec);
  const errs = initIPFamilyFields(spec);
  if (errs.length > 0) return errs;
  const allocation = allocateServiceAddresses(spec, opts.uid, opts.serviceAddresses ?? {});
  if (allocation.length > 0) return allocation;
  svc['status'] = { loadBalancer: {} };
  return [];
}
