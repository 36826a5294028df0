// v1 Service validation on create (kubernetes pkg/apis/core/validation/validation.go `ValidateService`,
// `validateServicePort`, `ValidateServiceClusterIPsRelatedFields`, `validateClientIPAffinityConfig`,
// `validateServiceExternalTrafficPolicy`, `validateServiceInternalTrafficFieldsValue`,
// `validateServiceTrafficDistribution`), run on the object after defaulting and address allocation
// (../../defaults/service.ts), errors in upstream order. Values print as the internal types do: enum-typed
// strings and pointers as JSON, a duplicate (protocol, port) as the internal ServicePort with Go field names.
// Not covered: the topology annotations, loadBalancerSourceRanges CIDR syntax, loadBalancerClass syntax.
import { asJSON, duplicate, forbidden, invalid, notSupported, required, type FieldError, type FieldPath } from '../field.ts';
import { child, isObj, list, obj, objList, optNum, orderedJSON, str, type Obj } from './access.ts';
import { byteLength, isDNS1123Label, isDNS1123Subdomain, isValidPortNum, maxLenError, regexError, type NameFn } from './formats.ts';
import { isValidIP } from './ip.ts';
import { validateLabels, validateObjectMeta } from './meta.ts';
import { validatePortNumOrName } from './probes.ts';

const dns1035LabelFmt = '[a-z]([-a-z0-9]*[a-z0-9])?';
const dns1035LabelRe = new RegExp(`^${dns1035LabelFmt}$`);

/** IsDNS1035Label. */
export function isDNS1035Label(value: string): string[] {
  const errs: string[] = [];
  if (byteLength(value) > 63) errs.push(maxLenError(63));
  if (!dns1035LabelRe.test(value))
    errs.push(
      regexError(
        "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character",
        dns1035LabelFmt,
        'my-name',
        'abc-123',
      ),
    );
  return errs;
}

/** ValidateServiceName = NameIsDNS1035Label (a generateName prefix may end with '-'). */
export const nameIsDNS1035Label: NameFn = (name, prefix) =>
  isDNS1035Label(prefix && name.length > 1 && name.endsWith('-') ? `${name.slice(0, -2)}a` : name);

const SERVICE_TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
const SESSION_AFFINITIES = ['ClientIP', 'None'];
const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const TRAFFIC_POLICIES = ['Cluster', 'Local'];
const IP_FAMILIES = ['IPv4', 'IPv6'];
const IP_FAMILY_POLICIES = ['PreferDualStack', 'RequireDualStack', 'SingleStack'];
/**
 * PreferClose, plus PreferSameZone/PreferSameNode (gate PreferSameTrafficDistribution, beta and on since 1.34);
 * the copy of validation.go read for this file predates them, so this list is recalled, not read.
 */
const TRAFFIC_DISTRIBUTIONS = ['PreferClose', 'PreferSameZone', 'PreferSameNode'];
const MAX_CLIENT_IP_AFFINITY_SECONDS = 86400;

function isHeadless(spec: Obj): boolean {
  const ips = list(spec['clusterIPs']);
  return ips.length === 1 && ips[0] === 'None';
}

/** The internal core.ServicePort as encoding/json prints it (no JSON tags: Go names, declaration order). */
function servicePortJSON(protocol: string, port: number): { rendered: string } {
  return orderedJSON({ Name: '', Protocol: protocol, AppProtocol: null, Port: port, TargetPort: 0, NodePort: 0 });
}

function validateServicePort(p: Obj, requireName: boolean, names: Set<string>, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const name = str(p['name']);
  if (requireName && name === '') errs.push(required(child(path, 'name')));
  else if (name !== '') {
    for (const m of isDNS1123Label(name)) errs.push(invalid(child(path, 'name'), name, m));
    if (names.has(name)) errs.push(duplicate(child(path, 'name'), name));
    else names.add(name);
  }
  const port = optNum(p['port']) ?? 0;
  for (const m of isValidPortNum(port)) errs.push(invalid(child(path, 'port'), port, m));
  const protocol = str(p['protocol']);
  if (protocol === '') errs.push(required(child(path, 'protocol')));
  else if (!PROTOCOLS.includes(protocol)) errs.push(notSupported(child(path, 'protocol'), asJSON(protocol), PROTOCOLS));
  errs.push(...validatePortNumOrName(p['targetPort'], child(path, 'targetPort')));
  return errs;
}

/** `ValidateServiceClusterIPsRelatedFields` on a Service spec (also run before allocation). */
export function validateServiceClusterIPsRelatedFields(spec: Obj): FieldError[] {
  if (spec['type'] === 'ExternalName') return [];
  const errs: FieldError[] = [];
  const clusterIPsPath: FieldPath = ['spec', 'clusterIPs'];
  const clusterIP = str(spec['clusterIP']);
  const clusterIPs = list(spec['clusterIPs']).map(str);
  if (clusterIP !== '') {
    if (clusterIPs.length === 0) errs.push(required(clusterIPsPath));
    else if (clusterIPs[0] !== clusterIP) errs.push(invalid(clusterIPsPath, clusterIPs, 'first value must match `clusterIP`'));
  } else if (clusterIPs.length !== 0) {
    errs.push(invalid(clusterIPsPath, clusterIPs, 'must be empty when `clusterIP` is not specified'));
  }
  const seen = new Set<string>();
  list(spec['ipFamilies']).map(str).forEach((family, i) => {
    const path = child(['spec', 'ipFamilies'], i);
    if (!IP_FAMILIES.includes(family)) errs.push(notSupported(path, asJSON(family), IP_FAMILIES));
    if (seen.has(family)) errs.push(duplicate(path, asJSON(family)));
    seen.add(family);
  });
  const policy = spec['ipFamilyPolicy'];
  if (typeof policy === 'string' && !IP_FAMILY_POLICIES.includes(policy))
    errs.push(notSupported(['spec', 'ipFamilyPolicy'], asJSON(policy), IP_FAMILY_POLICIES));
  let badIPs = false;
  clusterIPs.forEach((ip, i) => {
    if (i === 0 && ip === 'None') {
      if (clusterIPs.length > 1) {
        badIPs = true;
        errs.push(invalid(clusterIPsPath, clusterIPs, "'None' must be the first and only value"));
      }
      return;
    }
    const ipErrs = isValidIP(child(clusterIPsPath, i), ip);
    if (ipErrs.length > 0) badIPs = true;
    errs.push(...ipErrs);
  });
  if (clusterIPs.length > 2) errs.push(invalid(clusterIPsPath, clusterIPs, 'may only hold up to 2 values'));
  if (badIPs) return errs;
  if (clusterIPs.length > 1) {
    const v6 = clusterIPs.filter((ip) => ip.includes(':')).length;
    if (clusterIPs.length !== 2 || v6 !== 1) errs.push(invalid(clusterIPsPath, clusterIPs, 'may specify no more than one IP for each IP family'));
  }
  const families = list(spec['ipFamilies']).map(str);
  if (!isHeadless(spec) && clusterIPs.length > 0 && families.length > 0) {
    clusterIPs.forEach((ip, i) => {
      if (i > families.length - 1) return;
      const isV6 = ip.includes(':');
      if (families[i] === 'IPv4' && isV6) errs.push(invalid(child(clusterIPsPath, i), ip, `expected an IPv4 value as indicated by \`ipFamilies[${i}]\``));
      if (families[i] === 'IPv6' && !isV6) errs.push(invalid(child(clusterIPsPath, i), ip, `expected an IPv6 value as indicated by \`ipFamilies[${i}]\``));
    });
  }
  return errs;
}

/** ValidateNonSpecialIP for an IPv4 external IP (recalled from validation.go; IPv6 specials not checked). */
function validateNonSpecialIP(ip: string, path: FieldPath): FieldError[] {
  const parts = ip.split('.').map(Number);
  if (parts.length !== 4) return [];
  if (parts.every((x) => x === 0)) return [invalid(path, ip, `may not be unspecified (${ip})`)];
  if (parts[0] === 127) return [invalid(path, ip, 'may not be in the loopback range (127.0.0.0/8, ::1/128)')];
  if (parts[0] === 169 && parts[1] === 254) return [invalid(path, ip, 'may not be in the link-local range (169.254.0.0/16, fe80::/10)')];
  if (parts[0] === 224 && parts[1] === 0 && parts[2] === 0) return [invalid(path, ip, 'may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)')];
  return [];
}

function validateClientIPAffinityConfig(config: unknown, path: FieldPath): FieldError[] {
  const detail = 'when session affinity type is ClientIP';
  const c = obj(config);
  if (!c) return [required(path, detail)];
  const clientIP = obj(c['clientIP']);
  if (!clientIP) return [required(child(path, 'clientIP'), detail)];
  const timeout = optNum(clientIP['timeoutSeconds']);
  const timeoutPath = child(path, 'clientIP', 'timeoutSeconds');
  if (timeout === undefined) return [required(timeoutPath, detail)];
  if (timeout <= 0 || timeout > MAX_CLIENT_IP_AFFINITY_SECONDS)
    return [invalid(timeoutPath, asJSON(timeout), `must be greater than 0 and less than ${MAX_CLIENT_IP_AFFINITY_SECONDS}`)];
  return [];
}

function externallyAccessible(spec: Obj): boolean {
  const type = str(spec['type']);
  return type === 'LoadBalancer' || type === 'NodePort' || (type === 'ClusterIP' && list(spec['externalIPs']).length > 0);
}

function validateExternalTrafficPolicy(spec: Obj): FieldError[] {
  const errs: FieldError[] = [];
  const policy = str(spec['externalTrafficPolicy']);
  if (!externallyAccessible(spec)) {
    if (policy !== '') errs.push(invalid(['spec', 'externalTrafficPolicy'], asJSON(policy), 'may only be set for externally-accessible services'));
  } else if (policy === '') errs.push(required(['spec', 'externalTrafficPolicy']));
  else if (!TRAFFIC_POLICIES.includes(policy)) errs.push(notSupported(['spec', 'externalTrafficPolicy'], asJSON(policy), TRAFFIC_POLICIES));
  const needsHealthCheck = spec['type'] === 'LoadBalancer' && policy === 'Local';
  const hc = optNum(spec['healthCheckNodePort']) ?? 0;
  if (!needsHealthCheck) {
    if (hc !== 0)
      errs.push(invalid(['spec', 'healthCheckNodePort'], hc, "may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'"));
  } else if (hc === 0) errs.push(required(['spec', 'healthCheckNodePort']));
  else for (const m of isValidPortNum(hc)) errs.push(invalid(['spec', 'healthCheckNodePort'], hc, m));
  return errs;
}

/** `ValidateService` on a defaulted, allocated v1 Service. */
export function validateService(svc: Obj): FieldError[] {
  const errs = validateObjectMeta(svc['metadata'], nameIsDNS1035Label);
  const spec = obj(svc['spec']) ?? {};
  const type = str(spec['type']);
  const headless = isHeadless(spec);
  const ports = list(spec['ports']);
  if (ports.length === 0 && !headless && type !== 'ExternalName') errs.push(required(['spec', 'ports']));
  const firstClusterIP = str(list(spec['clusterIPs'])[0]);
  if (type === 'LoadBalancer' && headless)
    errs.push(invalid(['spec', 'clusterIPs', 0], firstClusterIP, "may not be set to 'None' for LoadBalancer services"));
  else if (type === 'NodePort' && headless)
    errs.push(invalid(['spec', 'clusterIPs', 0], firstClusterIP, "may not be set to 'None' for NodePort services"));
  else if (type === 'ExternalName') {
    if (list(spec['clusterIPs']).length > 0) errs.push(forbidden(['spec', 'clusterIPs'], 'may not be set for ExternalName services'));
    if (list(spec['ipFamilies']).length > 0) errs.push(forbidden(['spec', 'ipFamilies'], 'may not be set for ExternalName services'));
    if (spec['ipFamilyPolicy'] !== undefined && spec['ipFamilyPolicy'] !== null)
      errs.push(forbidden(['spec', 'ipFamilyPolicy'], 'may not be set for ExternalName services'));
    const cname = str(spec['externalName']).replace(/\.$/, '');
    if (cname.length > 0) for (const m of isDNS1123Subdomain(cname)) errs.push(invalid(['spec', 'externalName'], cname, m));
    else errs.push(required(['spec', 'externalName']));
  }
  const names = new Set<string>();
  ports.forEach((p, i) => errs.push(...validateServicePort(isObj(p) ? p : {}, ports.length > 1, names, ['spec', 'ports', i])));
  if (isObj(spec['selector'])) errs.push(...validateLabels(spec['selector'], ['spec', 'selector']));
  const affinity = str(spec['sessionAffinity']);
  if (affinity === '') errs.push(required(['spec', 'sessionAffinity']));
  else if (!SESSION_AFFINITIES.includes(affinity)) errs.push(notSupported(['spec', 'sessionAffinity'], asJSON(affinity), SESSION_AFFINITIES));
  if (affinity === 'ClientIP') errs.push(...validateClientIPAffinityConfig(spec['sessionAffinityConfig'], ['spec', 'sessionAffinityConfig']));
  else if (affinity === 'None' && spec['sessionAffinityConfig'] !== undefined && spec['sessionAffinityConfig'] !== null)
    errs.push(forbidden(['spec', 'sessionAffinityConfig'], 'must not be set when session affinity is None'));
  errs.push(...validateServiceClusterIPsRelatedFields(spec));
  list(spec['externalIPs']).map(str).forEach((ip, i) => {
    const path = child(['spec', 'externalIPs'], i);
    const ipErrs = isValidIP(path, ip);
    errs.push(...(ipErrs.length > 0 ? ipErrs : validateNonSpecialIP(ip, path)));
  });
  if (type === '') errs.push(required(['spec', 'type']));
  else if (!SERVICE_TYPES.includes(type)) errs.push(notSupported(['spec', 'type'], asJSON(type), SERVICE_TYPES));
  if (type === 'ClusterIP')
    ports.forEach((p, i) => {
      if ((optNum(obj(p)?.['nodePort']) ?? 0) !== 0) errs.push(forbidden(['spec', 'ports', i, 'nodePort'], "may not be used when `type` is 'ClusterIP'"));
    });
  const nodePorts = new Set<string>();
  objList(ports).forEach((p, i) => {
    const nodePort = optNum(p['nodePort']) ?? 0;
    if (nodePort === 0) return;
    const key = `${str(p['protocol'])}/${nodePort}`;
    if (nodePorts.has(key)) errs.push(duplicate(['spec', 'ports', i, 'nodePort'], nodePort));
    nodePorts.add(key);
  });
  const seenPorts = new Set<string>();
  objList(ports).forEach((p, i) => {
    const protocol = str(p['protocol']);
    const port = optNum(p['port']) ?? 0;
    const key = `${protocol}/${port}`;
    if (seenPorts.has(key)) errs.push(duplicate(['spec', 'ports', i], servicePortJSON(protocol, port)));
    seenPorts.add(key);
  });
  if (list(spec['loadBalancerSourceRanges']).length > 0 && type !== 'LoadBalancer')
    errs.push(forbidden(['spec', 'LoadBalancerSourceRanges'], "may only be used when `type` is 'LoadBalancer'"));
  if (spec['allocateLoadBalancerNodePorts'] !== undefined && spec['allocateLoadBalancerNodePorts'] !== null && type !== 'LoadBalancer')
    errs.push(forbidden(['spec', 'allocateLoadBalancerNodePorts'], "may only be used when `type` is 'LoadBalancer'"));
  if (type === 'LoadBalancer' && (spec['allocateLoadBalancerNodePorts'] === undefined || spec['allocateLoadBalancerNodePorts'] === null))
    errs.push(required(['allocateLoadBalancerNodePorts']));
  const lbClass = spec['loadBalancerClass'];
  if (typeof lbClass === 'string' && type !== 'LoadBalancer')
    errs.push(invalid(['spec', 'loadBalancerClass'], asJSON(lbClass), "may only be used when `type` is 'LoadBalancer'"));
  errs.push(...validateExternalTrafficPolicy(spec));
  const itp = spec['internalTrafficPolicy'];
  if ((itp === undefined || itp === null) && (type === 'NodePort' || type === 'LoadBalancer' || type === 'ClusterIP'))
    errs.push(required(['spec', 'internalTrafficPolicy']));
  if (typeof itp === 'string' && !TRAFFIC_POLICIES.includes(itp))
    errs.push(notSupported(['spec', 'internalTrafficPolicy'], asJSON(itp), TRAFFIC_POLICIES));
  const td = spec['trafficDistribution'];
  if (typeof td === 'string' && !TRAFFIC_DISTRIBUTIONS.includes(td))
    errs.push(notSupported(['spec', 'trafficDistribution'], asJSON(td), TRAFFIC_DISTRIBUTIONS));
  return errs;
}
