// The kubelet: a pod's event sequence, status and conditions over time (§1.3, §1.5, §1.6, §1.7), restart
// policies and CrashLoopBackOff (§1.4), image pull failures, init containers and sidecars.
import { describe, expect, it } from 'vitest';
import type { Pod } from '../../../src/engine/api/kinds.ts';
import { LATENCY } from '../../../src/engine/sim/latencies.ts';
import { crashContainer } from '../../../src/engine/node/faults.ts';
import { apply, cluster, condition, getPod, node, pod, podEvents, record, statusColumn, statusHistory } from './helpers.ts';

const oneNode = () => cluster({ nodes: [node({ name: 'node-1', ip: '10.0.0.11' })] });

describe('a healthy pod (§1.7 event sequence, §1.5 conditions, §1.6 STATUS)', () => {
  it('is scheduled, pulls, creates and starts its container with the 1.35 messages', () => {
    const sim = oneNode();
    const watch = record(sim);
    apply(sim, pod({ name: 'web' }));
    sim.runFor(30_000);
    const events = podEvents(sim, 'web');
    expect(events.map((e) => e.reason)).toEqual(['Scheduled', 'Pulling', 'Pulled', 'Created', 'Started']);
    const [scheduled, pulling, pulled, created, started] = events;
    expect(scheduled).toMatchObject({ type: 'Normal', message: 'Successfully assigned default/web to node-1', source: { component: 'default-scheduler' } });
    expect(scheduled!.involvedObject.fieldPath).toBeUndefined();
    expect(pulling).toMatchObject({ message: 'Pulling image "nginx:1.27"', source: { component: 'kubelet', host: 'node-1' }, involvedObject: { fieldPath: 'spec.containers{app}' } });
    expect(pulled!.message).toMatch(/^Successfully pulled image "nginx:1\.27" in \d+(\.\d+)?m?s \(\d+(\.\d+)?m?s including waiting\)\. Image size: \d+ bytes\.$/);
    expect(created).toMatchObject({ message: 'Container created', involvedObject: { fieldPath: 'spec.containers{app}' } });
    expect(started).toMatchObject({ message: 'Container started', involvedObject: { fieldPath: 'spec.containers{app}' } });
    // kubectl get pods: Pending (unscheduled) → ContainerCreating → Running
    expect(statusHistory(watch, 'web')).toEqual(['Pending', 'ContainerCreating', 'Running']);
  });

  it('reports conditions in the kubelet order with observedGeneration, lastProbeTime null and transition times', () => {
    const sim = oneNode();
    apply(sim, pod({ name: 'web' }));
    sim.runFor(LATENCY.scheduling + 100);
    const early = getPod(sim, 'web')!;
    expect(early.status!.phase).toBe('Pending');
    expect(condition(early, 'PodReadyToStartContainers')!.status).toBe('False');
    expect(condition(early, 'Ready')).toMatchObject({ status: 'False', reason: 'ContainersNotReady', message: 'containers with unready status: [app]' });
    expect(early.status!.containerStatuses![0]!.state).toEqual({ waiting: { reason: 'ContainerCreating' } });
    sim.runFor(30_000);
    const p = getPod(sim, 'web')!;
    expect(p.status!.phase).toBe('Running');
    expect(p.status!.conditions!.map((c) => `${c.type}=${c.status}`)).toEqual(['PodReadyToStartContainers=True', 'Initialized=True', 'Ready=True', 'ContainersReady=True', 'PodScheduled=True']);
    for (const c of p.status!.conditions!) {
      expect(c.observedGeneration).toBe(p.metadata.generation);
      expect(c.lastProbeTime).toBeNull();
    }
    expect(p.status!.observedGeneration).toBe(p.metadata.generation);
    // Initialized never changed (no init containers): its transition time is the first status write
    expect(condition(p, 'Initialized')!.lastTransitionTime).toBe('2026-01-01T00:00:00Z');
    const cs = p.status!.containerStatuses![0]!;
    expect(cs).toMatchObject({ name: 'app', ready: true, started: true, restartCount: 0, image: 'docker.io/library/nginx:1.27', lastState: {} });
    expect(cs.containerID).toMatch(/^containerd:\/\/[0-9a-f]{64}$/);
    expect(cs.imageID).toMatch(/^docker\.io\/library\/nginx@sha256:[0-9a-f]{64}$/);
    expect(cs.state.running!.startedAt).toMatch(/^2026-01-01T00:00:0\dZ$/);
    expect(p.status).toMatchObject({ hostIP: '10.0.0.11', hostIPs: [{ ip: '10.0.0.11' }], startTime: '2026-01-01T00:00:00Z', qosClass: 'BestEffort' });
    expect(p.status!.podIP).toMatch(/^10\.244\.0\.\d+$/);
    expect(p.status!.podIPs).toEqual([{ ip: p.status!.podIP }]);
  });

  it('a second pod with the same image on the node finds it already present (IfNotPresent)', () => {
    const sim = oneNode();
    apply(sim, pod({ name: 'a' }));
    sim.runFor(30_000);
    apply(sim, pod({ name: 'b' }));
    sim.runFor(30_000);
    const pulled = podEvents(sim, 'b').filter((e) => e.reason === 'Pulled' || e.reason === 'Pulling');
    expect(pulled.map((e) => e.message)).toEqual(['Container image "nginx:1.27" already present on machine and can be accessed by the pod']);
  });

  it('imagePullPolicy Always pulls every time', () => {
    const sim = oneNode();
    apply(sim, pod({ name: 'a', image: 'nginx:latest' }));
    sim.runFor(30_000);
    apply(sim, pod({ name: 'b', image: 'nginx:latest' }));
    sim.runFor(30_000);
    expect(podEvents(sim, 'b').filter((e) => e.reason === 'Pulling').map((e) => e.message)).toEqual(['Pulling image "nginx:latest"']);
  });
});

describe('restart policies with failing containers', () => {
  it('Never: a container that exits 0 completes the pod (Succeeded, PodCompleted, sandbox gone)', () => {
    const sim = oneNode();
    const watch = record(sim);
    apply(sim, pod({ name: 'job', image: 'busybox:1.36', command: ['sh', '-c', 'sleep 5'], restartPolicy: 'Never' }));
    sim.runFor(60_000);
    const p = getPod(sim, 'job')!;
    expect(p.status!.phase).toBe('Succeeded');
    expect(p.status!.containerStatuses![0]!.state.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
    expect(condition(p, 'Ready')).toMatchObject({ status: 'False', reason: 'PodCompleted' });
    expect(condition(p, 'ContainersReady')).toMatchObject({ status: 'False', reason: 'PodCompleted' });
    expect(condition(p, 'PodReadyToStartContainers')!.status).toBe('False');
    expect(statusHistory(watch, 'job')).toEqual(['Pending', 'ContainerCreating', 'Running', 'Completed']);
    const term = p.status!.containerStatuses![0]!.state.terminated!;
    expect(Date.parse(term.finishedAt!) - Date.parse(term.startedAt!)).toBe(5000);
  });

  it('Never: a non-zero exit fails the pod (Error, Failed, PodFailed)', () => {
    const sim = oneNode();
    const watch = record(sim);
    apply(sim, pod({ name: 'job', image: 'busybox:1.36', command: ['sh', '-c', 'sleep 2; exit 3'], restartPolicy: 'Never' }));
    sim.runFor(60_000);
    const p = getPod(sim, 'job')!;
    expect(p.status!.phase).toBe('Failed');
    expect(p.status!.containerStatuses![0]!.state.terminated).toMatchObject({ exitCode: 3, reason: 'Error' });
    expect(p.status!.containerStatuses![0]!.restartCount).toBe(0);
    expect(condition(p, 'Ready')).toMatchObject({ status: 'False', reason: 'PodFailed' });
    expect(statusHistory(watch, 'job')).toEqual(['Pending', 'ContainerCreating', 'Running', 'Error']);
  });

  it('OnFailure: failed runs are restarted in place (first at once, then after 10 s) until one exits 0', () => {
    const sim = oneNode();
    apply(sim, pod({ name: 'retry', image: 'busybox:1.36', command: ['sh', '-c', 'sleep 1'], restartPolicy: 'OnFailure', annotations: { 'sim.workload-lab.dev/fail-attempts': '2' } }));
    sim.runFor(120_000);
    const p = getPod(sim, 'retry')!;
    expect(p.status!.phase).toBe('Succeeded');
    const cs = p.status!.containerStatuses![0]!;
    expect(cs.restartCount).toBe(2);
    expect(cs.state.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
    expect(cs.lastState.terminated).toMatchObject({ exitCode: 1, reason: 'Error' });
    expect(podEvents(sim, 'retry').find((e) => e.reason === 'BackOff')!.count).toBe(1);
  });

  it('Always: even exit 0 is restarted, so the pod crash-loops with Completed and stays Running', () => {
    const sim = oneNode();
    const watch = record(sim);
    apply(sim, pod({ name: 'bb', image: 'busybox:1.36' })); // plain busybox: sh reads EOF and exits 0
    sim.runFor(60_000);
    const p = getPod(sim, 'bb')!;
    expect(p.status!.phase).toBe('Running');
    const cs = p.status!.containerStatuses![0]!;
    expect(cs.state.waiting?.reason).toBe('CrashLoopBackOff');
    expect(cs.lastState.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
    const history = statusHistory(watch, 'bb');
    expect(history.slice(0, 5)).toEqual(['Pending', 'ContainerCreating', 'Running', 'Completed', 'Running']);
    expect(history).toContain('CrashLoopBackOff');
  });
});

describe('CrashLoopBackOff (§1.4)', () => {
  it('restarts after 0 s, 10 s, 20 s, 40 s, 80 s, 160 s, then 300 s, with the waiting message and BackOff event', () => {
    const sim = oneNode();
    const watch = record(sim);
    const created = apply(sim, pod({ name: 'crash', image: 'busybox:1.36', command: ['false'] }));
    sim.runFor(25 * 60_000);
    // each new instance: the moment the container is running with a new restartCount
    const starts = new Map<number, number>();
    const exits = new Map<number, number>();
    const messages = new Set<string>();
    for (const e of watch) {
      const cs = (e.object as Pod).status?.containerStatuses?.[0];
      if (!cs) continue;
      if (cs.state.running && !starts.has(cs.restartCount)) starts.set(cs.restartCount, e.time);
      if (cs.state.terminated && !exits.has(cs.restartCount)) exits.set(cs.restartCount, e.time);
      if (cs.state.waiting?.reason === 'CrashLoopBackOff') messages.add(cs.state.waiting.message!);
    }
    // the kubelet waits for the back-off after the exit, then starts the container (image present: LATENCY.containerStart)
    const delays: number[] = [];
    for (let n = 1; starts.has(n); n++) delays.push(starts.get(n)! - exits.get(n - 1)! - LATENCY.containerStart);
    expect(delays.slice(0, 9)).toEqual([0, 10_000, 20_000, 40_000, 80_000, 160_000, 300_000, 300_000, 300_000]);
    const uid = created.metadata.uid;
    expect([...messages]).toEqual(['10s', '20s', '40s', '1m20s', '2m40s', '5m0s'].map((d) => `back-off ${d} restarting failed container=app pod=crash_default(${uid})`));
    const backoff = podEvents(sim, 'crash').find((e) => e.reason === 'BackOff')!;
    expect(backoff).toMatchObject({ type: 'Warning', message: `Back-off restarting failed container app in pod crash_default(${uid})`, involvedObject: { fieldPath: 'spec.containers{app}' } });
    expect(backoff.count).toBeGreaterThanOrEqual(8);
    const p = getPod(sim, 'crash')!;
    expect(p.status!.phase).toBe('Running');
    expect(statusColumn(p)).toMatch(/^(CrashLoopBackOff|Error)$/);
  });

  it('forgets the back-off once the container ran for 10 minutes', () => {
    const sim = oneNode();
    const watch = record(sim);
    apply(sim, pod({ name: 'web' }));
    sim.runFor(10_000);
    expect(crashContainer(sim.context, 'default', 'web')).toBeNull(); // restarted at once
    sim.runFor(5_000);
    expect(crashContainer(sim.context, 'default', 'web')).toBeNull(); // second exit: back-off 10 s
    sim.runFor(11 * 60_000); // runs for 11 minutes
    expect(crashContainer(sim.context, 'default', 'web')).toBeNull(); // entry expired: restarted at once
    const t = sim.now();
    sim.runFor(2_000);
    const cs = getPod(sim, 'web')!.status!.containerStatuses![0]!;
    expect(cs.restartCount).toBe(3);
    expect(cs.state.running).toBeDefined();
    const crashLoops = watch.filter((e) => e.time >= t && (e.object as Pod).status?.containerStatuses?.[0]?.state.waiting?.reason === 'CrashLoopBackOff');
    expect(crashLoops).toHaveLength(0);
  });
});

describe('image pull failure (§1.3, §1.7)', () => {
  it('shows ErrImagePull, then ImagePullBackOff, retrying after 10 s then 20 s; the pod stays Pending', () => {
    const sim = oneNode();
    const watch = record(sim);
    apply(sim, pod({ name: 'bad', image: 'nginx:1.999', annotations: { 'sim.workload-lab.dev/image-pull': 'fail' } }));
    sim.runFor(60_000);
    const p = getPod(sim, 'bad')!;
    expect(p.status!.phase).toBe('Pending');
    const err = 'rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:1.999": failed to resolve reference "docker.io/library/nginx:1.999": docker.io/library/nginx:1.999: not found';
    expect(p.status!.containerStatuses![0]!.state.waiting).toEqual({ reason: 'ImagePullBackOff', message: `Back-off pulling image "nginx:1.999": ErrImagePull: ${err}` });
    const history = statusHistory(watch, 'bad');
    expect(history.slice(0, 5)).toEqual(['Pending', 'ContainerCreating', 'ErrImagePull', 'ImagePullBackOff', 'ErrImagePull']);
    const events = podEvents(sim, 'bad');
    const byMessage = (m: string) => events.find((e) => e.message === m);
    expect(byMessage('Pulling image "nginx:1.999"')!.count).toBe(3);
    expect(byMessage(`Failed to pull image "nginx:1.999": ${err}`)).toMatchObject({ type: 'Warning', reason: 'Failed' });
    expect(byMessage('Error: ErrImagePull')).toMatchObject({ type: 'Warning', reason: 'Failed' });
    expect(byMessage('Back-off pulling image "nginx:1.999"')).toMatchObject({ type: 'Normal', reason: 'BackOff' });
    expect(byMessage('Error: ImagePullBackOff')).toMatchObject({ type: 'Warning', reason: 'Failed' });
    // pull attempts: the first, then 10 s and 20 s after each failure
    const failures = watch.filter((e, i) => {
      const w = (e.object as Pod).status?.containerStatuses?.[0]?.state.waiting?.reason;
      const prev = watch.slice(0, i).reverse().find((x) => x.object.metadata.name === 'bad');
      return w === 'ErrImagePull' && (prev?.object as Pod | undefined)?.status?.containerStatuses?.[0]?.state.waiting?.reason !== 'ErrImagePull';
    }).map((e) => e.time);
    expect(failures).toHaveLength(3);
    const pullsStarted = events.find((e) => e.reason === 'Pulling')!;
    expect(pullsStarted.firstTimestamp).toBe('2026-01-01T00:00:00Z');
    expect(failures[1]! - failures[0]!).toBeGreaterThanOrEqual(10_000);
    expect(failures[1]! - failures[0]!).toBeLessThan(11_000);
    expect(failures[2]! - failures[1]!).toBeGreaterThanOrEqual(20_000);
    expect(failures[2]! - failures[1]!).toBeLessThan(21_000);
  });

  it('imagePullPolicy Never with the image absent is ErrImageNeverPull', () => {
    const sim = oneNode();
    apply(sim, pod({ name: 'never', containers: [{ name: 'app', image: 'nginx:1.27', imagePullPolicy: 'Never' }] }));
    sim.runFor(10_000);
    const msg = 'Container image "nginx:1.27" is not present with pull policy of Never';
    expect(getPod(sim, 'never')!.status!.containerStatuses![0]!.state.waiting).toEqual({ reason: 'ErrImageNeverPull', message: msg });
    expect(podEvents(sim, 'never').find((e) => e.reason === 'ErrImageNeverPull')!.message).toBe(msg);
  });
});

describe('init containers and sidecars (§1.3, §1.5, §1.6)', () => {
  it('runs init containers one at a time with PodInitializing, Init:N/M and the Initialized condition', () => {
    const sim = oneNode();
    const watch = record(sim);
    apply(sim, pod({
      name: 'init',
      initContainers: [
        { name: 'one', image: 'busybox:1.36', command: ['sleep', '3'] },
        { name: 'two', image: 'busybox:1.36', command: ['sleep', '3'] },
      ],
    }));
    sim.runFor(LATENCY.scheduling + 100);
    const early = getPod(sim, 'init')!;
    expect(early.status!.initContainerStatuses!.map((c) => c.state.waiting?.reason)).toEqual(['PodInitializing', 'PodInitializing']);
    expect(early.status!.containerStatuses![0]!.state.waiting?.reason).toBe('PodInitializing');
    expect(condition(early, 'Initialized')).toMatchObject({ status: 'False', reason: 'ContainersNotInitialized', message: 'containers with incomplete status: [one two]' });
    sim.runFor(30_000);
    const p = getPod(sim, 'init')!;
    expect(p.status!.phase).toBe('Running');
    expect(p.status!.initContainerStatuses!.map((c) => [c.state.terminated?.reason, c.ready])).toEqual([['Completed', true], ['Completed', true]]);
    const [one, two] = p.status!.initContainerStatuses!;
    expect(Date.parse(two!.state.terminated!.startedAt!)).toBeGreaterThanOrEqual(Date.parse(one!.state.terminated!.finishedAt!));
    expect(statusHistory(watch, 'init')).toEqual(['Pending', 'Init:0/2', 'Init:1/2', 'PodInitializing', 'Running']);
    const fields = podEvents(sim, 'init').filter((e) => e.reason === 'Started').map((e) => e.involvedObject.fieldPath);
    expect(fields).toEqual(['spec.initContainers{one}', 'spec.initContainers{two}', 'spec.containers{app}']);
  });

  it('a failing init container with restartPolicy Never fails the pod (Init:Error)', () => {
    const sim = oneNode();
    apply(sim, pod({ name: 'badinit', restartPolicy: 'Never', initContainers: [{ name: 'setup', image: 'busybox:1.36', command: ['sh', '-c', 'exit 2'] }] }));
    sim.runFor(30_000);
    const p = getPod(sim, 'badinit')!;
    expect(p.status!.phase).toBe('Failed');
    expect(statusColumn(p)).toBe('Init:Error');
    expect(p.status!.containerStatuses![0]!.state.waiting?.reason).toBe('PodInitializing');
  });

  it('a sidecar keeps running next to the app and is stopped when a batch pod completes', () => {
    const sim = oneNode();
    apply(sim, pod({
      name: 'side',
      restartPolicy: 'Never',
      image: 'busybox:1.36',
      command: ['sleep', '10'],
      initContainers: [{ name: 'proxy', image: 'nginx:1.27', restartPolicy: 'Always' }],
    }));
    sim.runFor(8_000);
    const running = getPod(sim, 'side')!;
    expect(running.status!.initContainerStatuses![0]).toMatchObject({ started: true, ready: true });
    expect(running.status!.phase).toBe('Running');
    sim.runFor(60_000);
    const done = getPod(sim, 'side')!;
    expect(done.status!.phase).toBe('Succeeded');
    expect(done.status!.initContainerStatuses![0]!.state.terminated).toMatchObject({ exitCode: 0 });
    expect(podEvents(sim, 'side').filter((e) => e.reason === 'Killing').map((e) => e.message)).toEqual(['Stopping container proxy']);
  });
});

describe('readiness', () => {
  it('ready-after delays Ready while the container runs', () => {
    const sim = oneNode();
    apply(sim, pod({ name: 'slow', annotations: { 'sim.workload-lab.dev/ready-after': '20s' } }));
    sim.runFor(10_000);
    const p = getPod(sim, 'slow')!;
    expect(p.status!.containerStatuses![0]!.state.running).toBeDefined();
    expect(condition(p, 'Ready')!.status).toBe('False');
    expect(statusColumn(p)).toBe('Running');
    sim.runFor(20_000);
    expect(condition(getPod(sim, 'slow'), 'Ready')!.status).toBe('True');
  });
});

describe('lab crash', () => {
  it('kills the main container with 137 by default; the kubelet restarts it', () => {
    const sim = oneNode();
    apply(sim, pod({ name: 'web' }));
    sim.runFor(10_000);
    expect(crashContainer(sim.context, 'default', 'web')).toBeNull();
    sim.runFor(5_000);
    const cs = getPod(sim, 'web')!.status!.containerStatuses![0]!;
    expect(cs.restartCount).toBe(1);
    expect(cs.lastState.terminated).toMatchObject({ exitCode: 137, reason: 'Error' });
    expect(cs.state.running).toBeDefined();
    expect(crashContainer(sim.context, 'default', 'nope')).toBe('pods "nope" not found');
    expect(crashContainer(sim.context, 'default', 'web', 3)).toBeNull();
    sim.runFor(1);
    expect(getPod(sim, 'web')!.status!.containerStatuses![0]!.state.terminated).toMatchObject({ exitCode: 3 });
  });
});
