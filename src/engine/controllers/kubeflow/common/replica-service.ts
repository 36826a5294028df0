// The headless Service of one replica (release-1.9 common/service.go `CreateNewService`, core/service.go
// `GetPortsFromJob`; reference §2.2): same name as the pod, `clusterIP: None`, labels and selector
// operator-name/job-name/replica-type/replica-index (no job-role), one `{name, port}` per named port of the
// framework container, one controller reference to the job — stored as a 1.35 API server defaults a headless
// Service with a selector (clusterIPs [None], SingleStack IPv4, TCP ports with targetPort = port, sessionAffinity
// None, internalTrafficPolicy Cluster, an empty load-balancer status).
import type { Container } from '../../../api/kinds.ts';
import { newControllerRef, type KubeObject } from '../../../api/objects.ts';
import { jobLabels } from './replica-pod.ts';
import { REPLICA_INDEX_LABEL, REPLICA_TYPE_LABEL, replicaName, type DefaultedJob, type ReplicaSpec } from './types.ts';

/**
 * `GetPortsFromJob`: name → containerPort of the framework container's ports (a Go map: a repeated name keeps
 * the last port). Null with an error when no container has the framework's name.
 */
export function portsFromReplica(spec: ReplicaSpec, containerName: string): { ports: Map<string, number> } | { error: string } {
  const containers: Container[] = spec.template?.spec?.containers ?? [];
  const c = containers.find((x) => x.name === containerName);
  if (!c) return { error: 'failed to find the port' };
  const ports = new Map<string, number>();
  for (const p of c.ports ?? []) ports.set(p.name ?? '', p.containerPort);
  return { ports };
}

export function buildReplicaService(controllerName: string, d: DefaultedJob, type: string, index: number, ports: Map<string, number>): KubeObject {
  const job = d.job;
  const rt = type.toLowerCase();
  const labels = { ...jobLabels(controllerName, job.metadata.name), [REPLICA_TYPE_LABEL]: rt, [REPLICA_INDEX_LABEL]: String(index) };
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name: replicaName(job.metadata.name, rt, index),
      namespace: job.metadata.namespace,
      uid: '',
      resourceVersion: '',
      creationTimestamp: '',
      labels,
      ownerReferences: [newControllerRef(job)],
    },
    spec: {
      ports: [...ports].map(([name, port]) => ({ ...(name ? { name } : {}), protocol: 'TCP', port, targetPort: port })),
      selector: { ...labels },
      clusterIP: 'None',
      clusterIPs: ['None'],
      type: 'ClusterIP',
      sessionAffinity: 'None',
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
      internalTrafficPolicy: 'Cluster',
    },
    status: { loadBalancer: {} },
  };
}
