// Small builders for TFJob / PyTorchJob objects as a YAML reader would produce them.

export type Obj = { apiVersion: string; kind: string; [k: string]: unknown };

/** `image: null` leaves the field out. */
export function container(name: string, image: string | null = 'img:1', extra: Record<string, unknown> = {}) {
  return image === null ? { name, ...extra } : { name, image, ...extra };
}

export function replica(containers: unknown[], extra: Record<string, unknown> = {}) {
  return { ...extra, template: { spec: { containers } } };
}

export function tfjob(replicaSpecs: Record<string, unknown> | undefined, spec: Record<string, unknown> = {}, name = 'test'): Obj {
  return {
    apiVersion: 'kubeflow.org/v1',
    kind: 'TFJob',
    metadata: { name },
    spec: replicaSpecs === undefined ? { ...spec } : { ...spec, tfReplicaSpecs: replicaSpecs },
  };
}

export function pytorchjob(replicaSpecs: Record<string, unknown> | undefined, spec: Record<string, unknown> = {}, name = 'test'): Obj {
  return {
    apiVersion: 'kubeflow.org/v1',
    kind: 'PyTorchJob',
    metadata: { name },
    spec: replicaSpecs === undefined ? { ...spec } : { ...spec, pytorchReplicaSpecs: replicaSpecs },
  };
}

/** A TFJob replica with one valid `tensorflow` container. */
export const tfReplica = (extra: Record<string, unknown> = {}) => replica([container('tensorflow')], extra);
/** A PyTorchJob replica with one valid `pytorch` container. */
export const ptReplica = (extra: Record<string, unknown> = {}) => replica([container('pytorch')], extra);
