// The pod a ReplicaSet creates (§0.1, §0.2; GetPodFromTemplate and RealPodControl.createPods of
// pkg/controller/controller_utils.go): generateName `<owner>-`, the template's labels, annotations and
// finalizers, one controller ownerReference, the template's spec — then what the API server does to a new
// Pod (its defaults and initial status). Name and uid come from the API server's seeded randomness.
import type { Pod, PodTemplateSpec } from '../../api/kinds.ts';
import { clone, identicalJson, newControllerRef, type KubeObject } from '../../api/objects.ts';
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

/**
 * podFromTemplate, computed once per template: the pod depends only on the template and its owner, and a
 * ReplicaSet scaled to 1,000 would otherwise run the API server's pod defaults 1,000 times over the same
 * template. One entry per owner: the last template it was asked for (a stored object: never changed in
 * place) and the pod. A scale writes a new ReplicaSet object with a copy of the same template: a template with
 * the same JSON text (identicalJson) gives the same pod. The pod returned is shared: the caller copies it
 * before changing it (createInternal without handOver does).
 */
export class TemplatePods {
  #byOwner = new Map<string, { template: PodTemplateSpec; ownerName: string; ownerNamespace: string | undefined; pod: Pod }>();

  podFor(template: PodTemplateSpec, owner: KubeObject): Pod {
    const meta = owner.metadata;
    const last = this.#byOwner.get(meta.uid);
    if (last && last.ownerName === meta.name && last.ownerNamespace === meta.namespace && (last.template === template || identicalJson(last.template, template))) {
      last.template = template;
      return last.pod;
    }
    const pod = podFromTemplate(template, owner);
    this.#byOwner.set(meta.uid, { template, ownerName: meta.name, ownerNamespace: meta.namespace, pod });
    return pod;
  }

  /** The owner is gone. */
  forget(ownerUid: string): void {
    this.#byOwner.delete(ownerUid);
  }
}
