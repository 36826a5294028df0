// Probes in the simulated kubelet: reference §1.1 (probe defaults 1/10/1/3), §1.3 (exit codes), §1.4 (restart
// back-off), §1.5 (ready / started and the Ready condition), §1.7 (Unhealthy / Killing events), and the timing
// rules of upstream pkg/kubelet/prober (worker.go doProbe: no probe before initialDelaySeconds, one every
// periodSeconds, successThreshold / failureThreshold consecutive results, the startup probe gates the others;
// prober_manager.go UpdatePodStatus: a pod sync runs the readiness probe of a started, unready container at
// once and restarts its ticker there) and pkg/kubelet/kuberuntime (computePodActions / killContainer / doBackOff).
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { WatchEvent } from '../../../src/engine/api/api-server.ts';
import type { EventObject, Pod } from '../../../src/engine/api/kinds.ts';
import { rfc3339 } from '../../../src/engine/clock/time-format.ts';
import { SIGTERM_EXIT_MS } from '../../../src/engine/node/container-behaviour.ts';
import { fileTimeline, scriptFileOps } from '../../../src/engine/node/file-lifetime.ts';
import { fileTestOf, probeOutcomes } from '../../../src/engine/node/probe-outcome.ts';
import { LATENCY } from '../../../src/engine/sim/latencies.ts';
import { apply, cluster, condition, getPod, node, record, statusColumn } from './helpers.ts';
import { CORPUS_DIR } from '../shared-dir.ts';

const CORPUS = `${CORPUS_DIR}/kubernetes-website/`;
const oneNode = () => cluster({ nodes: [node({ name: 'node-1', ip: '10.0.0.11' })] });

interface Occurrence {
  t: number;
  type: string;
  reason: string;
  message: string;
  fieldPath?: string;
  component: string;
}

/** Every occurrence of a pod's events in time order (an aggregated repeat is one more occurrence). */
function occurrences(watch: WatchEvent[], podName: string): Occurrence[] {
  const out: Occurrence[] = [];
  for (const e of watch) {
    if (e.object.kind !== 'Event' || e.type === 'DELETED') continue;
    const ev = e.object as EventObject;
    if (ev.involvedObject.kind !== 'Pod' || ev.involvedObject.name !== podName) continue;
    out.push({ t: e.time, type: ev.type, reason: ev.reason, message: ev.message, fieldPath: ev.involvedObject.fieldPath, component: ev.source.component });
  }
  return out;
}

const times = (occ: Occurrence[], reason: string) => occ.filter((o) => o.reason === reason).map((o) => o.t);

/** The pod as the watch stream showed it at time `t`. */
function podAt(watch: WatchEvent[], podName: string, t: number): Pod {
  let last: Pod | undefined;
  for (const e of watch) if (e.object.kind === 'Pod' && e.object.metadata.name === podName && e.time <= t) last = e.object as Pod;
  return last!;
}

/** The times at which the pod's Ready condition changed, with the new status (from the pod watch stream). */
function readyTransitions(watch: WatchEvent[], podName: string): { t: number; status: string }[] {
  const out: { t: number; status: string }[] = [];
  for (const e of watch) {
    if (e.object.kind !== 'Pod' || e.object.metadata.name !== podName || e.type === 'DELETED') continue;
    const c = condition(e.object as Pod, 'Ready');
    if (!c) continue;
    if (out[out.length - 1]?.status !== c.status) out.push({ t: e.time, status: c.status });
  }
  return out;
}

function busyboxPod(name: string, script: string, probes: Record<string, unknown>, extra: { annotations?: Record<string, string>; restartPolicy?: string } = {}) {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, ...(extra.annotations ? { annotations: extra.annotations } : {}) },
    spec: {
      ...(extra.restartPolicy ? { restartPolicy: extra.restartPolicy } : {}),
      containers: [{ name: 'app', image: 'busybox:1.36', command: ['sh', '-c', script], ...probes }],
    },
  };
}

describe('the exec-liveness example of the Kubernetes docs (§1.7 failure events, §1.4 restarts)', () => {
  const manifest = parse(readFileSync(`${CORPUS}exec-liveness.yaml`, 'utf8').replace(/^---\n/, '')) as Record<string, unknown>;
  // the container: touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600
  // its probe: exec cat /tmp/healthy, initialDelaySeconds 5, periodSeconds 5, failureThreshold 3 (§1.1 default)
  const MESSAGE = "Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory\n";

  it('fails its liveness probe three times after the file is removed, is killed and restarted', () => {
    const sim = oneNode();
    const watch = record(sim, ['Event', 'Pod']);
    apply(sim, manifest);
    sim.runFor(100_000);
    let occ = occurrences(watch, 'liveness-exec');
    const [s1] = times(occ, 'Started');
    const unhealthy = occ.filter((o) => o.reason === 'Unhealthy');
    // the file exists for the first 30 s: the probes from 5 s on succeed, the first one after 30 s fails
    expect(unhealthy).toHaveLength(3);
    const f = unhealthy[0]!.t;
    expect(f - s1!).toBeGreaterThanOrEqual(30_000);
    expect(f - s1!).toBeLessThan(35_000);
    expect(unhealthy.map((u) => u.t - f)).toEqual([0, 5_000, 10_000]);
    for (const u of unhealthy) {
      expect(u).toMatchObject({ type: 'Warning', message: MESSAGE, fieldPath: 'spec.containers{liveness}', component: 'kubelet' });
      // busybox cat writes its error with a newline; kubectl describe shows the message trimmed
      expect(u.message.trim()).toBe("Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory");
    }
    // the third consecutive failure reaches failureThreshold: the kubelet kills the container at once
    const [killing] = occ.filter((o) => o.reason === 'Killing');
    expect(killing).toMatchObject({ t: f + 10_000, type: 'Normal', message: 'Container liveness failed liveness probe, will be restarted', fieldPath: 'spec.containers{liveness}' });
    // sh as PID 1 ignores SIGTERM: SIGKILL after terminationGracePeriodSeconds (30), exit 137 (§1.3); the
    // first restart is immediate (§1.4)
    const k1 = killing!.t;
    const [, s2] = times(occ, 'Started');
    expect(s2).toBe(k1 + 30_000 + LATENCY.containerStart);
    const cs = getPod(sim, 'liveness-exec')!.status!.containerStatuses![0]!;
    expect(cs.restartCount).toBe(1);
    expect(cs.state.running).toBeDefined();
    expect(cs.lastState.terminated).toMatchObject({ exitCode: 137, reason: 'Error', startedAt: rfc3339(s1!), finishedAt: rfc3339(k1 + 30_000) });
    // describe aggregates the repeats into one Event each: Unhealthy (x3), Killing
    const stored = (sim.api.list('Event') as EventObject[]).filter((e) => e.involvedObject.name === 'liveness-exec');
    expect(stored.find((e) => e.reason === 'Unhealthy')!.count).toBe(3);
    expect(stored.find((e) => e.reason === 'Killing')!.count).toBe(1);
    expect(occ.filter((o) => o.reason === 'Pulled').map((o) => o.message)[1]).toBe(
      'Container image "registry.k8s.io/busybox:1.27.2" already present on machine and can be accessed by the pod',
    );

    // the second run repeats the story; its restart is immediate too (no earlier exit puts it in back-off)
    sim.runFor(100_000);
    occ = occurrences(watch, 'liveness-exec');
    const started = times(occ, 'Started');
    const kills = times(occ, 'Killing');
    const fails = times(occ, 'Unhealthy').filter((t) => t <= kills[1]!);
    expect(fails).toHaveLength(6);
    expect(fails[3]! - started[1]!).toBeGreaterThanOrEqual(30_000);
    expect(fails[3]! - started[1]!).toBeLessThan(35_000);
    expect(kills[1]).toBe(fails[5]);
    expect(started[2]).toBe(kills[1]! + 30_000 + LATENCY.containerStart);
    expect(getPod(sim, 'liveness-exec')!.status!.containerStatuses![0]!.restartCount).toBe(2);
  });

  it('keeps the pod Ready until the killed container exits (no readiness probe)', () => {
    const sim = oneNode();
    const watch = record(sim, ['Event', 'Pod']);
    apply(sim, manifest);
    sim.runFor(100_000);
    const occ = occurrences(watch, 'liveness-exec');
    const [k1] = times(occ, 'Killing');
    const transitions = readyTransitions(watch, 'liveness-exec');
    expect(transitions.map((x) => x.status)).toEqual(['False', 'True', 'False', 'True']);
    expect(transitions[2]!.t).toBe(k1! + 30_000);
  });
});

describe('readiness (§1.5): not ready without a restart', () => {
  it('a failing readiness probe turns Ready False and a passing one True again, with no restart', () => {
    const sim = oneNode();
    const watch = record(sim, ['Event', 'Pod']);
    apply(sim, busyboxPod('gate', 'sleep 20; touch /tmp/ready; sleep 30; rm -f /tmp/ready; sleep 20; echo ok > /tmp/ready; sleep 3600', {
      readinessProbe: { exec: { command: ['cat', '/tmp/ready'] }, periodSeconds: 5 },
    }));
    sim.runFor(120_000);
    const occ = occurrences(watch, 'gate');
    const [s] = times(occ, 'Started');
    const transitions = readyTransitions(watch, 'gate');
    expect(transitions.map((x) => x.status)).toEqual(['False', 'True', 'False', 'True']);
    // ready at the first probe after the file appears (20 s), not ready at the third failure after it is removed
    // (50 s, failureThreshold 3 × periodSeconds 5), ready again at the first probe after 70 s
    const [, up, down, again] = transitions;
    expect(up!.t - s!).toBeGreaterThanOrEqual(20_000);
    expect(up!.t - s!).toBeLessThan(25_000);
    expect(down!.t - s!).toBeGreaterThanOrEqual(60_000);
    expect(down!.t - s!).toBeLessThan(65_000);
    expect(again!.t - s!).toBeGreaterThanOrEqual(70_000);
    expect(again!.t - s!).toBeLessThan(75_000);
    const fails = occ.filter((o) => o.reason === 'Unhealthy');
    expect(new Set(fails.map((o) => o.message))).toEqual(new Set(["Readiness probe failed: cat: can't open '/tmp/ready': No such file or directory\n"]));
    expect(fails.filter((o) => o.t > up!.t && o.t <= down!.t).slice(0, 3).map((o) => o.t - down!.t)).toEqual([-10_000, -5_000, 0]);
    // no restart, no kill; the pod stays Running (READY 0/1 while not ready)
    expect(times(occ, 'Killing')).toEqual([]);
    const p = getPod(sim, 'gate')!;
    expect(p.status!.containerStatuses![0]!.restartCount).toBe(0);
    expect(statusColumn(p)).toBe('Running');
    const notReady = watch.filter((e) => e.object.kind === 'Pod' && e.time === down!.t).map((e) => e.object as Pod).pop()!;
    expect(condition(notReady, 'Ready')).toMatchObject({ status: 'False', reason: 'ContainersNotReady', message: 'containers with unready status: [app]' });
    expect(condition(notReady, 'ContainersReady')).toMatchObject({ status: 'False', reason: 'ContainersNotReady' });
    expect(notReady.status!.phase).toBe('Running');
  });

  it('an httpGet readiness probe is refused until the container serves (ready-after)', () => {
    const sim = oneNode();
    const watch = record(sim, ['Event', 'Pod']);
    apply(sim, {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'web', annotations: { 'sim.workload-lab.dev/ready-after': '12s' } },
      spec: { containers: [{ name: 'app', image: 'nginx:1.27', readinessProbe: { httpGet: { path: '/', port: 80 }, periodSeconds: 5 } }] },
    });
    sim.runFor(60_000);
    const ip = getPod(sim, 'web')!.status!.podIP!;
    const occ = occurrences(watch, 'web');
    const [s] = times(occ, 'Started');
    const fails = occ.filter((o) => o.reason === 'Unhealthy');
    // the readiness probe runs as soon as the started container is seen (t = start), then every 5 s
    expect(fails.map((o) => o.t - s!)).toEqual([0, 5_000, 10_000]);
    expect(fails[0]!.message).toBe(`Readiness probe failed: Get "http://${ip}:80/": dial tcp ${ip}:80: connect: connection refused`);
    expect(readyTransitions(watch, 'web').map((x) => [x.status, x.t - s!])).toEqual([['False', expect.any(Number)], ['True', 15_000]]);
  });
});

describe('startup probe (§1.5 started)', () => {
  it('holds off liveness and readiness until it succeeds', () => {
    const sim = oneNode();
    const watch = record(sim, ['Event', 'Pod']);
    apply(sim, busyboxPod('slow', 'sleep 25; touch /tmp/started; sleep 3600', {
      startupProbe: { exec: { command: ['test', '-f', '/tmp/started'] }, periodSeconds: 5, failureThreshold: 12 },
      // would kill the container at its first run if it ran before the startup probe passed
      livenessProbe: { exec: { command: ['cat', '/tmp/started'] }, periodSeconds: 5, failureThreshold: 1 },
    }));
    sim.runFor(20_000);
    let p = getPod(sim, 'slow')!;
    expect(p.status!.containerStatuses![0]).toMatchObject({ started: false, ready: false });
    expect(condition(p, 'Ready')!.status).toBe('False');
    sim.runFor(100_000);
    const occ = occurrences(watch, 'slow');
    const [s] = times(occ, 'Started');
    const fails = occ.filter((o) => o.reason === 'Unhealthy');
    expect(fails.length).toBeGreaterThanOrEqual(4);
    // `test` prints nothing: the message ends after the colon
    for (const f of fails) expect(f.message).toBe('Startup probe failed: ');
    expect(occ.some((o) => o.message.startsWith('Liveness'))).toBe(false);
    expect(times(occ, 'Killing')).toEqual([]);
    const transitions = readyTransitions(watch, 'slow');
    expect(transitions.map((x) => x.status)).toEqual(['False', 'True']);
    // started (and, without a readiness probe, ready) at the first startup probe after the file exists
    expect(transitions[1]!.t - s!).toBeGreaterThanOrEqual(25_000);
    expect(transitions[1]!.t - s!).toBeLessThan(30_000);
    expect(transitions[1]!.t).toBe(fails[fails.length - 1]!.t + 5_000);
    p = getPod(sim, 'slow')!;
    expect(p.status!.containerStatuses![0]).toMatchObject({ started: true, ready: true, restartCount: 0 });
  });

  it('kills the container after failureThreshold failures, with the probe’s own grace period', () => {
    const sim = oneNode();
    const watch = record(sim, ['Event', 'Pod']);
    apply(sim, busyboxPod('stuck', 'sleep 120; touch /tmp/started; sleep 3600', {
      startupProbe: { exec: { command: ['cat', '/tmp/started'] }, periodSeconds: 5, failureThreshold: 3, terminationGracePeriodSeconds: 4 },
    }));
    sim.runFor(40_000);
    const occ = occurrences(watch, 'stuck');
    const fails = times(occ, 'Unhealthy');
    const [kill] = occ.filter((o) => o.reason === 'Killing');
    expect(fails.slice(0, 3).map((t) => t - fails[0]!)).toEqual([0, 5_000, 10_000]);
    expect(kill).toMatchObject({ t: fails[2], message: 'Container app failed startup probe, will be restarted' });
    expect(occ.find((o) => o.reason === 'Unhealthy')!.message).toBe("Startup probe failed: cat: can't open '/tmp/started': No such file or directory\n");
    // killContainer uses startupProbe.terminationGracePeriodSeconds (4 s) instead of the pod's 30 s; the shell
    // ignores SIGTERM, so it is SIGKILLed (137) when the 4 s are up
    const restarted = times(occ, 'Started')[1]!;
    expect(restarted).toBe(kill!.t + 4_000 + LATENCY.containerStart);
    const cs = podAt(watch, 'stuck', restarted).status!.containerStatuses![0]!;
    expect(cs.restartCount).toBe(1);
    expect(cs.state.running).toBeDefined();
    expect(cs.lastState.terminated).toMatchObject({ exitCode: 137, reason: 'Error', finishedAt: rfc3339(kill!.t + 4_000) });
  });
});

describe('sim.workload-lab.dev/probe-fail-after', () => {
  it('turns an httpGet liveness probe into a restart loop with CrashLoopBackOff delays (§1.4)', () => {
    const sim = oneNode();
    const watch = record(sim, ['Event', 'Pod']);
    const created = apply(sim, {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'flaky', annotations: { 'sim.workload-lab.dev/probe-fail-after': '45s' } },
      spec: { containers: [{ name: 'app', image: 'registry.example.com/acme/api:1.0', livenessProbe: { httpGet: { path: '/healthz', port: 8080 } } }] },
    });
    sim.runFor(1_300_000);
    const ip = getPod(sim, 'flaky')!.status!.podIP!;
    const podRef = `flaky_default(${created.metadata.uid})`;
    const occ = occurrences(watch, 'flaky');
    const started = times(occ, 'Started');
    const kills = times(occ, 'Killing');
    const fails = occ.filter((o) => o.reason === 'Unhealthy');
    expect(fails[0]!.message).toBe(`Liveness probe failed: Get "http://${ip}:8080/healthz": dial tcp ${ip}:8080: connect: connection refused`);
    expect(new Set(occ.filter((o) => o.reason === 'Killing').map((o) => o.message))).toEqual(new Set(['Container app failed liveness probe, will be restarted']));
    // every run: probes pass for 45 s, then three failures 10 s apart (§1.1 defaults) and the kill
    for (let i = 0; i < 8; i++) {
      const runFails = fails.map((o) => o.t).filter((t) => t > started[i]! && t <= kills[i]!);
      expect(runFails).toHaveLength(3);
      expect(runFails[0]! - started[i]!).toBeGreaterThanOrEqual(45_000);
      expect(runFails[0]! - started[i]!).toBeLessThan(55_000);
      expect(kills[i]).toBe(runFails[0]! + 20_000);
    }
    // the process handles SIGTERM (an unknown program: exit 143, container-behaviour rule 9) shortly after the kill
    const exits = kills.map((k) => k + SIGTERM_EXIT_MS);
    // restart delays: doBackOff checks the newest *exited* instance of the runtime status the kill was computed
    // from, i.e. the run before the killed one; it is in back-off only when that run ended less than the
    // current delay before. Each run lasts ~70 s, so runs 2–5 only step the delay (10 s, 20 s, 40 s, 80 s) and
    // the container restarts at once; from the 6th kill on the delay exceeds a run: 80 s, 160 s, then 300 s.
    const delays = exits.slice(0, 8).map((e, i) => started[i + 1]! - LATENCY.containerStart - e);
    expect(delays).toEqual([0, 0, 0, 0, 0, 80_000, 160_000, 300_000]);
    const backOffs = occ.filter((o) => o.reason === 'BackOff' && o.t < started[8]!);
    expect(backOffs).toHaveLength(3);
    expect(backOffs[0]).toMatchObject({ type: 'Warning', message: `Back-off restarting failed container app in pod ${podRef}` });
    expect(backOffs[0]!.t).toBeGreaterThan(exits[5]!);
    expect(backOffs[0]!.t).toBeLessThan(started[6]!);
    // while waiting: CrashLoopBackOff with the delay as a Go duration; the killed run ended with 143
    const waiting = watch
      .filter((e) => e.object.kind === 'Pod' && e.time > exits[5]! && e.time < started[6]!)
      .map((e) => (e.object as Pod).status!.containerStatuses![0]!)
      .find((c) => c.state.waiting);
    expect(waiting!.state.waiting).toEqual({ reason: 'CrashLoopBackOff', message: `back-off 1m20s restarting failed container=app pod=${podRef}` });
    expect(waiting!.lastState.terminated).toMatchObject({ exitCode: 143, reason: 'Error' });
    expect(waiting!.restartCount).toBe(5);
    expect(getPod(sim, 'flaky')!.status!.phase).toBe('Running');
  });

  it('fails tcpSocket and grpc readiness probes with the probers’ texts, without restarts', () => {
    const sim = oneNode();
    const watch = record(sim, ['Event', 'Pod']);
    const annotations = { 'sim.workload-lab.dev/probe-fail-after': '30s' };
    apply(sim, {
      apiVersion: 'v1', kind: 'Pod', metadata: { name: 'cache', annotations },
      spec: { containers: [{ name: 'redis', image: 'redis:7', readinessProbe: { tcpSocket: { port: 6379 } } }] },
    });
    apply(sim, {
      apiVersion: 'v1', kind: 'Pod', metadata: { name: 'rpc', annotations },
      spec: { containers: [{ name: 'server', image: 'registry.example.com/acme/rpc:2', readinessProbe: { grpc: { port: 9090 }, timeoutSeconds: 2 } }] },
    });
    sim.runFor(120_000);
    const cacheIP = getPod(sim, 'cache')!.status!.podIP!;
    const rpcIP = getPod(sim, 'rpc')!.status!.podIP!;
    expect(occurrences(watch, 'cache').find((o) => o.reason === 'Unhealthy')!.message).toBe(
      `Readiness probe failed: dial tcp ${cacheIP}:6379: connect: connection refused`,
    );
    expect(occurrences(watch, 'rpc').find((o) => o.reason === 'Unhealthy')!.message).toBe(
      `Readiness probe failed: timeout: failed to connect service "${rpcIP}:9090" within 2s: context deadline exceeded`,
    );
    for (const name of ['cache', 'rpc']) {
      expect(readyTransitions(watch, name).map((x) => x.status)).toEqual(['False', 'True', 'False']);
      expect(getPod(sim, name)!.status!.containerStatuses![0]!.restartCount).toBe(0);
      expect(times(occurrences(watch, name), 'Killing')).toEqual([]);
    }
  });

  it('with restartPolicy Never the killed container is not restarted and the pod fails', () => {
    const sim = oneNode();
    const watch = record(sim, ['Event', 'Pod']);
    apply(sim, {
      apiVersion: 'v1', kind: 'Pod', metadata: { name: 'once', annotations: { 'sim.workload-lab.dev/probe-fail-after': '0s' } },
      spec: { restartPolicy: 'Never', containers: [{ name: 'app', image: 'registry.example.com/acme/api:1.0', livenessProbe: { tcpSocket: { port: 8080 }, periodSeconds: 3, failureThreshold: 1 } }] },
    });
    sim.runFor(60_000);
    const occ = occurrences(watch, 'once');
    // computePodActions drops ", will be restarted" when restartPolicy is Never
    expect(occ.filter((o) => o.reason === 'Killing').map((o) => o.message)).toEqual(['Container app failed liveness probe']);
    // failureThreshold 1: the first failure kills
    expect(times(occ, 'Unhealthy')).toEqual(times(occ, 'Killing'));
    const p = getPod(sim, 'once')!;
    expect(p.status!.phase).toBe('Failed');
    expect(p.status!.containerStatuses![0]).toMatchObject({ restartCount: 0, state: { terminated: { exitCode: 143, reason: 'Error' } } });
    expect(times(occ, 'Started')).toHaveLength(1);
  });
});

describe('successThreshold and failureThreshold count consecutive results', () => {
  it('readiness needs successThreshold successes in a row and failureThreshold failures in a row', () => {
    const sim = oneNode();
    const watch = record(sim, ['Event', 'Pod']);
    apply(sim, busyboxPod('count', 'sleep 12; touch /tmp/ready; sleep 40; rm /tmp/ready; sleep 3600', {
      readinessProbe: { exec: { command: ['cat', '/tmp/ready'] }, periodSeconds: 5, successThreshold: 3, failureThreshold: 2 },
    }));
    sim.runFor(90_000);
    const occ = occurrences(watch, 'count');
    const [s] = times(occ, 'Started');
    const fails = times(occ, 'Unhealthy');
    const [, up, down] = readyTransitions(watch, 'count');
    // before the file exists (12 s) the probes at start, +5 s and +10 s fail
    const early = fails.filter((t) => t < up!.t);
    expect(early.map((t) => t - s!)).toEqual([0, 5_000, 10_000]);
    // then three successes in a row: ready at the third one
    expect(up!.status).toBe('True');
    expect(up!.t).toBe(early[2]! + 3 * 5_000);
    // the file is gone after 52 s: not ready at the second failure in a row
    const late = fails.filter((t) => t > up!.t);
    expect(late[0]! - s!).toBeGreaterThanOrEqual(52_000);
    expect(late[0]! - s!).toBeLessThan(57_000);
    expect(down).toEqual({ t: late[0]! + 5_000, status: 'False' });
    // the pod sync of that change runs the readiness probe once more at once (UpdatePodStatus), then every 5 s
    expect(late.slice(0, 4).map((t) => t - late[0]!)).toEqual([0, 5_000, 5_000, 10_000]);
  });

  it('fewer failures in a row than failureThreshold leave the container ready', () => {
    const sim = oneNode();
    const watch = record(sim, ['Event', 'Pod']);
    apply(sim, busyboxPod('blip', 'touch /tmp/ready; sleep 20; rm /tmp/ready; sleep 7; touch /tmp/ready; sleep 3600', {
      readinessProbe: { exec: { command: ['cat', '/tmp/ready'] }, periodSeconds: 5 },
    }));
    sim.runFor(60_000);
    const fails = times(occurrences(watch, 'blip'), 'Unhealthy');
    expect(fails.length).toBeGreaterThanOrEqual(1);
    expect(fails.length).toBeLessThanOrEqual(2);
    expect(readyTransitions(watch, 'blip').map((x) => x.status)).toEqual(['False', 'True']);
  });
});

describe('sidecars and deletion', () => {
  it('a sidecar’s startup probe holds back the main container; its liveness kill names the init container', () => {
    const sim = oneNode();
    const watch = record(sim, ['Event', 'Pod']);
    const probe = { exec: { command: ['test', '-e', '/tmp/up'] }, periodSeconds: 5 };
    apply(sim, {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'side' },
      spec: {
        initContainers: [{
          name: 'proxy', image: 'busybox:1.36', restartPolicy: 'Always',
          command: ['sh', '-c', 'sleep 15; touch /tmp/up; sleep 30; rm /tmp/up; sleep 3600'],
          startupProbe: { ...probe, failureThreshold: 10 }, livenessProbe: probe,
        }],
        containers: [{ name: 'app', image: 'nginx:1.27' }],
      },
    });
    sim.runFor(100_000);
    const occ = occurrences(watch, 'side');
    const proxyStarted = occ.find((o) => o.reason === 'Started' && o.fieldPath === 'spec.initContainers{proxy}')!.t;
    const appPulling = occ.find((o) => o.reason === 'Pulling' && o.fieldPath === 'spec.containers{app}')!.t;
    const startupFails = occ.filter((o) => o.message === 'Startup probe failed: ' && o.t < appPulling).map((o) => o.t);
    // the main container is started only once the sidecar's startup probe passed (at least 15 s after its start)
    expect(appPulling - proxyStarted).toBeGreaterThanOrEqual(15_000);
    expect(appPulling).toBe(startupFails[startupFails.length - 1]! + 5_000);
    // computeInitContainerActions: "Init container <c> failed liveness probe", no ", will be restarted"
    const kill = occ.find((o) => o.reason === 'Killing')!;
    expect(kill).toMatchObject({ message: 'Init container proxy failed liveness probe', fieldPath: 'spec.initContainers{proxy}' });
    const p = podAt(watch, 'side', kill.t + 30_000 + LATENCY.containerStart);
    expect(p.status!.initContainerStatuses![0]!).toMatchObject({ restartCount: 1, started: false, lastState: { terminated: { exitCode: 137 } } });
    expect(p.status!.containerStatuses![0]!).toMatchObject({ restartCount: 0, ready: true });
  });

  it('probing stops when the pod is deleted', () => {
    const sim = oneNode();
    const watch = record(sim, ['Event', 'Pod']);
    apply(sim, busyboxPod('gone', 'sleep 10; rm -f /tmp/ok; sleep 3600', {
      livenessProbe: { exec: { command: ['cat', '/tmp/ok'] }, periodSeconds: 5 },
    }));
    sim.runFor(5_000);
    sim.api.delete('Pod', 'default', 'gone');
    sim.runFor(60_000);
    const occ = occurrences(watch, 'gone');
    expect(times(occ, 'Unhealthy')).toEqual([]);
    expect(occ.filter((o) => o.reason === 'Killing').map((o) => o.message)).toEqual(['Stopping container app']);
    expect(getPod(sim, 'gone')).toBeUndefined();
  });
});

describe('the clock goes idle', () => {
  it('a pod whose probes always pass leaves no pending work once it is steady', () => {
    const sim = oneNode();
    const watch = record(sim, ['Event', 'Pod']);
    apply(sim, {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'web' },
      spec: {
        containers: [{
          name: 'app',
          image: 'nginx:1.27',
          ports: [{ name: 'http', containerPort: 80 }],
          startupProbe: { tcpSocket: { port: 80 } },
          livenessProbe: { httpGet: { path: '/healthz', port: 'http' }, periodSeconds: 3 },
          readinessProbe: { httpGet: { path: '/', port: 80 }, initialDelaySeconds: 5, periodSeconds: 2 },
        }],
      },
    });
    sim.runFor(60_000);
    const p = getPod(sim, 'web')!;
    expect(condition(p, 'Ready')!.status).toBe('True');
    expect(p.status!.containerStatuses![0]).toMatchObject({ started: true, ready: true, restartCount: 0 });
    expect(times(occurrences(watch, 'web'), 'Unhealthy')).toEqual([]);
    // `--until done`: nothing is left to happen, so running until idle ends right here
    const now = sim.now();
    expect(sim.runUntilIdle(24 * 3_600_000)).toBe(now);
  });

  it('a probe that starts failing later still fires then (the only task left is that probe)', () => {
    const sim = oneNode();
    const watch = record(sim, ['Event', 'Pod']);
    apply(sim, busyboxPod('later', 'touch /tmp/healthy; sleep 300; rm /tmp/healthy; sleep 3600', {
      livenessProbe: { exec: { command: ['cat', '/tmp/healthy'] }, periodSeconds: 10 },
    }));
    sim.runFor(60_000);
    expect(times(occurrences(watch, 'later'), 'Unhealthy')).toEqual([]);
    sim.runFor(300_000);
    const occ = occurrences(watch, 'later');
    const [s] = times(occ, 'Started');
    const fails = times(occ, 'Unhealthy');
    expect(fails[0]! - s!).toBeGreaterThanOrEqual(300_000);
    expect(fails[0]! - s!).toBeLessThan(310_000);
    expect(times(occ, 'Killing')).toEqual([fails[2]]);
  });
});

describe('what a probe sees (probe-outcome.ts, file-lifetime.ts)', () => {
  it('reads file creation and removal from the shell script', () => {
    const ops = scriptFileOps(['/bin/sh', '-c', 'touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600'])!;
    expect(fileTimeline(ops, '/tmp/healthy')).toEqual({ initial: false, changes: [{ at: 0, exists: true }, { at: 30_000, exists: false }] });
    const echo = scriptFileOps(['sh', '-c', 'sleep 5 && echo ready >/tmp/a; sleep 5; echo x > /tmp/b 2>/dev/null; mv /tmp/a /tmp/c; sleep infinity'])!;
    expect(fileTimeline(echo, '/tmp/a')).toEqual({ initial: false, changes: [{ at: 5_000, exists: true }, { at: 10_000, exists: false }] });
    expect(fileTimeline(echo, '/tmp/b')!.changes).toEqual([{ at: 10_000, exists: true }]);
    expect(fileTimeline(echo, '/tmp/c')!.changes).toEqual([{ at: 10_000, exists: true }]);
    expect(fileTimeline(echo, '/dev/null')).toBeNull();
    // a file the script never touches may come with the image: unknown
    expect(fileTimeline(echo, '/etc/hostname')).toBeNull();
    expect(scriptFileOps(['nginx', '-g', 'daemon off;'])).toBeNull();
  });

  it('unrolls an endless loop that flips a file', () => {
    const ops = scriptFileOps(['sh', '-c', 'while true; do touch /tmp/up; sleep 20; rm /tmp/up; sleep 10; done'])!;
    const t = fileTimeline(ops, '/tmp/up')!;
    expect(t.changes.slice(0, 4)).toEqual([
      { at: 0, exists: true }, { at: 20_000, exists: false }, { at: 30_000, exists: true }, { at: 50_000, exists: false },
    ]);
    const removed = scriptFileOps(['sh', '-c', 'mkdir -p /run/app && touch /run/app/ok; sleep 8; rm -rf /run/app; while true; do sleep 1; done'])!;
    expect(fileTimeline(removed, '/run/app/ok')!.changes).toEqual([{ at: 0, exists: true }, { at: 8_000, exists: false }]);
  });

  it('prints busybox or GNU coreutils errors depending on the image', () => {
    expect(fileTestOf(['cat', '/tmp/x'], 'busybox:1.36')!.missing).toBe("cat: can't open '/tmp/x': No such file or directory\n");
    expect(fileTestOf(['cat', '/tmp/x'], 'nginx:1.27-alpine')!.missing).toBe("cat: can't open '/tmp/x': No such file or directory\n");
    expect(fileTestOf(['cat', '/tmp/x'], 'ubuntu:24.04')!.missing).toBe('cat: /tmp/x: No such file or directory\n');
    expect(fileTestOf(['ls', '/tmp/x'], 'alpine:3.20')!.missing).toBe('ls: /tmp/x: No such file or directory\n');
    expect(fileTestOf(['ls', '/tmp/x'], 'debian:12')!.missing).toBe("ls: cannot access '/tmp/x': No such file or directory\n");
    expect(fileTestOf(['sh', '-c', 'test -e /tmp/x'], 'busybox')).toEqual({ path: '/tmp/x', missing: '' });
    expect(fileTestOf(['[', '-f', '/tmp/x', ']'], 'busybox')).toEqual({ path: '/tmp/x', missing: '' });
    expect(fileTestOf(['pg_isready', '-U', 'postgres'], 'postgres:16')).toBeNull();
    expect(fileTestOf(['sh', '-c', 'cat /tmp/x && echo ok'], 'busybox')).toBeNull();
  });

  it('builds a refused-connection outcome from httpGet with a named port, host and scheme', () => {
    const container = { name: 'app', image: 'x', ports: [{ name: 'admin', containerPort: 9000 }] };
    const o = probeOutcomes({
      probe: { httpGet: { path: 'status?full=1', port: 'admin', scheme: 'HTTPS', host: '10.1.2.3' } },
      container, podIP: '10.244.0.9', servingAfterMs: 0, failAfterMs: 10_000, fileOps: null,
    });
    expect(o.at(9_999)).toMatchObject({ ok: true, output: '' });
    expect(o.at(10_000)).toMatchObject({ ok: false, output: 'Get "https://10.1.2.3:9000/status?full=1": dial tcp 10.1.2.3:9000: connect: connection refused' });
    expect(o.nextChange(0)).toBe(10_000);
    expect(o.nextChange(10_000)).toBeNull();
    // an exec probe that tests no file succeeds while the container runs
    const plain = probeOutcomes({ probe: { exec: { command: ['pg_isready'] } }, container, podIP: '', servingAfterMs: 0, failAfterMs: null, fileOps: null });
    expect(plain.at(0).ok).toBe(true);
    expect(plain.nextChange(0)).toBeNull();
  });
});
