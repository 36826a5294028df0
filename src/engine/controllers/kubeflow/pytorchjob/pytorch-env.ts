// PyTorchJob's per-pod configuration (release-1.9 pkg/controller.v1/pytorch/envvar.go `setPodEnv`, master.go,
// elastic.go, initcontainer.go; reference §5.2, §5.3). Every container gets, after its own env: PYTHONUNBUFFERED;
// with a Master: MASTER_PORT, PET_MASTER_PORT, MASTER_ADDR, PET_MASTER_ADDR, WORLD_SIZE, RANK, PET_NODE_RANK;
// PET_NPROC_PER_NODE when set; then PET_NNODES, or with elasticPolicy the rendezvous variables. Workers of a job
// with a Master also get the `init-pytorch` init container that waits for the master's Service name.
import type { Container, PodTemplateSpec } from '../../../api/kinds.ts';
import { isObject, type JsonObject } from '../../../validate/kubeflow/kinds.ts';
import { replicaName, replicaSpecOf, type DefaultedJob } from '../common/types.ts';

type EnvVar = { name: string; value: string };

const CONTAINER = 'pytorch';
const PORT_NAME = 'pytorchjob-port';
/** The operator's `--pytorch-init-container-image` and `--pytorch-init-container-max-tries` defaults. */
export const INIT_CONTAINER_IMAGE = 'alpine:3.10';
export const INIT_CONTAINER_MAX_TRIES = 100;

/** `getPortFromPyTorchJob`: the `pytorchjob-port` of the type's `pytorch` container. */
function portOf(d: DefaultedJob, type: string): number | undefined {
  for (const c of replicaSpecOf(d, type)?.template?.spec?.containers ?? []) {
    if (c.name !== CONTAINER) continue;
    const p = (c.ports ?? []).find((x) => x.name === PORT_NAME);
    if (p) return p.containerPort;
  }
  return undefined;
}

/** `getNprocPerNodeInt`: nprocPerNode as an integer; `auto`, `cpu`, `gpu` and anything else count as 1. */
function nprocPerNodeInt(d: DefaultedJob): number {
  const v = d.spec.nprocPerNode;
  return typeof v === 'string' && /^[+-]?\d+$/.test(v) ? Number(v) : 1;
}

const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** `ElasticEnvVarGenerator.Generate`; an error text when a port is missing. */
function elasticEnv(d: DefaultedJob, elastic: JsonObject): EnvVar[] | string {
  const job = d.job;
  const host = str(elastic.rdzvHost) ?? `${job.metadata.name}-worker-0`;
  const port = num(elastic.rdzvPort) ?? portOf(d, 'Worker');
  if (port === undefined) return 'port not found';
  const env: EnvVar[] = [
    { name: 'PET_RDZV_ENDPOINT', value: `${host}:${port}` },
    { name: 'PET_RDZV_BACKEND', value: str(elastic.rdzvBackend) ?? 'c10d' },
  ];
  const min = num(elastic.minReplicas);
  const max = num(elastic.maxReplicas);
  if (min === undefined && max === undefined) {
    const worker = replicaSpecOf(d, 'Worker');
    if (!worker) return 'cannot find the worker spec';
    env.push({ name: 'PET_NNODES', value: String(worker.replicas) });
  } else env.push({ name: 'PET_NNODES', value: `${min ?? 0}:${max ?? 0}` });
  if (num(elastic.maxRestarts) !== undefined) env.push({ name: 'PET_MAX_RESTARTS', value: String(elastic.maxRestarts) });
  if (num(elastic.nProcPerNode) !== undefined) env.push({ name: 'PET_NPROC_PER_NODE', value: String(elastic.nProcPerNode) });
  if (str(elastic.rdzvId) !== undefined) env.push({ name: 'PET_RDZV_ID', value: str(elastic.rdzvId)! });
  if (Array.isArray(elastic.rdzvConf)) {
    const conf = (elastic.rdzvConf as JsonObject[]).map((c) => `${String(c.key ?? '')}=${String(c.value ?? '')}`).join(',');
    env.push({ name: 'PET_RDZV_CONF', value: conf });
  }
  if (elastic.standalone === true) env.push({ name: 'PET_STANDALONE', value: '' });
  return env;
}

/** `setPodEnv`: the variables of one pod, the same for every container; an error text when a port is missing. */
export function pytorchEnv(d: DefaultedJob, rt: string, index: number): EnvVar[] | string {
  const job = d.job;
  const total = d.replicas.reduce((n, [, s]) => n + s.replicas, 0);
  const env: EnvVar[] = [{ name: 'PYTHONUNBUFFERED', value: '1' }];
  if (replicaSpecOf(d, 'Master')) {
    const port = portOf(d, 'Master');
    if (port === undefined) return 'port not found';
    const addr = replicaName(job.metadata.name, 'Master', 0);
    const rank = rt === 'worker' ? index + 1 : index;
    env.push(
      { name: 'MASTER_PORT', value: String(port) },
      { name: 'PET_MASTER_PORT', value: String(port) },
      { name: 'MASTER_ADDR', value: addr },
      { name: 'PET_MASTER_ADDR', value: addr },
      { name: 'WORLD_SIZE', value: String(total * nprocPerNodeInt(d)) },
      { name: 'RANK', value: String(rank) },
      { name: 'PET_NODE_RANK', value: String(rank) },
    );
  }
  if (typeof d.spec.nprocPerNode === 'string') env.push({ name: 'PET_NPROC_PER_NODE', value: d.spec.nprocPerNode });
  if (isObject(d.spec.elasticPolicy)) {
    const elastic = elasticEnv(d, d.spec.elasticPolicy);
    if (typeof elastic === 'string') return elastic;
    env.push(...elastic);
  } else env.push({ name: 'PET_NNODES', value: String(total) });
  return env;
}

/** The default `init-pytorch` container (initcontainer.go's template with the operator's default flags). */
export function initPytorchContainer(masterAddr: string): Container {
  return {
    name: 'init-pytorch',
    image: INIT_CONTAINER_IMAGE,
    imagePullPolicy: 'IfNotPresent',
    resources: { limits: { cpu: '100m', memory: '20Mi' }, requests: { cpu: '50m', memory: '10Mi' } },
    command: [
      'sh',
      '-c',
      `err=1;for i in $(seq ${INIT_CONTAINER_MAX_TRIES}); do if nslookup ${masterAddr}; then err=0 && break; fi;echo waiting for master; sleep 2; done; exit $err`,
    ],
  };
}

/** `SetClusterSpec` of PyTorchJob: env on every container, then the workers' init container. */
export function setPyTorchClusterSpec(d: DefaultedJob, template: PodTemplateSpec, rt: string, index: number): string | undefined {
  const env = pytorchEnv(d, rt, index);
  if (typeof env === 'string') return env;
  for (const c of template.spec.containers) c.env = [...(c.env ?? []), ...env.map((e) => ({ ...e }))];
  if (replicaSpecOf(d, 'Master') && rt === 'worker') {
    template.spec.initContainers = [...(template.spec.initContainers ?? []), initPytorchContainer(replicaName(d.job.metadata.name, 'Master', 0))];
  }
  return undefined;
}
