// Shared pieces of the Job controller tests: a cluster with the Job, TTL-after-finished and garbage collector
// controllers and the node side (fail-attempts counted per Job / per completion index, as cli.md says), the
// corpus manifests, and readers for a Job's pods, events and watch stream.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { WatchEvent } from '../../../../src/engine/api/api-server.ts';
import type { EventObject, Pod } from '../../../../src/engine/api/kinds.ts';
import { GarbageCollector } from '../../../../src/engine/controllers/garbage-collector/garbage-collector.ts';
import { JobController } from '../../../../src/engine/controllers/job/job-controller.ts';
import type { Job, JobCondition } from '../../../../src/engine/controllers/job/job-types.ts';
import { TtlAfterFinishedController } from '../../../../src/engine/controllers/ttl-after-finished/ttl-after-finished-controller.ts';
import { nodeControllers, scopedAttempts, workloadAttemptScope } from '../../../../src/engine/node/index.ts';
import { Simulation } from '../../../../src/engine/sim/simulation.ts';
import { readManifests } from '../../../../src/engine/yaml/index.ts';

export const T0 = Date.UTC(2026, 0, 1);
const corpus = join(import.meta.dirname, '../../../../../shared/corpus/kubernetes-website');

export function jobCluster(seed = 1): Simulation {
  return new Simulation({
    startMs: T0,
    seed,
    controllers: [new JobController(), new TtlAfterFinishedController(), new GarbageCollector(), ...nodeControllers({ attempts: scopedAttempts(workloadAttemptScope) })],
  });
}

/** The first document of a corpus manifest, as a plain object to edit before applying. */
export function corpusJob(file: string): JobManifest {
  const doc = readManifests(readFileSync(join(corpus, file), 'utf8')).documents[0]!;
  return structuredClone(doc.value) as JobManifest;
}

/** Adds container-behaviour annotations (notes/cli.md) to a Job manifest's pod template. */
export function withPodAnnotations<T extends { spec: { template: { metadata?: Record<string, unknown> } } }>(job: T, annotations: Record<string, string>): T {
  const meta = (job.spec.template.metadata ??= {});
  meta.annotations = { ...((meta.annotations as Record<string, string>) ?? {}), ...annotations };
  return job;
}

/** A Job manifest as the tests edit it. */
export type JobManifest = Record<string, unknown> & { spec: Record<string, unknown> & { template: { metadata?: Record<string, unknown>; spec: Record<string, unknown> } } };

/** A Job manifest with one container (`main`, busybox) and the given spec fields. */
export function simpleJob(name: string, spec: Record<string, unknown>, opts: { annotations?: Record<string, string>; command?: string[]; restartPolicy?: string; image?: string } = {}): JobManifest {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name },
    spec: {
      ...spec,
      template: {
        ...(opts.annotations ? { metadata: { annotations: opts.annotations } } : {}),
        spec: {
          restartPolicy: opts.restartPolicy ?? 'Never',
          containers: [{ name: 'main', image: opts.image ?? 'busybox:1.36', ...(opts.command ? { command: opts.command } : {}) }],
        },
      },
    },
  };
}

export function applyJob(sim: Simulation, manifest: Record<string, unknown>): Job {
  const r = sim.apply(manifest);
  if (r.error) throw new Error(r.error.message);
  return r.object as Job;
}

export function getJob(sim: Simulation, name: string): Job | undefined {
  return sim.api.get<Job>('Job', 'default', name);
}

export function condition(job: Job | undefined, type: string): JobCondition | undefined {
  return job?.status?.conditions?.find((c) => c.type === type);
}

/** The Job's pods (by the job-name label), oldest first. */
export function podsOf(sim: Simulation, jobName: string): Pod[] {
  return sim.api
    .list<Pod>('Pod', { namespace: 'default', selector: { matchLabels: { 'batch.kubernetes.io/job-name': jobName } } })
    .sort((a, b) => a.metadata.creationTimestamp.localeCompare(b.metadata.creationTimestamp) || Number(a.metadata.resourceVersion) - Number(b.metadata.resourceVersion));
}

/** Events on an object of this kind and name, in the order they were first recorded. */
export function eventsOn(sim: Simulation, kind: string, name: string): EventObject[] {
  return sim.api
    .list<EventObject>('Event')
    .filter((e) => e.involvedObject.kind === kind && e.involvedObject.name === name)
    .sort((a, b) => a.firstTimestamp.localeCompare(b.firstTimestamp) || Number(a.metadata.resourceVersion) - Number(b.metadata.resourceVersion));
}

/** `reason: message` of the Job's events, in order. */
export function jobEventLines(sim: Simulation, name: string): string[] {
  return eventsOn(sim, 'Job', name).map((e) => `${e.type} ${e.reason}: ${e.message}`);
}

/** Every watch event of the given kinds from now on. */
export function record(sim: Simulation, kinds: string[]): WatchEvent[] {
  const out: WatchEvent[] = [];
  sim.api.watch(kinds, (e) => out.push(e));
  return out;
}

export function ms(iso: string | undefined): number {
  return Date.parse(iso ?? '');
}

/** The finishedAt of a pod's (first) container, ms. */
export function finishedAt(pod: Pod): number {
  return ms(pod.status?.containerStatuses?.[0]?.state.terminated?.finishedAt);
}
