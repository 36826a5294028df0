// RollingUpdate never grows an old ReplicaSet (§3.6; rolling.go cleanupUnhealthyReplicas /
// scaleDownOldReplicaSetsForRollingUpdate): an old ReplicaSet whose status still counts the pods a scale-down
// just removed (status.availableReplicas > spec.replicas, until the ReplicaSet controller catches up) makes
// cleanupUnhealthyReplicas refuse the "cleanup" (upstream's "got invalid request to scale down" error) and
// reconcileOldReplicaSets report "nothing scaled" for that sync. Only a change of spec.replicas
// (proportional scaling, §3.8) may scale an old ReplicaSet up.
//
// Every expected event below is worked out by hand from §3.6 / §3.8, for a Deployment of 10 replicas with
// maxSurge 3 and maxUnavailable 2: maxTotal = 10 + 3 = 13, minAvailable = 10 − 2 = 8, and per sync
// maxScaledDown = Σspec − minAvailable − (new.spec − new.available).
import { describe, expect, it } from 'vitest';
import type { ReplicaSet } from '../../../../src/engine/api/kinds.ts';
import { DeploymentController } from '../../../../src/engine/controllers/deployment/deployment-controller.ts';
import type { Controller } from '../../../../src/engine/controllers/runtime.ts';
import { defaultControllers } from '../../../../src/engine/sim/default-controllers.ts';
import { runSimulation } from '../../../../src/engine/sim/run-simulation.ts';
import { LATENCY } from '../../../../src/engine/sim/latencies.ts';
import { Simulation } from '../../../../src/engine/sim/simulation.ts';
import { T0, apply, deploymentManifest, editDeployment, newSim, recordEvents, rsWithImage, setImage } from './helpers.ts';

const STRATEGY = { type: 'RollingUpdate', rollingUpdate: { maxSurge: 3, maxUnavailable: 2 } };

const WEB_YAML = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 10
  strategy:
    type: RollingUpdate
    rollingUpdate:
      maxSurge: 3
      maxUnavailable: 2
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: web
        image: nginx:1.26
`;

const up = (rs: string, from: number, to: number) => `Scaled up replica set ${rs} from ${from} to ${to}`;
const down = (rs: string, from: number, to: number) => `Scaled down replica set ${rs} from ${from} to ${to}`;

/** What the ReplicaSet controller would report: `replicas` pods, `available` of them available. */
function reportStatus(sim: Simulation, name: string, replicas: number, available: number): void {
  const rs = sim.api.get<ReplicaSet>('ReplicaSet', 'default', name);
  if (!rs) throw new Error(`no ReplicaSet ${name}`);
  rs.status = { replicas, fullyLabeledReplicas: replicas, readyReplicas: available, availableReplicas: available, observedGeneration: rs.metadata.generation };
  const r = sim.api.updateStatus(rs);
  if (!r.ok) throw new Error(r.error.message);
}

describe('RollingUpdate with a stale old ReplicaSet status (cleanupUnhealthyReplicas guard)', () => {
  it('does nothing while the old ReplicaSet reports more available replicas than its spec, then resumes', () => {
    // Only the Deployment controller runs: the ReplicaSets' statuses are written by hand, so each sync sees
    // exactly the state the test sets up.
    const sim = new Simulation({ startMs: T0, seed: 3, controllers: [new DeploymentController()] });
    const events = recordEvents(sim, 'Deployment', 'web');
    apply(sim, deploymentManifest('web', 10, { strategy: STRATEGY, image: 'nginx:1.26' }));
    sim.runFor(1_000);
    const o = rsWithImage(sim, 'web', 'nginx:1.26').metadata.name;
    reportStatus(sim, o, 10, 10);
    sim.runFor(1_000);

    setImage(sim, 'web', 'nginx:1.27');
    sim.runFor(1_000);
    const n = rsWithImage(sim, 'web', 'nginx:1.27').metadata.name;
    // new: min(13 − 10, 10) = 3; old: maxScaledDown 13 − 8 − 3 = 2, available 10 − 8 = 2 → 8; new: 11 < 13 → +2 = 5;
    // then maxScaledDown 13 − 8 − 5 = 0: the rollout waits for new pods.
    expect(events.map((e) => e.message)).toEqual([up(o, 0, 10), up(n, 0, 3), down(o, 10, 8), up(n, 3, 5)]);

    // One new pod available, old status fresh: maxScaledDown 13 − 8 − 4 = 1, no unhealthy old replicas,
    // available 8 + 1 = 9 > 8 → old −1; then 12 < 13 → new +1.
    reportStatus(sim, o, 8, 8);
    reportStatus(sim, n, 5, 1);
    sim.runFor(1_000);
    expect(events.map((e) => e.message).slice(4)).toEqual([down(o, 8, 7), up(n, 5, 6)]);

    // The old ReplicaSet's status still says 8 available (spec is 7) when a second new pod becomes available:
    // maxScaledDown 13 − 8 − (6 − 2) = 1 > 0, but cleanupUnhealthyReplicas would ask for 7 − min(1, 7 − 8) = 8 > 7:
    // upstream refuses, reconcileOldReplicaSets scales nothing this sync (before the fix: "Scaled up … from 7 to 8",
    // then "Scaled down … from 8 to 6").
    reportStatus(sim, n, 6, 2);
    sim.runFor(1_000);
    expect(events.map((e) => e.message).slice(6)).toEqual([]);
    expect(sim.api.get<ReplicaSet>('ReplicaSet', 'default', o)!.spec!.replicas).toBe(7);

    // The ReplicaSet controller catches up: maxScaledDown 1, available 7 + 2 = 9 → old −1; then new +1.
    reportStatus(sim, o, 7, 7);
    sim.runFor(1_000);
    expect(events.map((e) => e.message).slice(6)).toEqual([down(o, 7, 6), up(n, 6, 7)]);
  });
});

interface ReportedRun {
  /** Old (nginx:1.26) and new (nginx:1.27) ReplicaSet names. */
  o: string;
  n: string;
  /** The ScalingReplicaSet messages, in order. */
  scaling: string[];
  /** Millisecond times at which the new ReplicaSet's availableReplicas rose; each rise must be by one. */
  newRises: number[];
  /** Times at which the old ReplicaSet's availableReplicas changed, with the new value. */
  oldAvailable: { time: number; available: number }[];
}

/** `workload-lab simulate --until 40s --at … web.yaml` on the default cluster, as the lesson author ran it. */
function runReported(at: { offsetMs: number; command: string }[]): ReportedRun {
  // A watcher (it acts on nothing) records ReplicaSet statuses with millisecond times.
  const seen: { time: number; rs: ReplicaSet }[] = [];
  const watcher: Controller = { name: 'test-watcher', start: (ctx) => ctx.api.watch(['ReplicaSet'], (e) => seen.push({ time: e.time, rs: e.object as ReplicaSet })) };
  const report = runSimulation({ files: [{ name: 'web.yaml', text: WEB_YAML }], until: 40_000, at, controllers: [...defaultControllers(), watcher] });
  if (!('events' in report)) throw new Error(JSON.stringify(report.errors));
  expect(report.commands.map((c) => c.exitCode)).toEqual(at.map(() => 0));
  const rsOf = (image: string) => {
    const rs = report.objects.find((x) => x.kind === 'ReplicaSet' && (x as ReplicaSet).spec!.template.spec.containers[0].image === image);
    if (!rs) throw new Error(`no ReplicaSet with ${image}`);
    return rs.metadata.name;
  };
  const o = rsOf('nginx:1.26');
  const n = rsOf('nginx:1.27');
  const newRises: number[] = [];
  const oldAvailable: { time: number; available: number }[] = [];
  let lastNew = 0;
  for (const { time, rs } of seen) {
    const available = rs.status?.availableReplicas ?? 0;
    if (rs.metadata.name === o && available !== oldAvailable.at(-1)?.available) oldAvailable.push({ time, available });
    if (rs.metadata.name !== n) continue;
    if (available > lastNew) {
      expect(available - lastNew).toBe(1);
      newRises.push(time);
    }
    lastNew = available;
  }
  const scaling = report.events.filter((e) => e.reason === 'ScalingReplicaSet');
  expect(scaling.every((e) => e.count === 1 && e.involvedObject.kind === 'Deployment' && e.involvedObject.name === 'web')).toBe(true);
  return { o, n, scaling: scaling.map((e) => e.message), newRises, oldAvailable };
}

/**
 * The derivations assume that no Deployment sync sees two new pods become available at once: check that the
 * default cluster's kubelets gave that for the first `count` rises (those the old ReplicaSet's scale-down depends on).
 */
function expectOneAtATime(rises: number[], count: number): void {
  for (let i = 1; i < count; i++) expect(rises[i] - rises[i - 1]).toBeGreaterThan(LATENCY.controllerSync);
}

describe('the reported scenario on the default cluster: `simulate --until 40s --at "30s kubectl set image …"`', () => {
  it('scales the old ReplicaSet only down, one step per new pod that becomes available', () => {
    const { o, n, scaling, newRises } = runReported([{ offsetMs: 30_000, command: 'kubectl set image deployment/web web=nginx:1.27' }]);
    expect(newRises).toHaveLength(10);
    expectOneAtATime(newRises, 8);

    // §3.6 with maxTotal 13, minAvailable 8:
    //  new 0→3 (13 − 10); old 10→8 (maxScaledDown 13 − 8 − 3 = 2, available 10 − 8 = 2); new 3→5 (11 < 13).
    //  Each new pod that becomes available while new < 10 (new − available = 5 before it, 4 after):
    //  maxScaledDown 13 − 8 − 4 = 1 and available 9 → old −1; then Σspec 12 < 13 → new +1. Five times: old 3, new 10.
    //  Then new stays at 10 and each further available pod frees one old replica: 13 − 8 − 4 = 1, 12 − 8 − 3 = 1,
    //  11 − 8 − 2 = 1 → old 3→2→1→0. The last two new pods change nothing.
    const expected = [up(o, 0, 10), up(n, 0, 3), down(o, 10, 8), up(n, 3, 5)];
    for (let i = 0; i < 5; i++) expected.push(down(o, 8 - i, 7 - i), up(n, 5 + i, 6 + i));
    expected.push(down(o, 3, 2), down(o, 2, 1), down(o, 1, 0));
    expect(scaling).toEqual(expected);
  });

  it('with `--at "31s kubectl scale deployment/web --replicas=15"`: one proportional step, then old only down', () => {
    const { o, n, scaling, newRises, oldAvailable } = runReported([
      { offsetMs: 30_000, command: 'kubectl set image deployment/web web=nginx:1.27' },
      { offsetMs: 31_000, command: 'kubectl scale deployment/web --replicas=15' },
    ]);
    expect(newRises).toHaveLength(15);
    expect(newRises[0]).toBeGreaterThan(T0 + 31_000 + LATENCY.controllerSync);
    expectOneAtATime(newRises, 13);
    // The old ReplicaSet's three extra pods (image already on the nodes) are available before the third new pod.
    expect(oldAvailable.find((x) => x.available === 11)!.time).toBeLessThan(newRises[2]);

    // At 31 s the rollout is at old 8 / new 5 with no new pod available yet (the image pull takes ~2 s).
    // §3.8: allowed 15 + 3 = 18, toAdd 5, larger first: old round(8 × 18 / 13) − 8 = 3, new 2.
    // Then §3.6 with maxTotal 18, minAvailable 13: new pods 1–2 give maxScaledDown 18 − 13 − 6 < 1; from pod 3,
    // while new < 15, each gives 1 with available 14 > 13 → old −1, then new +1 (8 times: old 3, new 15);
    // then old 3→2→1→0 as in the test above.
    const expected = [up(o, 0, 10), up(n, 0, 3), down(o, 10, 8), up(n, 3, 5), up(o, 8, 11), up(n, 5, 7)];
    for (let i = 0; i < 8; i++) expected.push(down(o, 11 - i, 10 - i), up(n, 7 + i, 8 + i));
    expected.push(down(o, 3, 2), down(o, 2, 1), down(o, 1, 0));
    expect(scaling).toEqual(expected);
  });
});

describe('kubectl scale deployment/web --replicas=15 during the rollout (§3.8 proportional scaling)', () => {
  it('grows both ReplicaSets in proportion once, then only scales the old one down', () => {
    // New pods become available one by one, 5 s or more apart and long after the scale: the k-th new pod to be
    // bound is ready 60 s + 5 s × k after binding. Old pods are ready 1 s after binding.
    let newPods = 0;
    const sim = newSim({ readyDelayMs: (p) => (p.spec!.containers[0].image === 'nginx:1.27' ? 60_000 + 5_000 * ++newPods : 1_000) });
    const events = recordEvents(sim, 'Deployment', 'web');
    apply(sim, deploymentManifest('web', 10, { strategy: STRATEGY, image: 'nginx:1.26' }));
    sim.runFor(10_000);
    setImage(sim, 'web', 'nginx:1.27');
    sim.runFor(5_000);
    editDeployment(sim, 'web', (d) => {
      d.spec!.replicas = 15;
    });
    sim.runFor(400_000);
    const o = rsWithImage(sim, 'web', 'nginx:1.26').metadata.name;
    const n = rsWithImage(sim, 'web', 'nginx:1.27').metadata.name;

    const expected = [up(o, 0, 10), up(n, 0, 3), down(o, 10, 8), up(n, 3, 5)];
    // Scale to 15 at old 8 / new 5 (§3.8's example): allowed 15 + 3 = 18, toAdd 5; larger first:
    // old round(8 × 18 / 13) − 8 = 3, new min(round(5 × 18 / 13) − 5, 5 − 3) = 2.
    expected.push(up(o, 8, 11), up(n, 5, 7));
    // Now maxTotal 18, minAvailable 15 − 2 = 13, Σspec 18, new 7 with 0 available: maxScaledDown 18 − 13 − 7 < 0.
    // New pods 1 and 2 available: 18 − 13 − 6 = −1, 18 − 13 − 5 = 0 → nothing. From pod 3 on, while new < 15, each
    // gives maxScaledDown 1 and available 14 > 13 → old −1, then Σspec 17 < 18 → new +1 (new − available back to 5).
    for (let i = 0; i < 8; i++) expected.push(down(o, 11 - i, 10 - i), up(n, 7 + i, 8 + i));
    // New at 15 (old 3): each further available pod frees one old replica: 18 − 13 − 4, 17 − 13 − 3, 16 − 13 − 2 = 1.
    expected.push(down(o, 3, 2), down(o, 2, 1), down(o, 1, 0));
    expect(events.map((e) => e.message)).toEqual(expected);
    expect([rsWithImage(sim, 'web', 'nginx:1.26').spec!.replicas, rsWithImage(sim, 'web', 'nginx:1.27').spec!.replicas]).toEqual([0, 15]);
  });
});
