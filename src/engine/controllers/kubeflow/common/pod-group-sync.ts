// The operator's side of gang scheduling with scheduler-plugins (release-1.9 common/job.go gang branch,
// common/scheduling.go `SyncPodGroup`/`DeletePodGroup`, common/util.go `CalcPGMinResources`,
// control/podgroup_control.go; reference §2.4): one PodGroup per job, same name and namespace, the job's
// annotations, owned by the job; minMember = schedulingPolicy.minAvailable or the sum of all replicas;
// minResources = schedulingPolicy.minResources or the requests (limits when a container has no requests) of the
// first minMember pods; scheduleTimeoutSeconds from the schedulingPolicy. scheduler-plugins never delays pod
// creation (only Volcano does, and Volcano is not simulated).
import type { ApiServer } from '../../../api/api-server.ts';
import { compareStrings } from '../../../api/api-server.ts';
import type { ResourceList } from '../../../api/kinds.ts';
import { clone, deepEqual, newControllerRef } from '../../../api/objects.ts';
import { POD_GROUP_API_VERSION, POD_GROUP_KIND, type PodGroup, type PodGroupSpec } from '../../../api/pod-group.ts';
import { addQuantity, parseQuantity, quantityString, type Quantity } from '../../../validate/rules/quantity.ts';
import type { DefaultedJob } from './types.ts';

/**
 * `CalcPGMinResources` with every replica type at priority 0 (the lab has no PriorityClasses): types in document
 * order, `replicas` pods each, until minMember pods are counted.
 */
export function minResourcesFor(minMember: number, d: DefaultedJob): ResourceList {
  const sums = new Map<string, Quantity>();
  const add = (list: ResourceList | undefined) => {
    for (const [name, value] of Object.entries(list ?? {})) {
      const q = parseQuantity(String(value));
      if (!q.ok) continue;
      const have = sums.get(name);
      sums.set(name, have ? addQuantity(have, q.quantity) : q.quantity);
    }
  };
  let count = 0;
  for (const [, spec] of d.replicas) {
    for (let i = 0; i < spec.replicas && count < minMember; i++) {
      count++;
      for (const c of spec.template?.spec?.containers ?? []) {
        const requests = c.resources?.requests;
        // AddResourceList: limits count only for a container whose requests map is nil.
        if (requests && typeof requests === 'object') add(requests);
        else add(c.resources?.limits);
      }
    }
  }
  const out: ResourceList = {};
  for (const name of [...sums.keys()].sort(compareStrings)) out[name] = quantityString(sums.get(name)!);
  return out;
}

/** The PodGroup spec the operator wants for this job. */
export function desiredPodGroupSpec(d: DefaultedJob): PodGroupSpec {
  const total = d.replicas.reduce((n, [, s]) => n + s.replicas, 0);
  const sp = d.runPolicy.schedulingPolicy;
  const minMember = typeof sp?.minAvailable === 'number' ? sp.minAvailable : total;
  const minResources = sp?.minResources ?? minResourcesFor(minMember, d);
  const spec: PodGroupSpec = {};
  if (minMember) spec.minMember = minMember;
  if (Object.keys(minResources).length) spec.minResources = { ...minResources };
  if (typeof sp?.scheduleTimeoutSeconds === 'number') spec.scheduleTimeoutSeconds = sp.scheduleTimeoutSeconds;
  return spec;
}

/** `SyncPodGroup`: create the PodGroup, or bring its spec up to date. Returns an error text. */
export function syncPodGroup(api: ApiServer, d: DefaultedJob): string | undefined {
  const job = d.job;
  const spec = desiredPodGroupSpec(d);
  const existing = api.get<PodGroup>(POD_GROUP_KIND, job.metadata.namespace, job.metadata.name);
  if (existing) {
    if (deepEqual(existing.spec ?? {}, spec)) return undefined;
    const r = api.update<PodGroup>({ ...existing, spec });
    return r.ok ? undefined : `unable to update a PodGroup, '${job.metadata.namespace}/${job.metadata.name}': ${r.error.message}`;
  }
  const pg: PodGroup = {
    apiVersion: POD_GROUP_API_VERSION,
    kind: POD_GROUP_KIND,
    metadata: {
      name: job.metadata.name,
      namespace: job.metadata.namespace,
      uid: '',
      resourceVersion: '',
      creationTimestamp: '',
      ...(job.metadata.annotations ? { annotations: clone(job.metadata.annotations) } : {}),
      ownerReferences: [newControllerRef(job)],
    },
    spec,
  };
  const r = api.createInternal(pg, { handOver: true });
  return r.ok ? undefined : `unable to create PodGroup: unable to create a PodGroup, '${job.metadata.namespace}/${job.metadata.name}': ${r.error.message}`;
}

/** `DeletePodGroup`: a PodGroup that is not there is not an error. Returns an error text. */
export function deletePodGroup(api: ApiServer, namespace: string | undefined, name: string): string | undefined {
  if (!api.get(POD_GROUP_KIND, namespace, name)) return undefined;
  const r = api.delete(POD_GROUP_KIND, namespace, name);
  return r.ok ? undefined : `unable to delete PodGroup: ${r.error.message}`;
}
