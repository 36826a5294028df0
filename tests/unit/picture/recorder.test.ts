// The picture recorder on a real Simulation: timeline lanes, restart marks, the owner tree, nodes and the event
// log. Expected states and words come from the workloads reference (§ cited per test), timings from
// sim/latencies.ts and the container-behaviour annotations (shared/notes/cli.md), and every recorded time is
// checked against what the pod or the Events say themselves.
import { describe, expect, it } from 'vitest';
import type { EventObject, Pod } from '../../../src/engine/api/kinds.ts';
import { failNode } from '../../../src/engine/node/index.ts';
import { CRASHLOOP_STATUS_DELAY_MS } from '../../../src/engine/node/pod-worker.ts';
import { LATENCY } from '../../../src/engine/sim/latencies.ts';
import { PictureRecorder } from '../../../src/engine/picture/recorder.ts';
import type { OwnerNode } from '../../../src/engine/picture/types.ts';
import { applyOrThrow, floorToSecond, lanesOf, recordedCluster, T0 } from './helpers.ts';

const DURATION = 'sim.workload-lab.dev/duration';
const EXIT_CODE = 'sim.workload-lab.dev/exit-code';

function piJob(completions: number) {
  return {
    apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'pi' },
    spec: {
      completions,
      template: { metadata: { annotations: { [DURATION]: '5s' } }, spec: { restartPolicy: 'Never', containers: [{ name: 'pi', image: 'perl:5.34' }] } },
    },
  };
}

const crashingPod = {
  apiVersion: 'v1', kind: 'Pod', metadata: { name: 'crash', annotations: { [DURATION]: '2s', [EXIT_CODE]: '1' } },
  spec: { containers: [{ name: 'app', image: 'busybox:1.36' }] },
};

function web(image: string, replicas = 3) {
  return {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' },
    spec: {
      replicas, selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image }] } },
    },
  };
}

function cell(n: OwnerNode, header: string): string | undefined {
  return n.cells.find((c) => c.header === header)?.value;
}

describe('timeline lanes', () => {
  it('a Job with 3 completions: each pod goes Pending → ContainerCreating → Running → Succeeded at the times the pod reports', () => {
    const { sim, rec } = recordedCluster();
    applyOrThrow(sim, piJob(3));
    sim.runFor(120_000);
    const s = rec.snapshot();
    const lanes = lanesOf(s, 'pi-');
    expect(lanes).toHaveLength(3);
    for (const lane of lanes) {
      // §1.6: STATUS Pending (unscheduled) → ContainerCreating → Running → Completed (exit 0, phase Succeeded, §1.2)
      expect(lane.segments.map((g) => g.state)).toEqual(['Pending', 'ContainerCreating', 'Running', 'Succeeded']);
      expect(lane.segments.map((g) => g.status)).toEqual(['Pending', 'ContainerCreating', 'Running', 'Completed']);
      const [pending, creating, running, done] = lane.segments;
      expect(pending!.from).toBe(lane.createdAt);
      expect([pending!.to, creating!.to, running!.to]).toEqual([creating!.from, running!.from, done!.from]);
      expect(done!.to).toBeUndefined();
      expect(lane.deletedAt).toBeNull();
      // The scheduler binds LATENCY.scheduling after the pod appears; the container runs its annotated 5 s.
      expect(pending!.to! - pending!.from).toBe(LATENCY.scheduling);
      expect(running!.to! - running!.from).toBe(5_000);
      // Sandbox and container start at least (an image pull comes on top when the node lacks the image).
      expect(creating!.to! - creating!.from).toBeGreaterThanOrEqual(LATENCY.sandboxCreation + LATENCY.containerStart);
      // The pod's own timestamps (metav1.Time, whole seconds) agree.
      const pod = sim.api.get<Pod>('Pod', 'default', lane.name)!;
      const term = pod.status!.containerStatuses![0]!.state.terminated!;
      expect(floorToSecond(running!.from)).toBe(Date.parse(term.startedAt!));
      expect(floorToSecond(done!.from)).toBe(Date.parse(term.finishedAt!));
      expect(lane.node).toBe(pod.spec!.nodeName);
      expect(lane.owner).toEqual({ kind: 'Job', name: 'pi', key: 'Job/default/pi' });
      expect(lane.restarts).toEqual([]);
    }
    // parallelism 1 (§4.1 default): one pod at a time, so each lane starts after the previous one succeeded;
    // lanes are in creation order.
    expect(lanes[1]!.createdAt).toBeGreaterThanOrEqual(lanes[0]!.segments[3]!.from);
    expect(lanes[2]!.createdAt).toBeGreaterThanOrEqual(lanes[1]!.segments[3]!.from);
  });

  it('a crashing pod: Error after each exit, CrashLoopBackOff while backing off, a restart mark per restart (§1.3, §1.4)', () => {
    const { sim, rec } = recordedCluster();
    applyOrThrow(sim, crashingPod);
    sim.runFor(90_000);
    const lane = lanesOf(rec.snapshot(), 'crash')[0]!;
    const statuses = lane.segments.map((g) => g.status);
    expect(statuses.slice(0, 6)).toEqual(['Pending', 'ContainerCreating', 'Running', 'Error', 'Running', 'Error']);
    // The first exit is restarted at once; later ones wait in back-off, shown as CrashLoopBackOff (§1.4).
    expect(statuses.slice(6, 10)).toEqual(['CrashLoopBackOff', 'Running', 'Error', 'CrashLoopBackOff']);
    expect(lane.segments.filter((g) => g.status === 'Error').every((g) => g.state === 'Exited')).toBe(true);
    expect(lane.segments.filter((g) => g.status === 'CrashLoopBackOff').every((g) => g.state === 'CrashLoopBackOff')).toBe(true);

    const marks = lane.restarts;
    expect(marks.map((m) => m.count)).toEqual([1, 2, 3, 4]);
    // The replaced instance exited with the annotated code; reason Error for a non-zero exit (§1.3).
    for (const m of marks) expect(m).toMatchObject({ container: 'app', exitCode: 1, reason: 'Error' });
    // Each restart starts a Running segment; the gap after each exit is the back-off (0, 10 s, 20 s, 40 s)
    // plus the container start.
    const exits = lane.segments.filter((g) => g.state === 'Exited').map((g) => g.from);
    const runningStarts = lane.segments.filter((g) => g.state === 'Running').map((g) => g.from);
    expect(marks.map((m) => m.at)).toEqual(runningStarts.slice(1, 5));
    expect(marks.map((m, i) => m.at - exits[i]!)).toEqual([0, 10_000, 20_000, 40_000].map((b) => b + LATENCY.containerStart));
    // The kubelet reports CrashLoopBackOff on its next sync after the exit.
    const crashLoops = lane.segments.filter((g) => g.state === 'CrashLoopBackOff');
    expect(crashLoops[0]!.from - exits[1]!).toBe(CRASHLOOP_STATUS_DELAY_MS);

    // The pod's view says the same as kubectl's RESTARTS column.
    const pod = rec.snapshot().pods.find((p) => p.name === 'crash')!;
    expect(pod.restarts).toBe(sim.api.get<Pod>('Pod', 'default', 'crash')!.status!.containerStatuses![0]!.restartCount);
  });

  it('keeps the lanes of deleted pods: a rolling update closes the old pods\' lanes after Terminating', () => {
    const { sim, rec } = recordedCluster();
    applyOrThrow(sim, web('nginx:1.27'));
    sim.runFor(60_000);
    const firstPods = rec.snapshot().pods.map((p) => p.name);
    applyOrThrow(sim, web('nginx:1.28'));
    sim.runFor(120_000);
    const s = rec.snapshot();
    const old = s.lanes.filter((l) => firstPods.includes(l.name));
    expect(old).toHaveLength(3);
    for (const lane of old) {
      expect(lane.deletedAt).not.toBeNull();
      expect(s.pods.some((p) => p.uid === lane.id)).toBe(false);
      const last = lane.segments[lane.segments.length - 1]!;
      expect(last.to).toBe(lane.deletedAt);
      // §1.9: deletion shows Terminating first (a kubelet-terminated pod then ends in a terminal phase, §1.2).
      expect(lane.segments.map((g) => g.status)).toContain('Terminating');
    }
    expect(s.lanes).toHaveLength(6);
    // Creation order: the three old pods first.
    expect(s.lanes.slice(0, 3).map((l) => l.name)).toEqual(firstPods);
  });

  it('bounds memory: beyond maxLanes the oldest finished lanes are dropped and counted', () => {
    const { sim, rec } = recordedCluster({ maxLanes: 5 });
    applyOrThrow(sim, { ...piJob(8), spec: { ...piJob(8).spec, parallelism: 2 } });
    sim.runFor(600_000);
    const s = rec.snapshot();
    expect(s.pods.filter((p) => p.name.startsWith('pi-'))).toHaveLength(8);
    expect(s.lanes).toHaveLength(5);
    expect(s.lanesDropped).toBe(3);
    // The newest pods keep their lanes.
    const newest = s.pods.filter((p) => p.name.startsWith('pi-')).slice(-5).map((p) => p.uid);
    expect(s.lanes.map((l) => l.id)).toEqual(newest);
  });
});

describe('owner tree', () => {
  it('Deployment → ReplicaSet → Pods, with kubectl get columns (§0.1, §2.5, §3.13)', () => {
    const { sim, rec } = recordedCluster();
    applyOrThrow(sim, web('nginx:1.27'));
    sim.runFor(60_000);
    const s = rec.snapshot();
    const deploy = s.owners.find((n) => n.kind === 'Deployment')!;
    expect(deploy).toMatchObject({ key: 'Deployment/default/web', name: 'web' });
    expect(deploy.cells).toEqual([
      { header: 'READY', value: '3/3' }, { header: 'UP-TO-DATE', value: '3' }, { header: 'AVAILABLE', value: '3' },
    ]);
    expect(deploy.children).toHaveLength(1);
    const rs = deploy.children[0]!;
    expect(rs.kind).toBe('ReplicaSet');
    expect(rs.name).toMatch(/^web-[4-9bcdf]{6,10}$/);
    expect([cell(rs, 'DESIRED'), cell(rs, 'CURRENT'), cell(rs, 'READY')]).toEqual(['3', '3', '3']);
    expect(rs.children).toHaveLength(3);
    for (const pod of rs.children) {
      expect(pod.kind).toBe('Pod');
      expect(pod.name).toMatch(new RegExp(`^${rs.name}-[bcdfghjklmnpqrstvwxz2456789]{5}$`));
      // A pod's columns live in its PodView (kubectl get pods: READY 1/1, STATUS Running, RESTARTS 0).
      expect(pod.cells).toEqual([]);
      expect(pod.children).toEqual([]);
      const view = s.pods.find((p) => p.key === pod.key)!;
      expect([view.ready, view.status, view.restarts, view.state]).toEqual(['1/1', 'Running', 0, 'Running']);
    }
    // The pods' views and lanes name the whole chain.
    for (const p of s.pods) {
      expect(p.owner).toEqual({ kind: 'ReplicaSet', name: rs.name, key: rs.key });
      expect(p.root).toEqual({ kind: 'Deployment', name: 'web', key: 'Deployment/default/web' });
    }
    expect(s.lanes.every((l) => l.root?.key === 'Deployment/default/web')).toBe(true);
  });

  it('CronJob → Job → Pod, and a bare Pod as its own root (§5.9)', () => {
    const { sim, rec } = recordedCluster();
    applyOrThrow(sim, {
      apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'tick' },
      spec: { schedule: '* * * * *', jobTemplate: { spec: { template: { metadata: { annotations: { [DURATION]: '5s' } }, spec: { restartPolicy: 'OnFailure', containers: [{ name: 'c', image: 'busybox:1.36' }] } } } } },
    });
    sim.runFor(1_000);
    applyOrThrow(sim, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'solo' }, spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] } });
    sim.runFor(90_000);
    const s = rec.snapshot();
    expect(s.owners.map((n) => n.kind)).toEqual(['CronJob', 'Pod']);
    const cj = s.owners[0]!;
    expect(cj.cells.map((c) => c.header)).toEqual(['SCHEDULE', 'TIMEZONE', 'SUSPEND', 'ACTIVE']);
    expect(cj.children.length).toBeGreaterThanOrEqual(1);
    const job = cj.children[0]!;
    expect(job.kind).toBe('Job');
    expect(job.children.map((c) => c.kind)).toEqual(['Pod']);
    const podView = s.pods.find((p) => p.key === job.children[0]!.key)!;
    expect(podView.root).toEqual({ kind: 'CronJob', name: 'tick', key: 'CronJob/default/tick' });
    expect(s.owners[1]).toMatchObject({ key: 'Pod/default/solo', children: [] });
  });
});

describe('nodes', () => {
  it('the default cluster: status, taints, allocatable, GPU slots held by a GPU pod (default-cluster.ts)', () => {
    const { sim, rec } = recordedCluster();
    applyOrThrow(sim, {
      apiVersion: 'v1', kind: 'Pod', metadata: { name: 'trainer' },
      spec: { containers: [{ name: 'c', image: 'busybox:1.36', resources: { limits: { 'nvidia.com/gpu': '2' }, requests: { cpu: '500m' } } }] },
    });
    sim.runFor(30_000);
    const s = rec.snapshot();
    // kubectl get nodes order (by name)
    expect(s.nodes.map((n) => n.name)).toEqual(['gpu-node-1', 'gpu-node-2', 'node-1', 'node-2', 'node-3']);
    for (const n of s.nodes) {
      expect(n).toMatchObject({ ready: 'True', status: 'Ready', unschedulable: false, key: `Node//${n.name}` });
      expect(n.allocatable.pods).toBe(110);
    }
    const gpuNodes = s.nodes.filter((n) => n.name.startsWith('gpu-'));
    for (const n of gpuNodes) {
      expect(n.taints).toEqual([{ key: 'nvidia.com/gpu', value: 'present', effect: 'NoSchedule', text: 'nvidia.com/gpu=present:NoSchedule' }]);
      expect(n.gpuSlots).toHaveLength(4);
      expect(n.allocatable).toMatchObject({ cpuMilli: 8000, gpus: 4 });
    }
    const pod = s.pods.find((p) => p.name === 'trainer')!;
    expect(pod.gpus).toBe(2);
    const host = s.nodes.find((n) => n.name === pod.node)!;
    expect(host.name.startsWith('gpu-')).toBe(true);
    expect(host.gpuSlots).toEqual(['Pod/default/trainer', 'Pod/default/trainer', null, null]);
    expect(host.requested).toMatchObject({ cpuMilli: 500, gpus: 2, pods: 1 });
    expect(host.pods).toEqual(['Pod/default/trainer']);
    expect(s.nodes.find((n) => n.name === 'node-1')!.gpuSlots).toEqual([]);
  });

  it('a cordoned node shows SchedulingDisabled; a failed node goes NotReady after the grace period', () => {
    const { sim, rec } = recordedCluster();
    sim.runFor(1_000);
    const r = sim.api.patch('Node', undefined, 'node-2', (n) => {
      n.spec = { ...n.spec, unschedulable: true };
    });
    expect(r.ok).toBe(true);
    expect(failNode(sim.context, 'node-3')).toBeNull();
    sim.runFor(LATENCY.nodeMonitorGracePeriod + 10_000);
    const s = rec.snapshot();
    expect(s.nodes.find((n) => n.name === 'node-2')).toMatchObject({ unschedulable: true, status: 'Ready,SchedulingDisabled' });
    // The node lifecycle controller sets Ready=Unknown; kubectl prints NotReady (§ columns, printNode).
    const lost = s.nodes.find((n) => n.name === 'node-3')!;
    expect(lost).toMatchObject({ ready: 'Unknown', status: 'NotReady' });
    expect(lost.taints.map((t) => t.key)).toContain('node.kubernetes.io/unreachable');
  });
});

describe('event log', () => {
  it('records every Event with its object, keeps it after the API\'s 1 h TTL, and moves an aggregated one to its last time', () => {
    const { sim, rec } = recordedCluster();
    applyOrThrow(sim, crashingPod);
    sim.runFor(5 * 60_000);
    const early = rec.snapshot();
    const scheduled = early.events.find((e) => e.reason === 'Scheduled')!;
    expect(scheduled).toMatchObject({
      type: 'Normal', source: 'default-scheduler', count: 1,
      message: 'Successfully assigned default/crash to ' + early.pods[0]!.node,
      object: { kind: 'Pod', namespace: 'default', name: 'crash', key: 'Pod/default/crash', fieldPath: null },
    });
    // Times agree with the Event objects (whole seconds).
    for (const stored of sim.api.list<EventObject>('Event')) {
      const view = early.events.find((e) => e.id === stored.metadata.name)!;
      expect(floorToSecond(view.time)).toBe(Date.parse(stored.lastTimestamp));
      expect(view.count).toBe(stored.count);
    }
    // Oldest first by last occurrence.
    const times = early.events.map((e) => e.time);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    // BackOff repeats are aggregated by the recorder into one Event with a growing count (§1.4; api/events.ts).
    const backoff = early.events.find((e) => e.reason === 'BackOff')!;
    expect(backoff.type).toBe('Warning');
    expect(backoff.count).toBeGreaterThan(1);
    expect(backoff.object.fieldPath).toBe('spec.containers{app}');

    sim.runFor(2 * 3600_000);
    const late = rec.snapshot();
    expect(sim.api.list<EventObject>('Event').some((e) => e.reason === 'Scheduled')).toBe(false);
    expect(late.events.find((e) => e.id === scheduled.id)).toEqual(scheduled);
    const backoffLater = late.events.find((e) => e.id === backoff.id)!;
    expect(backoffLater.count).toBeGreaterThan(backoff.count);
    expect(backoffLater.seq).toBeGreaterThan(backoff.seq);
    expect(backoffLater.first).toBe(backoff.first);
  });
});

describe('snapshots', () => {
  function scenario() {
    const { sim, rec } = recordedCluster({ seed: 7 });
    applyOrThrow(sim, web('nginx:1.27', 4));
    applyOrThrow(sim, piJob(2));
    applyOrThrow(sim, crashingPod);
    const shots = [];
    for (let i = 0; i < 6; i++) {
      sim.runFor(15_000);
      shots.push(rec.snapshot());
    }
    return shots;
  }

  it('are plain JSON, survive structured cloning unchanged, and repeat exactly for the same seed', () => {
    const a = scenario();
    const b = scenario();
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    for (const s of a) {
      expect(JSON.parse(JSON.stringify(s))).toEqual(s);
      expect(structuredClone(s)).toEqual(s);
    }
    expect(a[5]!.now).toBe(T0 + 90_000);
    expect(a[5]!.startedAt).toBe(T0);
  });

  it('share unchanged sections and keep seq when nothing happened', () => {
    const { sim, rec } = recordedCluster();
    applyOrThrow(sim, web('nginx:1.27'));
    sim.runFor(60_000);
    const a = rec.snapshot();
    const b = rec.snapshot();
    expect(b.seq).toBe(a.seq);
    expect(b.lanes).toBe(a.lanes);
    expect(b.pods).toBe(a.pods);
    expect(b.owners).toBe(a.owners);
    applyOrThrow(sim, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'late' }, spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] } });
    sim.runFor(1_000);
    const c = rec.snapshot();
    expect(c.seq).toBeGreaterThan(b.seq);
    // The lanes of pods that did not change are the same objects.
    expect(c.lanes.slice(0, 3)).toEqual(a.lanes);
    c.lanes.slice(0, 3).forEach((l, i) => expect(l).toBe(a.lanes[i]));
    expect(a.totals.Running).toBe(3);
  });

  it('a pod\'s status changes reach its view and lane, not the owner tree or the nodes', () => {
    const { sim, rec } = recordedCluster();
    applyOrThrow(sim, crashingPod);
    sim.runFor(30_000);
    const a = rec.snapshot();
    sim.runFor(30_000);
    const b = rec.snapshot();
    expect(b.pods[0]!.restarts).toBeGreaterThan(a.pods[0]!.restarts);
    expect(b.lanes[0]!.rev).toBeGreaterThan(a.lanes[0]!.rev);
    expect(b.owners).toBe(a.owners);
    expect(b.nodes).toBe(a.nodes);
  });

  it('after dispose, the recorder no longer follows the cluster', () => {
    const { sim, rec } = recordedCluster();
    applyOrThrow(sim, web('nginx:1.27'));
    sim.runFor(60_000);
    rec.dispose();
    const before = rec.snapshot();
    applyOrThrow(sim, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'after-dispose' }, spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] } });
    sim.runFor(1_000);
    expect(rec.snapshot().pods).toBe(before.pods);
  });

  it('a recorder attached to a running cluster starts its lanes at attach time and keeps the stored events', () => {
    const { sim, rec: early } = recordedCluster();
    early.dispose();
    applyOrThrow(sim, web('nginx:1.27'));
    sim.runFor(60_000);
    const late = new PictureRecorder(sim);
    const s = late.snapshot();
    expect(s.startedAt).toBe(T0 + 60_000);
    expect(s.pods).toHaveLength(3);
    for (const lane of s.lanes) {
      // Created before the recorder (creationTimestamp, whole seconds); history from attach time.
      expect(lane.createdAt).toBe(T0);
      expect(lane.segments).toEqual([{ state: 'Running', status: 'Running', from: T0 + 60_000 }]);
    }
    expect(s.events.filter((e) => e.reason === 'Scheduled')).toHaveLength(3);
    expect(s.owners.map((n) => n.key)).toEqual(['Deployment/default/web']);
  });
});
