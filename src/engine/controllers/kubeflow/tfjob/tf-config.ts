// TF_CONFIG (release-1.9 pkg/controller.v1/tensorflow/tensorflow.go `genTFConfigJSONStr`, `genClusterSpec`,
// `convertClusterSpecToSparseClusterSpec`; util.go `isDistributed`, `GetPortFromTFJob`; reference §3):
//  * only for distributed jobs: the replicas of Chief, Evaluator, Master, PS and Worker must not add up to 1;
//  * appended to the env of the first container named `tensorflow`;
//  * dense form: {"cluster":{<type>:[<job>-<type>-<i>.<ns>.svc:<port>…] with keys sorted},"task":{"type","index"},
//    "environment":"cloud"}; every type of the spec is listed (Evaluator included), 0 replicas give [];
//  * sparse form (enableDynamicWorker): {"cluster":{"worker":{"<i>":own address} or {},"ps":[…]},"task":{…}}.
// The lab's operator has no CUSTOM_CLUSTER_DOMAIN (the stock deployment does not set it).
import type { PodTemplateSpec } from '../../../api/kinds.ts';
import { compareStrings } from '../../../api/api-server.ts';
import { replicaName, type DefaultedJob } from '../common/types.ts';

export const TF_CONFIG = 'TF_CONFIG';
const CONTAINER = 'tensorflow';
const PORT_NAME = 'tfjob-port';
const DEFAULT_PORT = 2222;
const KNOWN_TYPES = ['Chief', 'Evaluator', 'Master', 'PS', 'Worker'];

export function isDistributed(d: DefaultedJob): boolean {
  let count = 0;
  for (const type of KNOWN_TYPES) {
    const spec = d.replicas.find(([t]) => t === type)?.[1];
    if (spec) count += typeof spec.replicas === 'number' ? spec.replicas : 1;
  }
  return count !== 1;
}

/** `GetPortFromTFJob`: the `tfjob-port` of the type's `tensorflow` container, else 2222. */
function portOf(d: DefaultedJob, type: string): number {
  const spec = d.replicas.find(([t]) => t === type)?.[1];
  for (const c of spec?.template?.spec?.containers ?? []) {
    if (c.name !== CONTAINER) continue;
    const p = (c.ports ?? []).find((x) => x.name === PORT_NAME);
    if (p) return p.containerPort;
  }
  return DEFAULT_PORT;
}

/** `genClusterSpec`: lowercased type → the addresses of its replicas. */
export function clusterSpec(d: DefaultedJob): Map<string, string[]> {
  const job = d.job;
  const cluster = new Map<string, string[]>();
  for (const [type, spec] of d.replicas) {
    const rt = type.toLowerCase();
    const port = portOf(d, type);
    const addresses: string[] = [];
    for (let i = 0; i < spec.replicas; i++) addresses.push(`${replicaName(job.metadata.name, rt, i)}.${job.metadata.namespace}.svc:${port}`);
    cluster.set(rt, addresses);
  }
  return cluster;
}

/** The TF_CONFIG value for replica `rt` (lowercased type) `index`, as Go's json.Marshal writes it. */
export function tfConfigJSON(d: DefaultedJob, rt: string, index: number): string {
  const cluster = clusterSpec(d);
  const task = { type: rt, index };
  if (d.spec.enableDynamicWorker === true) {
    const sparse: { worker: Record<string, string>; ps: string[] | null } = { worker: {}, ps: [] };
    if (rt === 'ps') sparse.ps = [cluster.get(rt)?.[index] as string];
    else if (rt === 'worker') {
      sparse.ps = cluster.get('ps') ?? null;
      sparse.worker[String(index)] = cluster.get(rt)?.[index] as string;
    }
    return JSON.stringify({ cluster: sparse, task });
  }
  const dense: Record<string, string[]> = {};
  for (const k of [...cluster.keys()].sort(compareStrings)) dense[k] = cluster.get(k)!;
  return JSON.stringify({ cluster: dense, task, environment: 'cloud' });
}

/** `SetClusterSpec`: TF_CONFIG on the first `tensorflow` container of a distributed job's pod. */
export function setTFClusterSpec(d: DefaultedJob, template: PodTemplateSpec, rt: string, index: number): undefined {
  if (!isDistributed(d)) return undefined;
  const value = tfConfigJSON(d, rt, index);
  const c = template.spec.containers.find((x) => x.name === CONTAINER);
  if (c) c.env = [...(c.env ?? []), { name: TF_CONFIG, value }];
  return undefined;
}
