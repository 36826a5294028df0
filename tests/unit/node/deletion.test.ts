// Graceful deletion (§1.9): Terminating, not ready at once, Killing events, SIGTERM / SIGKILL exit codes,
// terminal phase, then the kubelet removes the pod.
import { describe, expect, it } from 'vitest';
import type { Pod } from '../../../src/engine/api/kinds.ts';
import { SIGTERM_EXIT_MS } from '../../../src/engine/node/container-behaviour.ts';
import { apply, cluster, condition, getPod, node, pod, podEvents, record, statusColumn } from './helpers.ts';

const oneNode = () => cluster({ nodes: [node({ name: 'node-1' })] });

describe('graceful deletion', () => {
  it('a server that handles SIGTERM stops quickly, the pod ends Succeeded and is removed', () => {
    const sim = oneNode();
    const watch = record(sim);
    apply(sim, pod({ name: 'web' }));
    sim.runFor(10_000);
    const deletedAt = sim.now();
    sim.api.delete('Pod', 'default', 'web');
    // Terminating at once, and not ready at the same instant (§1.5 "On deletion the pod becomes not-ready immediately")
    const p = getPod(sim, 'web')!;
    expect(p.metadata.deletionTimestamp).toBe('2026-01-01T00:00:40Z');
    expect(statusColumn(p)).toBe('Terminating');
    sim.runFor(0);
    expect(condition(getPod(sim, 'web'), 'Ready')).toMatchObject({ status: 'False', reason: 'ContainersNotReady' });
    expect(podEvents(sim, 'web').filter((e) => e.reason === 'Killing').map((e) => [e.message, e.involvedObject.fieldPath])).toEqual([['Stopping container app', 'spec.containers{app}']]);
    sim.runFor(SIGTERM_EXIT_MS + 1000);
    expect(getPod(sim, 'web')).toBeUndefined();
    const last = watch.filter((e) => e.object.metadata.name === 'web' && e.type === 'MODIFIED').pop()!.object as Pod;
    expect(last.status!.phase).toBe('Succeeded');
    expect(last.status!.containerStatuses![0]!.state.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
    const gone = watch.find((e) => e.type === 'DELETED' && e.object.metadata.name === 'web')!;
    expect(gone.time - deletedAt).toBe(SIGTERM_EXIT_MS);
  });

  it('a `sleep` that ignores SIGTERM is killed with 137 at the end of the grace period; the pod ends Failed', () => {
    const sim = oneNode();
    const watch = record(sim);
    apply(sim, pod({ name: 'sleeper', image: 'busybox:1.36', command: ['sleep', '3600'] }));
    sim.runFor(10_000);
    const deletedAt = sim.now();
    sim.api.delete('Pod', 'default', 'sleeper');
    sim.runFor(29_000);
    expect(statusColumn(getPod(sim, 'sleeper')!)).toBe('Terminating');
    sim.runFor(2_000);
    expect(getPod(sim, 'sleeper')).toBeUndefined();
    const last = watch.filter((e) => e.object.metadata.name === 'sleeper' && e.type === 'MODIFIED').pop()!.object as Pod;
    expect(last.status!.phase).toBe('Failed');
    expect(last.status!.containerStatuses![0]!.state.terminated).toMatchObject({ exitCode: 137, reason: 'Error' });
    expect(watch.find((e) => e.type === 'DELETED')!.time - deletedAt).toBe(30_000);
  });

  it('honours --grace-period and removes a pod that never started at once', () => {
    const sim = oneNode();
    apply(sim, pod({ name: 'sleeper', image: 'busybox:1.36', command: ['sleep', '3600'] }));
    sim.runFor(10_000);
    sim.api.delete('Pod', 'default', 'sleeper', { gracePeriodSeconds: 5 });
    sim.runFor(4_900);
    expect(getPod(sim, 'sleeper')).toBeDefined();
    sim.runFor(200);
    expect(getPod(sim, 'sleeper')).toBeUndefined();

    apply(sim, pod({ name: 'pulling', image: 'nginx:1.999', annotations: { 'sim.workload-lab.dev/image-pull': 'fail' } }));
    sim.runFor(5_000);
    const watch = record(sim);
    sim.api.delete('Pod', 'default', 'pulling');
    sim.runFor(100);
    expect(getPod(sim, 'pulling')).toBeUndefined();
    const last = watch.filter((e) => e.type === 'MODIFIED').pop()!.object as Pod;
    // TerminatePod: a container without a final state is reported as ContainerStatusUnknown (§1.3)
    expect(last.status!.containerStatuses![0]!.state.terminated).toEqual({ exitCode: 137, reason: 'ContainerStatusUnknown', message: 'The container could not be located when the pod was terminated' });
    expect(last.status!.phase).toBe('Failed');
  });

  it('an unscheduled pod and a finished pod are removed by the API at once', () => {
    const sim = cluster({ nodes: [node({ name: 'n1' })] });
    apply(sim, pod({ name: 'lost', nodeSelector: { nope: 'x' } }));
    apply(sim, pod({ name: 'done', image: 'busybox:1.36', command: ['true'], restartPolicy: 'Never' }));
    sim.runFor(10_000);
    expect(getPod(sim, 'done')!.status!.phase).toBe('Succeeded');
    sim.api.delete('Pod', 'default', 'lost');
    sim.api.delete('Pod', 'default', 'done');
    expect(getPod(sim, 'lost')).toBeUndefined();
    expect(getPod(sim, 'done')).toBeUndefined();
  });
});
