// ValidateService on create (kubernetes pkg/apis/core/validation/validation.go ValidateService,
// validateServicePort, ValidateServiceClusterIPsRelatedFields; alloc.go for the allocation refusals), through
// `workload-lab validate`'s pipeline and through the API server (422 Invalid, NewInvalid's message, §7.2 of
// the workloads reference). Values print as §7.1 says: enum strings as JSON, plain strings Go-quoted.
import { describe, expect, it } from 'vitest';
import { validateCreate } from '../../../src/engine/validate/rules/index.ts';
import { validateManifests } from '../../../src/engine/validate/validate-manifests.ts';
import { newApi } from './helpers.ts';

type Spec = Record<string, unknown>;

function messages(spec: Spec, meta: Record<string, unknown> = { name: 'web' }): string[] {
  return validateCreate({ apiVersion: 'v1', kind: 'Service', metadata: meta, spec }, { uid: 'uid-1' }).map((e) => e.message);
}

const DNS1035 = "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";

describe('ports', () => {
  it('are required unless the Service is headless or ExternalName', () => {
    expect(messages({ selector: { app: 'web' } })).toEqual(['spec.ports: Required value']);
    expect(messages({ clusterIP: 'None', selector: { app: 'web' } })).toEqual([]);
    expect(messages({ type: 'ExternalName', externalName: 'db.example.com' })).toEqual([]);
  });

  it('need names when there are several, unique and DNS-1123 labels', () => {
    expect(messages({ ports: [{ port: 80 }, { name: 'b', port: 81 }] })).toEqual(['spec.ports[0].name: Required value']);
    expect(messages({ ports: [{ name: 'a', port: 80 }, { name: 'a', port: 81 }] })).toEqual(['spec.ports[1].name: Duplicate value: "a"']);
    expect(messages({ ports: [{ name: 'Web', port: 80 }] })).toEqual([
      `spec.ports[0].name: Invalid value: "Web": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')`,
    ]);
  });

  it('port numbers must be 1-65535, targetPort a number or an IANA name', () => {
    expect(messages({ ports: [{ port: 0 }] })).toEqual(['spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive', 'spec.ports[0].targetPort: Invalid value: 0: must be between 1 and 65535, inclusive']);
    expect(messages({ ports: [{ port: 70000, targetPort: 80 }] })).toEqual(['spec.ports[0].port: Invalid value: 70000: must be between 1 and 65535, inclusive']);
    // IsValidPortName: lower-case only, and at least one letter (a-z) — "HTTP" fails both
    expect(messages({ ports: [{ port: 80, targetPort: 'HTTP' }] })).toEqual([
      'spec.ports[0].targetPort: Invalid value: "HTTP": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)',
      'spec.ports[0].targetPort: Invalid value: "HTTP": must contain at least one letter (a-z)',
    ]);
  });

  it('protocol must be TCP, UDP or SCTP (sets.List order)', () => {
    expect(messages({ ports: [{ port: 53, protocol: 'ICMP' }] })).toEqual(['spec.ports[0].protocol: Unsupported value: "ICMP": supported values: "SCTP", "TCP", "UDP"']);
  });

  it('a repeated (protocol, port) pair is a duplicate shown as the internal ServicePort', () => {
    expect(messages({ ports: [{ name: 'a', port: 80 }, { name: 'b', port: 80, targetPort: 8080 }] })).toEqual([
      'spec.ports[1]: Duplicate value: {"Name":"","Protocol":"TCP","AppProtocol":null,"Port":80,"TargetPort":0,"NodePort":0}',
    ]);
    expect(messages({ ports: [{ name: 'a', port: 53 }, { name: 'b', port: 53, protocol: 'UDP' }] })).toEqual([]);
  });

  it('nodePort is forbidden for ClusterIP Services', () => {
    expect(messages({ ports: [{ port: 80, nodePort: 30080 }] })).toEqual(["spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'"]);
  });
});

describe('type, name and the rest of the spec', () => {
  it('type must be one of the four', () => {
    expect(messages({ type: 'Internal', ports: [{ port: 80 }] })).toEqual(['spec.type: Unsupported value: "Internal": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"']);
  });

  it('the name is a DNS-1035 label (no leading digit, no dots)', () => {
    expect(messages({ ports: [{ port: 80 }] }, { name: '1web' })).toEqual([`metadata.name: Invalid value: "1web": ${DNS1035}`]);
    expect(messages({ ports: [{ port: 80 }] }, { name: 'web.app' })).toEqual([`metadata.name: Invalid value: "web.app": ${DNS1035}`]);
  });

  it('sessionAffinity must be ClientIP or None', () => {
    expect(messages({ sessionAffinity: 'Cookie', ports: [{ port: 80 }] })).toEqual(['spec.sessionAffinity: Unsupported value: "Cookie": supported values: "ClientIP", "None"']);
  });

  it('a ClientIP timeout above a day is refused', () => {
    expect(messages({ sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 90000 } }, ports: [{ port: 80 }] })).toEqual([
      'spec.sessionAffinityConfig.clientIP.timeoutSeconds: Invalid value: 90000: must be greater than 0 and less than 86400',
    ]);
  });

  it('headless NodePort and LoadBalancer Services are refused', () => {
    expect(messages({ type: 'NodePort', clusterIP: 'None', ports: [{ port: 80 }] })).toEqual(["spec.clusterIPs[0]: Invalid value: \"None\": may not be set to 'None' for NodePort services"]);
  });

  it('an ExternalName Service needs an externalName', () => {
    expect(messages({ type: 'ExternalName' })).toEqual(['spec.externalName: Required value']);
  });

  it('externalTrafficPolicy only for externally reachable Services', () => {
    expect(messages({ externalTrafficPolicy: 'Local', ports: [{ port: 80 }] })).toEqual(['spec.externalTrafficPolicy: Invalid value: "Local": may only be set for externally-accessible services']);
  });

  it('selector labels are label values', () => {
    expect(messages({ selector: { app: 'a b' }, ports: [{ port: 80 }] })[0]).toMatch(/^spec\.selector: Invalid value: "a b": a valid label must be an empty string/);
  });
});

describe('cluster IP fields', () => {
  it('clusterIPs[0] must match clusterIP', () => {
    expect(messages({ clusterIP: '10.96.1.1', clusterIPs: ['10.96.1.2'], ports: [{ port: 80 }] })).toEqual(['spec.clusterIPs: Invalid value: ["10.96.1.2"]: first value must match `clusterIP`']);
  });

  it('a requested address outside 10.96.0.0/12 is refused by the allocator', () => {
    expect(messages({ clusterIP: '192.168.0.10', ports: [{ port: 80 }] })).toEqual([
      'spec.clusterIPs: Invalid value: ["192.168.0.10"]: failed to allocate IP 192.168.0.10: the provided IP (192.168.0.10) is not in the valid range. The range of valid IPs is 10.96.0.0/12',
    ]);
  });

  it('a requested address another Service holds is refused', () => {
    const api = newApi();
    expect(api.create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'dns' }, spec: { clusterIP: '10.96.0.10', ports: [{ port: 53 }] } }).ok).toBe(false);
  });

  it('dual-stack is not available on this cluster', () => {
    expect(messages({ ipFamilyPolicy: 'RequireDualStack', ports: [{ port: 80 }] })).toEqual(['spec.ipFamilyPolicy: Invalid value: "RequireDualStack": this cluster is not configured for dual-stack services']);
    expect(messages({ ipFamilies: ['IPv6'], ports: [{ port: 80 }] })).toEqual(['spec.ipFamilies[0]: Invalid value: "IPv6": not configured on this cluster']);
  });

  it('a requested node port outside 30000-32767 is refused', () => {
    expect(messages({ type: 'NodePort', ports: [{ port: 80, nodePort: 8080 }] })).toEqual([
      'spec.ports[0].nodePort: Invalid value: 8080: provided port is not in the valid range. The range of valid ports is 30000-32767',
    ]);
  });
});

describe('through the API server and the manifest checker', () => {
  it('returns 422 Invalid with every error', () => {
    const r = newApi().create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { type: 'Bogus', ports: [{ port: 0, protocol: 'ICMP' }] } });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect([r.error.reason, r.error.code]).toEqual(['Invalid', 422]);
    expect(r.error.message).toBe(
      'Service "web" is invalid: [spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive, spec.ports[0].protocol: Unsupported value: "ICMP": supported values: "SCTP", "TCP", "UDP", spec.ports[0].targetPort: Invalid value: 0: must be between 1 and 65535, inclusive, spec.type: Unsupported value: "Bogus": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"]',
    );
  });

  it('`workload-lab validate` reports the same problems at their lines', () => {
    const text = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports:\n  - port: 80\n  - port: 81\n    name: b\n';
    const check = validateManifests(text);
    expect(check.problems.map((p) => [p.field, p.message, p.line])).toEqual([['spec.ports[0].name', 'spec.ports[0].name: Required value', 7]]);
  });

  it('a valid Service passes', () => {
    expect(validateManifests('apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: web\n  ports:\n  - port: 80\n').problems).toEqual([]);
  });
});
