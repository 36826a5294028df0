// The sandbox session (src/engine/sandbox/session.ts) driving the Job lesson's three manifests the way the
// page does: Apply, then time by frames, steps or long advances. Expected behaviour from the reference:
// §4.4 (how many pods run), §4.6 (back-off and backoffLimit), §4.8 (terminal conditions), §7.2–7.4 (kubectl output).
import { describe, expect, it } from 'vitest';
import { SANDBOX_MAX_OBJECTS, SandboxSession } from '../../../src/engine/sandbox/session.ts';
import type { Pod } from '../../../src/engine/api/kinds.ts';
import type { JsonObject, KubeObject } from '../../../src/engine/api/objects.ts';
import { failingJob, parallelJob, piJob } from './lesson-files.ts';

function pods(s: SandboxSession, job: string): Pod[] {
  return s.simulation.api.list<Pod>('Pod').filter((p) => p.metadata.labels?.['job-name'] === job);
}

function jobConditions(s: SandboxSession, name: string): string[] {
  const job = s.simulation.api.get<KubeObject<JsonObject, { conditions?: { type: string; status: string }[] }>>('Job', 'default', name);
  return (job?.status?.conditions ?? []).filter((c) => c.status === 'True').map((c) => c.type);
}

/** Plays like the page does at 60×: frames of 16 ms wall time. */
function play(s: SandboxSession, simMs: number): void {
  const frame = 16 * 60;
  for (let t = 0; t < simMs; t += frame) s.advance(frame);
}

describe('SandboxSession', () => {
  it('starts on a settled default cluster: five Ready nodes and nothing else', () => {
    const s = new SandboxSession();
    const nodes = s.simulation.api.list('Node');
    // src/engine/sim/default-cluster.ts: node-1..3 and gpu-node-1..2.
    expect(nodes.map((n) => n.metadata.name)).toEqual(['gpu-node-1', 'gpu-node-2', 'node-1', 'node-2', 'node-3']);
    expect(s.simulation.api.list('Pod')).toEqual([]);
    expect(s.simulation.clock.hasForegroundWork).toBe(false);
  });

  it('applies the pi Job (§7.4 "job.batch/pi created"), runs its pod to completion, and lists it in kubectl get pods', () => {
    const s = new SandboxSession();
    const r = s.apply([piJob]);
    expect(r).toMatchObject({ exitCode: 0, stdout: `job.batch/${piJob.job} created\n`, stderr: '', problems: [] });
    expect(s.apply([piJob]).stdout).toBe(`job.batch/${piJob.job} unchanged\n`);
    play(s, 60_000);
    const [pod, ...others] = pods(s, piJob.job);
    expect(others).toEqual([]);
    expect(pod!.status!.phase).toBe('Succeeded');
    expect(jobConditions(s, piJob.job)).toEqual(['SuccessCriteriaMet', 'Complete']); // §4.8
    const get = s.run('kubectl get pods');
    expect(get.exitCode).toBe(0);
    expect(get.stdout).toMatch(new RegExp(`^NAME +READY +STATUS +RESTARTS +AGE\\n${pod!.metadata.name} +0/1 +Completed +0 +\\d+s\\n$`));
    const picture = JSON.stringify(s.snapshot());
    expect(picture).toContain(pod!.metadata.name);
  });

  it('retries the failing Job within backoffLimit 2: three pods, 10 s then 20 s apart, then BackoffLimitExceeded (§4.6, §4.8)', () => {
    const s = new SandboxSession();
    expect(s.apply([failingJob]).stdout).toBe(`job.batch/${failingJob.job} created\n`);
    play(s, 5 * 60_000);
    const all = pods(s, failingJob.job).sort((a, b) => a.metadata.creationTimestamp.localeCompare(b.metadata.creationTimestamp));
    expect(all).toHaveLength(3);
    expect(all.every((p) => p.status!.phase === 'Failed')).toBe(true);
    const finished = (p: Pod) => Date.parse(p.status!.containerStatuses![0]!.state!.terminated!.finishedAt as string);
    const delays = all.slice(1).map((p, i) => (Date.parse(p.metadata.creationTimestamp) - finished(all[i]!)) / 1000);
    expect(delays).toEqual([10, 20]);
    expect(jobConditions(s, failingJob.job)).toEqual(['FailureTarget', 'Failed']);
  });

  it('runs the parallel Job two pods at a time until six have succeeded (§4.4)', () => {
    const s = new SandboxSession();
    s.apply([parallelJob]);
    let maxActive = 0;
    for (let t = 0; t < 5 * 60_000; t += 500) {
      s.advance(500);
      const active = pods(s, parallelJob.job).filter((p) => p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed').length;
      maxActive = Math.max(maxActive, active);
    }
    expect(maxActive).toBe(2);
    expect(pods(s, parallelJob.job).filter((p) => p.status?.phase === 'Succeeded')).toHaveLength(6);
    expect(jobConditions(s, parallelJob.job)).toEqual(['SuccessCriteriaMet', 'Complete']);
  });

  it('is deterministic: the same seed and calls give the same pods and times', () => {
    const run = () => {
      const s = new SandboxSession({ seed: 7 });
      s.apply([parallelJob]);
      play(s, 120_000);
      return pods(s, parallelJob.job).map((p) => [p.metadata.name, p.spec!.nodeName, p.metadata.creationTimestamp]);
    };
    expect(run()).toEqual(run());
  });

  it('steps to the next instant where something changes and reports idle when nothing is left', () => {
    const s = new SandboxSession();
    const idleStep = s.step();
    expect(idleStep).toMatchObject({ idle: true, advancedMs: 0 });
    s.apply([piJob]);
    const seen = new Set<string>();
    let steps = 0;
    for (;;) {
      const before = s.changeCount;
      const r = s.step();
      if (r.idle) break;
      expect(s.changeCount).toBeGreaterThan(before); // every step shows something happen
      seen.add(pods(s, piJob.job)[0]?.status?.phase ?? 'none');
      if (++steps > 200) throw new Error('step never went idle');
    }
    expect(seen).toContain('Pending');
    expect(seen).toContain('Succeeded');
    expect(jobConditions(s, piJob.job)).toContain('Complete');
  });

  it('reports validation problems with file, line and column and applies nothing from that document', () => {
    const s = new SandboxSession();
    const broken = { name: 'pi-job.yaml', text: piJob.text.replace('backoffLimit: 4', 'backoffLimit: four') };
    const r = s.apply([broken]);
    expect(r.exitCode).toBe(1);
    const line = broken.text.split('\n').findIndex((l) => l.includes('backoffLimit: four')) + 1;
    expect(r.problems).toEqual([expect.objectContaining({ file: 'pi-job.yaml', line, severity: 'error' })]);
    // §7.3: decoding errors are BadRequest with the file named.
    expect(r.stderr).toMatch(/^Error from server \(BadRequest\): error when creating "pi-job\.yaml": Job in version "v1" cannot be handled as a Job: /);
    expect(s.simulation.api.list('Job')).toEqual([]);
  });

  it('streams kubectl get pods -w as time advances, until stopped (Ctrl+C)', () => {
    const s = new SandboxSession({ files: [parallelJob] });
    s.run(`kubectl apply -f ${parallelJob.name}`);
    const watch = s.run('kubectl get pods -w');
    expect(watch.exitCode).toBe(0);
    expect(watch.streamId).toBeDefined();
    expect(s.runningStreams()).toEqual([watch.streamId]);
    // No pods yet: kubectl prints nothing until the first one appears.
    expect(watch.stdout).toBe('');
    let printed = watch.stdout;
    for (let i = 0; i < 20; i++) printed += s.advance(1000).streams.map((c) => c.text).join('');
    // §1.6: the watch prints a row per change, with kubectl's STATUS words.
    expect(printed).toMatch(/^NAME +READY +STATUS +RESTARTS +AGE\n/);
    expect(printed).toMatch(new RegExp(`${parallelJob.job}-[a-z0-9]{5} +0/1 +Pending`));
    expect(printed).toMatch(new RegExp(`${parallelJob.job}-[a-z0-9]{5} +1/1 +Running`));
    const stopped = s.stopStream(watch.streamId!);
    expect(stopped).toMatchObject({ id: watch.streamId, done: true, exitCode: 0 });
    expect(s.runningStreams()).toEqual([]);
    expect(s.advance(30_000).streams).toEqual([]);
    const again = s.run('kubectl get jobs -w');
    s.reset();
    expect(s.runningStreams()).toEqual([]);
    expect(again.streamId).toBeDefined();
  });

  it('runs lab faults on pods and nodes', () => {
    const s = new SandboxSession();
    s.apply([parallelJob]);
    play(s, 15_000);
    const running = pods(s, parallelJob.job).find((p) => p.status?.phase === 'Running')!;
    expect(s.run(`lab crash ${running.metadata.name} --exit-code 3`)).toMatchObject({ exitCode: 0 });
    play(s, 5_000);
    const crashed = s.simulation.api.get<Pod>('Pod', 'default', running.metadata.name)!;
    expect(crashed.status!.containerStatuses![0]!.state!.terminated!.exitCode).toBe(3);
    expect(s.run('lab fail-node node-1')).toMatchObject({ exitCode: 0, stdout: 'node/node-1 failed\n' });
    expect(s.run('lab restore-node node-1')).toMatchObject({ exitCode: 0 });
    expect(s.run('lab fail-node nope').exitCode).toBe(1);
  });

  it('halts with a work-cap error instead of running away, keeps answering kubectl, and reset recovers', () => {
    const s = new SandboxSession({ maxTasksPerCall: 50 });
    s.apply([parallelJob]);
    const r = s.advance(10 * 60_000);
    expect(r.error?.kind).toBe('work-cap');
    expect(s.halted?.kind).toBe('work-cap');
    const frozen = s.now();
    expect(s.advance(1000).now).toBe(frozen);
    expect(s.run('kubectl get jobs').exitCode).toBe(0);
    s.reset();
    expect(s.halted).toBeNull();
    expect(s.simulation.api.list('Job')).toEqual([]);
  });

  it('refuses objects past the sandbox\'s limit with the API server\'s Forbidden error, quickly', () => {
    const s = new SandboxSession();
    const big = { name: 'big.yaml', text: 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: big}\nspec:\n  replicas: 100000\n  selector: {matchLabels: {app: big}}\n  template:\n    metadata: {labels: {app: big}}\n    spec:\n      containers: [{name: c, image: nginx:1.27}]\n' };
    expect(s.apply([big]).exitCode).toBe(0);
    s.advance(30_000);
    expect(s.halted).toBeNull();
    expect(s.simulation.api.count('Pod')).toBeLessThan(SANDBOX_MAX_OBJECTS);
    expect(s.run('kubectl describe rs').stdout).toMatch(/is forbidden: the lab's simulated cluster holds at most 2500 objects/);
  });

  it('reset gives a fresh cluster with the same nodes and keeps the files', () => {
    const s = new SandboxSession({ files: [piJob] });
    s.apply([piJob]);
    play(s, 30_000);
    s.reset();
    expect(s.simulation.api.list('Pod')).toEqual([]);
    expect(s.simulation.api.list('Node')).toHaveLength(5);
    expect(s.now()).toBe(new SandboxSession().now());
    expect(s.fileNames).toEqual(['pi-job.yaml']);
    expect(s.run('kubectl apply -f pi-job.yaml').stdout).toBe(`job.batch/${piJob.job} created\n`);
  });

  it('builds the cluster from a lesson\'s Node manifests', () => {
    const cluster = `apiVersion: v1
kind: Node
metadata:
  name: solo
status:
  capacity: {cpu: "2", memory: 4Gi, pods: "110"}
  allocatable: {cpu: "2", memory: 4Gi, pods: "110"}
`;
    const s = new SandboxSession({ cluster });
    expect(s.clusterProblems).toEqual([]);
    expect(s.simulation.api.list('Node').map((n) => n.metadata.name)).toEqual(['solo']);
  });
});
