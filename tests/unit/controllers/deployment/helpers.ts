// Shared set-up for the Deployment controller tests: the ReplicaSet and Deployment controllers with the
// fake kubelet, a Deployment manifest, `kubectl set image`/`scale`-like edits and recorders for events and
// statuses as they happen.
import type { Deployment, DeploymentStatus, EventObject, ReplicaSet } from '../../../../src/engine/api/kinds.ts';
import { DeploymentController } from '../../../../src/engine/controllers/deployment/deployment-controller.ts';
import { ReplicaSetController } from '../../../../src/engine/controllers/replicaset/replicaset-controller.ts';
import { Simulation } from '../../../../src/engine/sim/simulation.ts';
import { fakeKubelet, type FakeKubeletOptions } from '../fake-kubelet.ts';

export const T0 = Date.UTC(2026, 0, 1);
export const HASH = /^[456789bcdf]{1,10}$/;

export function newSim(kubelet: FakeKubeletOptions = {}): Simulation {
  return new Simulation({ startMs: T0, seed: 11, controllers: [new ReplicaSetController(), new DeploymentController(), fakeKubelet(kubelet)] });
}

export interface DeploymentOptions {
  strategy?: Record<string, unknown>;
  minReadySeconds?: number;
  revisionHistoryLimit?: number;
  progressDeadlineSeconds?: number;
  paused?: boolean;
  image?: string;
}

export function deploymentManifest(name: string, replicas: number, o: DeploymentOptions = {}): Record<string, unknown> {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, labels: { app: name } },
    spec: {
      replicas,
      ...(o.strategy ? { strategy: o.strategy } : {}),
      ...(o.minReadySeconds !== undefined ? { minReadySeconds: o.minReadySeconds } : {}),
      ...(o.revisionHistoryLimit !== undefined ? { revisionHistoryLimit: o.revisionHistoryLimit } : {}),
      ...(o.progressDeadlineSeconds !== undefined ? { progressDeadlineSeconds: o.progressDeadlineSeconds } : {}),
      ...(o.paused ? { paused: true } : {}),
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: name, image: o.image ?? 'nginx:1.27' }] } },
    },
  };
}

export function apply(sim: Simulation, manifest: Record<string, unknown>): void {
  const r = sim.apply(manifest);
  if (r.error) throw new Error(r.error.message);
}

export function getDeployment(sim: Simulation, name: string): Deployment {
  const d = sim.api.get<Deployment>('Deployment', 'default', name);
  if (!d) throw new Error(`no Deployment ${name}`);
  return d;
}

export function editDeployment(sim: Simulation, name: string, edit: (d: Deployment) => void): void {
  const r = sim.api.patch<Deployment>('Deployment', 'default', name, edit);
  if (!r.ok) throw new Error(r.error.message);
}

/** `kubectl set image deployment/<name> <name>=<image>`. */
export function setImage(sim: Simulation, name: string, image: string): void {
  editDeployment(sim, name, (d) => {
    d.spec!.template.spec.containers[0].image = image;
  });
}

/** The Deployment's ReplicaSets, oldest revision first. */
export function replicaSetsOf(sim: Simulation, name: string): ReplicaSet[] {
  const d = getDeployment(sim, name);
  return sim.api
    .list<ReplicaSet>('ReplicaSet')
    .filter((rs) => rs.metadata.ownerReferences?.some((r) => r.uid === d.metadata.uid))
    .sort((a, b) => Number(a.metadata.annotations?.['deployment.kubernetes.io/revision']) - Number(b.metadata.annotations?.['deployment.kubernetes.io/revision']));
}

/** The ReplicaSet whose template has this image. */
export function rsWithImage(sim: Simulation, name: string, image: string): ReplicaSet {
  const rs = replicaSetsOf(sim, name).find((r) => r.spec!.template.spec.containers[0].image === image);
  if (!rs) throw new Error(`no ReplicaSet with ${image}`);
  return rs;
}

export interface SeenEvent {
  time: number;
  type: string;
  reason: string;
  message: string;
  component: string;
}

/** Records every event about one object as it is emitted (a repeat of an aggregated event counts again). */
export function recordEvents(sim: Simulation, kind: string, name: string): SeenEvent[] {
  const seen: SeenEvent[] = [];
  sim.api.watch(['Event'], (e) => {
    const ev = e.object as EventObject;
    if (e.type === 'DELETED' || ev.involvedObject.kind !== kind || ev.involvedObject.name !== name) return;
    seen.push({ time: e.time, type: ev.type, reason: ev.reason, message: ev.message, component: ev.source.component });
  });
  return seen;
}

/** Records each distinct status the Deployment is written with. */
export function recordStatuses(sim: Simulation, name: string): { time: number; status: DeploymentStatus }[] {
  const seen: { time: number; status: DeploymentStatus }[] = [];
  sim.api.watch(['Deployment'], (e) => {
    const d = e.object as Deployment;
    if (d.metadata.name !== name || !d.status) return;
    if (JSON.stringify(d.status) !== JSON.stringify(seen.at(-1)?.status)) seen.push({ time: e.time, status: d.status });
  });
  return seen;
}

export function condition(status: DeploymentStatus | undefined, type: string) {
  return status?.conditions?.find((c) => c.type === type);
}
