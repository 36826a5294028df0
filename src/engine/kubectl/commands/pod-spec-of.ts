// Where each workload kind keeps its pod spec (kubectl polymorphichelpers.updatePodSpecForObject).
import type { KubeObject } from '../../api/objects.ts';

export interface ContainerLike {
  name: string;
  image?: string;
}

export interface PodSpecLike {
  containers?: ContainerLike[];
  initContainers?: ContainerLike[];
}

/** The pod spec inside `obj` (a live reference, for mutation), or undefined for kinds without one. */
export function podSpecOf(obj: KubeObject): PodSpecLike | undefined {
  const spec = obj.spec as Record<string, unknown> | undefined;
  if (!spec) return undefined;
  const templateSpec = (t: unknown) => ((t as { spec?: PodSpecLike } | undefined)?.spec);
  switch (obj.kind) {
    case 'Pod':
      return spec as PodSpecLike;
    case 'Deployment':
    case 'ReplicaSet':
    case 'Job':
      return templateSpec(spec.template);
    case 'CronJob':
      return templateSpec((spec.jobTemplate as { spec?: { template?: unknown } } | undefined)?.spec?.template);
    default:
      return undefined;
  }
}
