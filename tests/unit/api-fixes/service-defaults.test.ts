// A v1 Service created by a user, as a 1.35 API server stores it on a kubeadm-style single-stack IPv4
// cluster: kubernetes pkg/apis/core/v1/defaults.go SetDefaults_Service; pkg/registry/core/service/storage
// alloc.go (normalizeClusterIPs, initIPFamilyFields, allocClusterIPs, allocNodePorts) and the
// ipallocator/portallocator error texts; the strategy's PrepareForCreate (empty status). The stored shape of
// a headless Service is the one the TFJob controller writes (src/engine/controllers/kubeflow/common/
// replica-service.ts, reference kubeflow-training §2.2).
import { describe, expect, it } from 'vitest';
import { applyDefaults } from '../../../src/engine/defaults/index.ts';
import { allocateServiceAddresses, serviceAddressPool } from '../../../src/engine/defaults/service-addresses.ts';
import { serviceColumns } from '../../../src/engine/kubectl/printers/service-columns.ts';
import { dig, mustCreate, newApi } from './helpers.ts';

function service(spec: Record<string, unknown>, name = 'web'): Record<string, unknown> {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name }, spec };
}

function ipInServiceCIDR(ip: unknown): boolean {
  const m = /^10\.(\d+)\.(\d+)\.(\d+)$/.exec(String(ip));
  return !!m && Number(m[1]) >= 96 && Number(m[1]) <= 111;
}

describe('a ClusterIP Service', () => {
  it('gets the decoding defaults, single-stack IPv4 families, an address from 10.96.0.0/12 and an empty status', () => {
    const api = newApi();
    const svc = mustCreate(api, service({ selector: { app: 'web' }, ports: [{ name: 'http', port: 80 }] }));
    const spec = svc.spec as Record<string, unknown>;
    expect(spec).toMatchObject({
      type: 'ClusterIP',
      sessionAffinity: 'None',
      ports: [{ name: 'http', port: 80, protocol: 'TCP', targetPort: 80 }],
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
      internalTrafficPolicy: 'Cluster',
    });
    expect(ipInServiceCIDR(spec.clusterIP)).toBe(true);
    expect(spec.clusterIPs).toEqual([spec.clusterIP]);
    // dynamic addresses come from above the static band (the first 256 addresses)
    expect(String(spec.clusterIP).startsWith('10.96.0.')).toBe(false);
    expect(svc.status).toEqual({ loadBalancer: {} });
    expect(spec).not.toHaveProperty('externalTrafficPolicy');
  });

  it('a named targetPort or a different number is kept', () => {
    const svc = mustCreate(newApi(), service({ selector: { app: 'web' }, ports: [{ name: 'a', port: 80, targetPort: 'http' }, { name: 'b', port: 81, targetPort: 8081, protocol: 'UDP' }] }));
    expect(dig(svc, 'spec.ports')).toEqual([
      { name: 'a', port: 80, targetPort: 'http', protocol: 'TCP' },
      { name: 'b', port: 81, targetPort: 8081, protocol: 'UDP' },
    ]);
  });

  it('draws addresses reproducibly from the seed, and different Services get different addresses', () => {
    const ips = (seed: number) => {
      const api = newApi(seed);
      return ['a', 'b', 'c'].map((n) => dig(mustCreate(api, service({ ports: [{ port: 80 }] }, n)), 'spec.clusterIP'));
    };
    expect(ips(7)).toEqual(ips(7));
    expect(new Set(ips(7)).size).toBe(3);
  });

  it('keeps a requested address and normalizes clusterIPs from it', () => {
    const svc = mustCreate(newApi(), service({ clusterIP: '10.96.100.5', ports: [{ port: 80 }] }));
    expect([dig(svc, 'spec.clusterIP'), dig(svc, 'spec.clusterIPs')]).toEqual(['10.96.100.5', ['10.96.100.5']]);
  });

  it('ClientIP affinity gets the three-hour timeout', () => {
    const svc = mustCreate(newApi(), service({ sessionAffinity: 'ClientIP', ports: [{ port: 80 }] }));
    expect(dig(svc, 'spec.sessionAffinityConfig')).toEqual({ clientIP: { timeoutSeconds: 10800 } });
  });

  it('shows in `get services` as ClusterIP with its address and port/protocol', () => {
    const svc = mustCreate(newApi(), service({ selector: { app: 'web' }, ports: [{ port: 80 }] }));
    const [type, clusterIP, external, ports] = serviceColumns.cells(svc, Date.UTC(2026, 0, 1), false);
    expect([type, clusterIP === dig(svc, 'spec.clusterIP'), external, ports]).toEqual(['ClusterIP', true, '<none>', '80/TCP']);
  });
});

describe('a headless Service', () => {
  it('with a selector is stored exactly as the TFJob controller writes its replica Services', () => {
    const svc = mustCreate(newApi(), service({ clusterIP: 'None', selector: { app: 'web' }, ports: [{ name: 'tfjob-port', port: 2222 }] }));
    expect(svc.spec).toEqual({
      ports: [{ name: 'tfjob-port', protocol: 'TCP', port: 2222, targetPort: 2222 }],
      selector: { app: 'web' },
      clusterIP: 'None',
      clusterIPs: ['None'],
      type: 'ClusterIP',
      sessionAffinity: 'None',
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
      internalTrafficPolicy: 'Cluster',
    });
    expect(svc.status).toEqual({ loadBalancer: {} });
    expect(serviceColumns.cells(svc, Date.UTC(2026, 0, 1), false).slice(0, 3)).toEqual(['ClusterIP', 'None', '<none>']);
  });

  it('without a selector defaults to RequireDualStack with both families (allowed even on a single-stack cluster)', () => {
    const svc = mustCreate(newApi(), service({ clusterIP: 'None', ports: [{ port: 80 }] }));
    expect([dig(svc, 'spec.ipFamilyPolicy'), dig(svc, 'spec.ipFamilies'), dig(svc, 'spec.clusterIPs')]).toEqual(['RequireDualStack', ['IPv4', 'IPv6'], ['None']]);
  });
});

describe('NodePort and LoadBalancer Services', () => {
  it('NodePort: a node port per port from 30000-32767, externalTrafficPolicy Cluster', () => {
    const svc = mustCreate(newApi(), service({ type: 'NodePort', selector: { app: 'web' }, ports: [{ name: 'a', port: 80 }, { name: 'b', port: 443 }] }));
    const ports = dig(svc, 'spec.ports') as { nodePort: number }[];
    for (const p of ports) expect(p.nodePort >= 30000 && p.nodePort <= 32767).toBe(true);
    expect(ports[0]!.nodePort).not.toBe(ports[1]!.nodePort);
    expect(dig(svc, 'spec.externalTrafficPolicy')).toBe('Cluster');
    expect(serviceColumns.cells(svc, Date.UTC(2026, 0, 1), false)[3]).toBe(`80:${ports[0]!.nodePort}/TCP,443:${ports[1]!.nodePort}/TCP`);
  });

  it('NodePort: a requested node port is kept', () => {
    const svc = mustCreate(newApi(), service({ type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] }));
    expect(dig(svc, 'spec.ports[0].nodePort')).toBe(30080);
  });

  it('LoadBalancer: allocateLoadBalancerNodePorts true, EXTERNAL-IP pending (no load-balancer controller)', () => {
    const svc = mustCreate(newApi(), service({ type: 'LoadBalancer', ports: [{ port: 80 }] }));
    expect(dig(svc, 'spec.allocateLoadBalancerNodePorts')).toBe(true);
    expect(typeof dig(svc, 'spec.ports[0].nodePort')).toBe('number');
    expect(serviceColumns.cells(svc, Date.UTC(2026, 0, 1), false)[2]).toBe('<pending>');
  });

  it('LoadBalancer with externalTrafficPolicy Local gets a healthCheckNodePort', () => {
    const svc = mustCreate(newApi(), service({ type: 'LoadBalancer', externalTrafficPolicy: 'Local', ports: [{ port: 80 }] }));
    expect(typeof dig(svc, 'spec.healthCheckNodePort')).toBe('number');
  });
});

describe('an ExternalName Service', () => {
  it('gets no addresses, no IP families and no internalTrafficPolicy', () => {
    const svc = mustCreate(newApi(), service({ type: 'ExternalName', externalName: 'db.example.com' }));
    expect(svc.spec).toEqual({ type: 'ExternalName', externalName: 'db.example.com', sessionAffinity: 'None' });
  });
});

describe('the address allocation itself', () => {
  it('steers away from addresses and ports other Services hold', () => {
    const spec = { type: 'NodePort', ipFamilies: ['IPv4'], ports: [{ port: 80 }] };
    const first = structuredClone(spec) as Record<string, unknown>;
    allocateServiceAddresses(first, 'uid-1', {});
    const again = structuredClone(spec) as Record<string, unknown>;
    const takenIP = first.clusterIP;
    const takenPort = dig(first, 'ports[0].nodePort');
    allocateServiceAddresses(again, 'uid-1', { clusterIPInUse: (ip) => ip === takenIP, nodePortInUse: (p) => p === takenPort });
    expect(again.clusterIP).not.toBe(takenIP);
    expect(dig(again, 'ports[0].nodePort')).not.toBe(takenPort);
  });

  it('applyDefaults (used without an API server) defaults a Service too', () => {
    const out = applyDefaults(service({ ports: [{ port: 80 }] }), { uid: 'u' }) as Record<string, unknown>;
    expect(dig(out, 'spec.type')).toBe('ClusterIP');
    expect(dig(out, 'metadata.namespace')).toBe('default');
  });
});

describe('serviceAddressPool (for the API server to pass its stored Services)', () => {
  it('holds the other Services addresses and ports, not the one being replaced', () => {
    const api = newApi();
    const a = mustCreate(api, service({ type: 'NodePort', ports: [{ port: 80 }] }, 'a'));
    const b = mustCreate(api, service({ ports: [{ port: 80 }] }, 'b'));
    const pool = serviceAddressPool(api.list('Service'), b.metadata.uid);
    expect(pool.clusterIPInUse?.(String(dig(a, 'spec.clusterIP')))).toBe(true);
    expect(pool.nodePortInUse?.(Number(dig(a, 'spec.ports[0].nodePort')))).toBe(true);
    expect(pool.clusterIPInUse?.(String(dig(b, 'spec.clusterIP')))).toBe(false);
  });
});
