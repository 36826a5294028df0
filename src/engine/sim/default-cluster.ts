// The cluster a simulation gets when the input has no v1 Node documents: three CPU workers and two GPU
// workers, sized like common cloud machines, so that Deployment lessons spread pods and TFJob lessons can
// ask for `nvidia.com/gpu`. As managed clusters do, the GPU nodes carry the taint
// `nvidia.com/gpu=present:NoSchedule`, and the ExtendedResourceToleration admission plugin (see
// api/pod-admission.ts) gives pods that request GPUs the matching toleration: ordinary pods stay on the CPU
// nodes. Documented in the README.
import type { Node } from '../api/kinds.ts';

interface NodeShape {
  name: string;
  cpu: string;
  memory: string;
  gpus?: number;
  ip: string;
}

const SHAPES: NodeShape[] = [
  { name: 'node-1', cpu: '4', memory: '16Gi', ip: '10.0.0.11' },
  { name: 'node-2', cpu: '4', memory: '16Gi', ip: '10.0.0.12' },
  { name: 'node-3', cpu: '4', memory: '16Gi', ip: '10.0.0.13' },
  { name: 'gpu-node-1', cpu: '8', memory: '64Gi', gpus: 4, ip: '10.0.1.11' },
  { name: 'gpu-node-2', cpu: '8', memory: '64Gi', gpus: 4, ip: '10.0.1.12' },
];

/** A v1 Node as the user would write it (the simulation fills in status conditions and node info). */
export function nodeManifest(shape: NodeShape): Node {
  const resources: Record<string, string> = {
    cpu: shape.cpu,
    memory: shape.memory,
    pods: '110',
    'ephemeral-storage': '100Gi',
  };
  if (shape.gpus) resources['nvidia.com/gpu'] = String(shape.gpus);
  const labels: Record<string, string> = {
    'kubernetes.io/hostname': shape.name,
    'kubernetes.io/os': 'linux',
    'kubernetes.io/arch': 'amd64',
  };
  if (shape.gpus) {
    labels['nvidia.com/gpu.present'] = 'true';
    labels['nvidia.com/gpu.product'] = 'NVIDIA-A100-SXM4-40GB';
  }
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: shape.name, labels, uid: '', resourceVersion: '', creationTimestamp: '' },
    spec: shape.gpus ? { taints: [{ key: 'nvidia.com/gpu', value: 'present', effect: 'NoSchedule' }] } : {},
    status: {
      capacity: { ...resources },
      allocatable: { ...resources },
      addresses: [
        { type: 'InternalIP', address: shape.ip },
        { type: 'Hostname', address: shape.name },
      ],
    },
  };
}

export function defaultClusterNodes(): Node[] {
  return SHAPES.map(nodeManifest);
}
