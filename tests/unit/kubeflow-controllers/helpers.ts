// Shared pieces of the Training Operator controller tests: a default cluster with every controller, TFJob /
// PyTorchJob manifests to edit, container-behaviour annotations (notes/cli.md) on replica templates, and readers
// for a job's pods, Services, conditions and events.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { EventObject, Pod } from '../../../src/engine/api/kinds.ts';
import type { KubeObject } from '../../../src/engine/api/objects.ts';
import type { Controller } from '../../../src/engine/controllers/runtime.ts';
import { defaultControllers } from '../../../src/engine/sim/default-controllers.ts';
import { Simulation } from '../../../src/engine/sim/simulation.ts';
import { readManifests } from '../../../src/engine/yaml/index.ts';
import { CORPUS_DIR } from '../shared-dir.ts';

export const T0 = Date.UTC(2026, 0, 1);
export const KUBEFLOW_CORPUS = join(CORPUS_DIR, 'kubeflow-training');

export type Manifest = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string; annotations?: Record<string, string> }; spec: Record<string, unknown> };

export function cluster(controllers?: Controller[]): Simulation {
  return new Simulation({ startMs: T0, seed: 7, controllers: controllers ?? defaultControllers() });
}

export function corpusManifest(file: string): Manifest {
  const doc = readManifests(readFileSync(join(KUBEFLOW_CORPUS, file), 'utf8')).documents[0]!;
  return structuredClone(doc.value) as Manifest;
}

export function apply(sim: Simulation, m: Manifest): KubeObject {
  const r = sim.apply(m as unknown as Record<string, unknown>);
  expect(r.error).toBeUndefined();
  return r.object!;
}

type Replicas = Record<string, { template: { metadata?: { annotations?: Record<string, string> } } }>;

function replicaSpecs(m: Manifest): Replicas {
  return (m.spec.tfReplicaSpecs ?? m.spec.pytorchReplicaSpecs) as Replicas;
}

/** Adds container-behaviour annotations to one replica type's template (or every type with `*`). */
export function behave(m: Manifest, type: string, annotations: Record<string, string>): Manifest {
  for (const [t, spec] of Object.entries(replicaSpecs(m))) {
    if (type !== '*' && t !== type) continue;
    const meta = (spec.template.metadata ??= {});
    meta.annotations = { ...(meta.annotations ?? {}), ...annotations };
  }
  return m;
}

export const duration = (d: string) => ({ 'sim.workload-lab.dev/duration': d });

/** A TFJob with `tensorflow` containers (busybox-free image so the image decides nothing: annotations do). */
export function tfjob(name: string, replicas: Record<string, { replicas?: number; restartPolicy?: string; annotations?: Record<string, string>; gpus?: number }>, spec: Record<string, unknown> = {}, namespace?: string): Manifest {
  const specs: Record<string, unknown> = {};
  for (const [type, r] of Object.entries(replicas)) {
    specs[type] = {
      ...(r.replicas !== undefined ? { replicas: r.replicas } : {}),
      ...(r.restartPolicy ? { restartPolicy: r.restartPolicy } : {}),
      template: {
        ...(r.annotations ? { metadata: { annotations: r.annotations } } : {}),
        spec: { containers: [{ name: 'tensorflow', image: 'kubeflow/tf-dist-mnist-test:latest', ...(r.gpus ? { resources: { limits: { 'nvidia.com/gpu': String(r.gpus) } } } : {}) }] },
      },
    };
  }
  return { apiVersion: 'kubeflow.org/v1', kind: 'TFJob', metadata: { name, ...(namespace ? { namespace } : {}) }, spec: { ...spec, tfReplicaSpecs: specs } };
}

export function job(sim: Simulation, kind: string, name: string, namespace = 'default'): KubeObject | undefined {
  return sim.api.get(kind, namespace, name);
}

export type Condition = { type: string; status: string; reason?: string; message?: string; lastTransitionTime?: string; lastUpdateTime?: string };

export function conditions(o: KubeObject | undefined): Condition[] {
  return ((o?.status as { conditions?: Condition[] } | undefined)?.conditions ?? []).map((c) => ({ ...c }));
}

export function condition(o: KubeObject | undefined, type: string): Condition | undefined {
  return conditions(o).find((c) => c.type === type);
}

/** `[type, status]` pairs in order. */
export function conditionShape(o: KubeObject | undefined): string[] {
  return conditions(o).map((c) => `${c.type}=${c.status}`);
}

export function replicaStatuses(o: KubeObject | undefined): Record<string, Record<string, unknown>> | undefined {
  return (o?.status as { replicaStatuses?: Record<string, Record<string, unknown>> } | undefined)?.replicaStatuses;
}

export function pods(sim: Simulation, namespace = 'default'): Pod[] {
  return sim.api.list<Pod>('Pod', { namespace });
}

export function pod(sim: Simulation, name: string, namespace = 'default'): Pod | undefined {
  return sim.api.get<Pod>('Pod', namespace, name);
}

export function services(sim: Simulation, namespace = 'default'): KubeObject[] {
  return sim.api.list('Service', { namespace });
}

export function names(objs: readonly KubeObject[]): string[] {
  return objs.map((o) => o.metadata.name);
}

export function events(sim: Simulation, involvedName?: string): EventObject[] {
  return sim.api.list<EventObject>('Event').filter((e) => involvedName === undefined || e.involvedObject.name === involvedName);
}

export function eventReasons(sim: Simulation, involvedName: string): string[] {
  return events(sim, involvedName).map((e) => e.reason);
}

/** Runs in steps until `done` holds (or `capMs` passes); returns whether it held. */
export function runUntil(sim: Simulation, done: () => boolean, capMs = 600_000, stepMs = 100): boolean {
  const end = sim.now() + capMs;
  while (sim.now() < end) {
    if (done()) return true;
    sim.runFor(stepMs);
  }
  return done();
}

export function envOf(p: Pod | undefined, container = 0): Array<{ name: string; value?: string }> | undefined {
  return p?.spec?.containers[container]?.env?.map((e) => ({ name: e.name, value: e.value }));
}
