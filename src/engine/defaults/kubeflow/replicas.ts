// Per-replica defaulting shared by TFJob and PyTorchJob
// (release-1.9 pkg/apis/kubeflow.org/v1/defaulting_utils.go).

import { containersOf, isObject, type JsonObject, type KubeflowKind } from '../../validate/kubeflow/kinds.ts';

/**
 * `setTypeNameToCamelCase` for each canonical type in turn: the first key that equals it ignoring case (but
 * not exactly) is renamed, replacing an exact key if both exist. Keys keep their position.
 */
export function normalizeReplicaTypeNames(specs: JsonObject, kind: KubeflowKind): JsonObject {
  let out = specs;
  for (const type of kind.replicaTypes) {
    const from = Object.keys(out).find((k) => k !== type && k.toLowerCase() === type.toLowerCase());
    if (from === undefined) continue;
    const next: JsonObject = {};
    for (const [k, v] of Object.entries(out)) {
      if (k === from) next[type] = v;
      else if (k !== type) next[k] = v;
    }
    out = next;
  }
  return out;
}

/**
 * `setDefaultReplicas(1)`, `setDefaultRestartPolicy` (an empty string counts as unset) and the default port:
 * `{name: <portName>, containerPort: <port>}` appended to the framework container (container 0 if none has
 * its name) unless that container already has a port of that name. No protocol is set: the controller never
 * writes the spec back, and the API server defaults the port to TCP on the pods it creates.
 */
export function defaultReplicaSpec(replica: JsonObject, kind: KubeflowKind): void {
  if (replica.replicas === undefined || replica.replicas === null) replica.replicas = 1;
  if (replica.restartPolicy === undefined || replica.restartPolicy === null || replica.restartPolicy === '') {
    replica.restartPolicy = kind.defaultRestartPolicy;
  }
  // Upstream indexes containers[0] unconditionally; the webhook has made sure there is one.
  const containers = containersOf(replica);
  if (containers.length === 0) return;
  let index = containers.findIndex((c) => isObject(c) && c.name === kind.defaultContainerName);
  if (index < 0) index = 0;
  const container = containers[index];
  if (!isObject(container)) return;
  const ports = Array.isArray(container.ports) ? container.ports : [];
  if (ports.some((p) => isObject(p) && p.name === kind.defaultPortName)) return;
  container.ports = [...ports, { name: kind.defaultPortName, containerPort: kind.defaultPort }];
}
