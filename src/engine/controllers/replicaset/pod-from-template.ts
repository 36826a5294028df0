// The pod a ReplicaSet creates (§0.1, §0.2; GetPodFromTemplate and RealPodControl.createPods of
// pkg/controller/controller_utils.go): generateName `<owner>-`, the template's labels, annotations and
// finalizers, one controller ownerReference, the template's spec — then what the API server does to a new
// Pod (its defaults and initial status). Name and uid come from the API server's seeded randomness.
import type { Pod, PodTemplateSpec } from '../../api/kinds.ts';
import { clone, newControllerRef, type KubeObject } from '../../api/objects.ts';
import { applyDefaults } from '../../defaults/index.ts';

export function podFromTemplate(template: PodTemplateSpec, owner: KubeObject): Pod {
  const meta = template.metadata ?? {};
  const draft: Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: '',
      namespace: owner.metadata.namespace,
      uid: '',
      resourceVersion: '',
      creationTimestamp: '',
      ...(meta.labels ? { labels: { ...meta.labels } } : {}),
      ...(meta.annotations ? { annotations: { ...meta.annotations } } : {}),
      ...(Array.isArray(meta.finalizers) ? { finalizers: [...(meta.finalizers as string[])] } : {}),
      ownerReferences: [newControllerRef(owner)],
    },
    spec: clone(template.spec),
  };
  // Defaults first, without generateName: the API server (createInternal) draws the name and the uid.
  const pod = applyDefaults(draft, { uid: '', namespace: owner.metadata.namespace ?? 'default' });
  pod.metadata.name = '';
  pod.metadata.generateName = `${owner.metadata.name}-`;
  return pod;
}
