// The one piece of a kubelet's memory that changes what a periodic run does and is not in the store: the images
// it has pulled. A node among those the scheduler picks from at random for the recent pods (the nodes sharing the
// highest score) that has not pulled their image yet would pull it the first time the choice lands there: an
// hour unlike the others, at some unknown point of the skipped ones, after which that node behaves differently.
// So the jump waits until every such node has every image the recent pods use (unless their pull policy pulls
// every time anyway, or never).
import type { Pod } from '../../api/kinds.ts';
import type { KubeObject } from '../../api/objects.ts';
import { kubeletFor } from '../../node/kubelet.ts';
import { runtimeImageName } from '../../node/images.ts';
import { schedulerFor } from '../../node/scheduler.ts';
import type { Simulation } from '../simulation.ts';
import { createdMs } from './translation.ts';

export function imagesSettled(sim: Simulation, sinceMs: number): boolean {
  const kubelets = kubeletFor(sim.api);
  const scheduler = schedulerFor(sim.api);
  if (!kubelets || !scheduler) return true;
  for (const o of sim.api.storedObjects()) {
    if (o.kind !== 'Pod' || !isRecent(o, sinceMs)) continue;
    const pod = o as Pod;
    const images = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])]
      .filter((c) => (c.imagePullPolicy ?? 'IfNotPresent') === 'IfNotPresent' && typeof c.image === 'string')
      .map((c) => runtimeImageName(c.image!));
    for (const node of scheduler.bestNodes(pod)) {
      for (const image of images) if (!kubelets.imagePresent(node, image)) return false;
    }
  }
  return true;
}

function isRecent(o: KubeObject, sinceMs: number): boolean {
  const created = createdMs(o);
  return created !== null && created >= sinceMs;
}
