// The fast-forward (src/engine/sim/fast-forward) against the simulation it stands for: the same cluster run
// period by period. Its contract is equality with that run, byte for byte: the end state (every object and
// event, pod IPs included), and every change after it.
import { describe, expect, it } from 'vitest';
import { Simulation } from '../../../src/engine/sim/simulation.ts';
import { defaultControllers } from '../../../src/engine/sim/default-controllers.ts';
import type { EventObject } from '../../../src/engine/api/kinds.ts';
import { DAY_MS, HOUR_MS, schedulePeriod, WEEK_MS } from '../../../src/engine/sim/fast-forward/schedule-period.ts';
import { nextOffsetChange } from '../../../src/engine/sim/fast-forward/zone-transitions.ts';
import { planTranslation, shiftTimestamp, timestampMs } from '../../../src/engine/sim/fast-forward/translation.ts';
import { SeededRandom } from '../../../src/engine/clock/random.ts';
import { imagesSettled } from '../../../src/engine/sim/fast-forward/images-settled.ts';
import { nodeManifest } from '../../../src/engine/sim/default-cluster.ts';
import { runSimulation } from '../../../src/engine/sim/run-simulation.ts';
import type { SimulationReport } from '../../../src/engine/sim/report.ts';
import { VirtualClock } from '../../../src/engine/clock/virtual-clock.ts';
import type { CronJob } from '../../../src/engine/controllers/cronjob/types.ts';
import type { FastForwardReport } from '../../../src/engine/sim/fast-forward/fast-forward.ts';

const HOUR = 3600_000;
const T0 = Date.UTC(2026, 0, 1);

type Manifest = Record<string, unknown>;

function cronJob(name: string, spec: Record<string, unknown>, podSpec: Record<string, unknown>, jobSpec: Record<string, unknown> = {}): Manifest {
  return { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name }, spec: { ...spec, jobTemplate: { spec: { ...jobSpec, template: { spec: podSpec } } } } };
}

const sleep5 = { restartPolicy: 'OnFailure', containers: [{ name: 'tick', image: 'busybox:1.36', command: ['sh', '-c', 'date; sleep 5'] }] };

interface Run {
  skipped: FastForwardReport[];
  end: string;
  later: string[];
}

/** `hours` of simulated time (plus a few seconds, off the hour), then 20 minutes watched change by change. */
function run(manifests: Manifest[], hours: number, fastForward: boolean, seed = 3, nodes?: ReturnType<typeof nodeManifest>[], startMs?: number): Run {
  const sim = new Simulation({ seed, nodes, startMs, controllers: defaultControllers(), freezeStored: false });
  for (const m of manifests) {
    const r = sim.apply(m);
    if (r.error) throw new Error(r.error.message);
  }
  const skipped = sim.runUntil(sim.now() + hours * HOUR + 17_000, { fastForward });
  const end = JSON.stringify(sim.api.all());
  const later: string[] = [];
  sim.api.watch(null, (e) => later.push(`${new Date(e.time).toISOString()} ${e.type} ${JSON.stringify(e.object)}`));
  sim.runFor(20 * 60_000);
  return { skipped, end, later };
}

function expectSameRun(manifests: Manifest[], hours: number, opts: { skips: boolean }): void {
  const full = run(manifests, hours, false);
  const fast = run(manifests, hours, true);
  expect(full.skipped).toEqual([]);
  if (opts.skips) expect(fast.skipped.length).toBeGreaterThan(0);
  else expect(fast.skipped).toEqual([]);
  expect(fast.end).toBe(full.end);
  expect(fast.later.length).toBeGreaterThan(0);
  expect(fast.later).toEqual(full.later);
}

describe('fast-forward: the same run as hour by hour', () => {
  it('a CronJob every minute: same Jobs, Pods, Events, names, uids, times and resourceVersions at the end and after', () => {
    expectSameRun([cronJob('tick', { schedule: '* * * * *' }, sleep5)], 14, { skips: true });
  });

  it('every 5 minutes, with a Deployment running beside it', () => {
    const web = {
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' },
      spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } } },
    };
    expectSameRun([web, cronJob('report', { schedule: '*/5 * * * *' }, sleep5)], 14, { skips: true });
  });

  it('Jobs that fail (backoffLimit 1, restartPolicy Never): the failed-jobs history and its events', () => {
    const failing = { restartPolicy: 'Never', containers: [{ name: 'x', image: 'busybox:1.36', command: ['sh', '-c', 'exit 1'] }] };
    expectSameRun([cronJob('flaky', { schedule: '* * * * *' }, failing, { backoffLimit: 1 })], 14, { skips: true });
  });

  it('finished Jobs removed by ttlSecondsAfterFinished, no successful history, spec.timeZone Etc/UTC', () => {
    const cj = cronJob('tidy', { schedule: '*/3 * * * *', timeZone: 'Etc/UTC', successfulJobsHistoryLimit: 0 }, sleep5, { ttlSecondsAfterFinished: 20 });
    expectSameRun([cj], 14, { skips: true });
  });

  it('with Jobs waiting for ttlSecondsAfterFinished at every boundary (the TTL controller\'s requeues move too)', () => {
    const cj = cronJob('keep', { schedule: '*/2 * * * *', successfulJobsHistoryLimit: 100 }, sleep5, { ttlSecondsAfterFinished: 1800 });
    expectSameRun([cj], 16, { skips: true });
  });

  it('on unequal nodes, where the scheduler always picks the emptiest and the others never pull the image', () => {
    const nodes = [nodeManifest({ name: 'big', cpu: '16', memory: '64Gi', ip: '10.0.0.1' }), nodeManifest({ name: 'small', cpu: '2', memory: '4Gi', ip: '10.0.0.2' })];
    const full = run([cronJob('tick', { schedule: '* * * * *' }, sleep5)], 14, false, 3, nodes);
    const fast = run([cronJob('tick', { schedule: '* * * * *' }, sleep5)], 14, true, 3, nodes);
    expect(fast.skipped.length).toBe(1);
    expect(fast.end).toBe(full.end);
    expect(fast.later).toEqual(full.later);
  });

  it('business hours on weekdays repeat every week', () => {
    const cj = cronJob('office', { schedule: '*/20 9-17 * * 1-5' }, sleep5);
    // eight weeks from Thursday 2026-01-01 00:00, ending at 10:00 on a Thursday: the 20 minutes after see Jobs
    const full = run([cj], 8 * 7 * 24 + 10, false);
    const fast = run([cj], 8 * 7 * 24 + 10, true);
    expect(fast.skipped).toMatchObject([{ periodMs: WEEK_MS }]);
    expect(fast.end).toBe(full.end);
    expect(fast.later.some((l) => l.includes('"kind":"Job"'))).toBe(true);
    expect(fast.later).toEqual(full.later);
  });

  it('in a zone without daylight saving time (Asia/Seoul) as on UTC', () => {
    expectSameRun([cronJob('seoul', { schedule: '*/2 * * * *', timeZone: 'Asia/Seoul' }, sleep5)], 14, { skips: true });
  });

  it('in a zone with daylight saving time, on each side of the change, not across it', () => {
    // America/New_York springs forward on 2026-03-08 at 07:00 UTC: two stretches skipped, the change run in full
    const cj = cronJob('ny', { schedule: '*/10 * * * *', timeZone: 'America/New_York' }, sleep5);
    const start = Date.UTC(2026, 2, 1);
    const full = run([cj], 14 * 24, false, 3, undefined, start);
    const fast = run([cj], 14 * 24, true, 3, undefined, start);
    expect(fast.skipped).toHaveLength(2);
    const change = Date.UTC(2026, 2, 8, 7);
    expect(fast.skipped[0]!.fromMs + fast.skipped[0]!.periods * fast.skipped[0]!.periodMs).toBeLessThan(change);
    expect(fast.skipped[1]!.fromMs).toBeGreaterThan(change);
    expect(fast.end).toBe(full.end);
    expect(fast.later).toEqual(full.later);
  });

  it('does not skip when a Job is still running at every hour boundary (Forbid, Jobs of 90 s)', () => {
    const long = { restartPolicy: 'Never', containers: [{ name: 'x', image: 'busybox:1.36', command: ['sh', '-c', 'sleep 90'] }] };
    expectSameRun([cronJob('slow', { schedule: '* * * * *', concurrencyPolicy: 'Forbid' }, long)], 12, { skips: false });
  });

  it('does not skip runs shorter than its search and the full hours after the jump', () => {
    const fast = run([cronJob('tick', { schedule: '* * * * *' }, sleep5)], 6, true);
    expect(fast.skipped).toEqual([]);
  });

  it('does not skip when stored objects are frozen (under test by default): it runs in full instead', () => {
    const sim = new Simulation({ seed: 1, controllers: defaultControllers(), freezeStored: true });
    sim.apply(cronJob('tick', { schedule: '* * * * *' }, sleep5));
    const start = sim.now();
    expect(sim.runUntil(start + 12 * HOUR, { fastForward: true })).toEqual([]);
    expect(sim.now()).toBe(start + 12 * HOUR);
    expect(sim.api.count('Job')).toBe(3);
  });

  it('a year of a CronJob every minute ends with the history limit and the last hour of events', () => {
    const sim = new Simulation({ seed: 1, controllers: defaultControllers(), freezeStored: false });
    sim.apply(cronJob('tick', { schedule: '* * * * *' }, sleep5));
    const start = sim.now();
    const skipped = sim.runUntil(start + 365 * 24 * HOUR, { fastForward: true });
    expect(skipped).toHaveLength(1);
    expect(skipped[0]!.periods).toBeGreaterThan(8700);
    const jobs = sim.api.list('Job').map((j) => j.metadata.name);
    // the controller names Jobs by their scheduled time in minutes since the epoch (reference §5)
    const lastMinute = (start + 365 * 24 * HOUR) / 60_000 - 1;
    expect(jobs).toEqual([`tick-${lastMinute - 2}`, `tick-${lastMinute - 1}`, `tick-${lastMinute}`]);
    const cj = sim.api.get('CronJob', 'default', 'tick') as CronJob;
    expect(cj.status?.lastScheduleTime).toBe(new Date(lastMinute * 60_000).toISOString().replace('.000Z', 'Z'));
    expect(cj.metadata.creationTimestamp).toBe('2026-01-01T00:00:00Z');
    const events = sim.api.list<EventObject>('Event');
    const oldest = Math.min(...events.map((e) => Date.parse(e.lastTimestamp)));
    expect(sim.now() - oldest).toBeLessThanOrEqual(HOUR);
  });
});

describe('fast-forward: simulate with --at commands', () => {
  const tickYaml = `apiVersion: batch/v1
kind: CronJob
metadata: {name: tick}
spec:
  schedule: "*/2 * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers: [{name: tick, image: busybox:1.36, command: [sh, -c, "date; sleep 5"]}]
`;
  const simulate = (fastForward: boolean, at: { offsetMs: number; command: string }[]) =>
    runSimulation({ files: [{ name: 'tick.yaml', text: tickYaml }], until: 40 * HOUR, at, fastForward, freezeStored: false }) as SimulationReport;

  it('stops for each command, runs it where it falls, and goes on skipping: the same report as without skipping', () => {
    const at = [
      { offsetMs: 9 * HOUR + 30_000, command: 'kubectl get jobs' },
      { offsetMs: 25 * HOUR + 61_000, command: 'kubectl describe cronjob tick' },
      { offsetMs: 39 * HOUR, command: 'kubectl get cronjob tick' },
    ];
    const full = simulate(false, at);
    const fast = simulate(true, at);
    expect(full.fastForward).toBeUndefined();
    expect(fast.fastForward!.length).toBeGreaterThanOrEqual(2);
    for (const ff of fast.fastForward!) {
      // no command falls inside a skipped stretch
      for (const c of at) expect(Date.parse(ff.to) <= T0 + c.offsetMs || Date.parse(ff.from) >= T0 + c.offsetMs).toBe(true);
    }
    expect(fast.commands.map((c) => c.output)).toEqual(full.commands.map((c) => c.output));
    expect(fast.commands[0]!.output).toContain('tick-');
    expect(JSON.stringify(fast.objects)).toBe(JSON.stringify(full.objects));
    expect(JSON.stringify(fast.events)).toBe(JSON.stringify(full.events));
  });

  it('a command that keeps watching (get -w) ends the skipping: it prints every change until the end', () => {
    const at = [{ offsetMs: 12 * HOUR, command: 'kubectl get jobs -w' }];
    const full = simulate(false, at);
    const fast = simulate(true, at);
    expect(fast.fastForward!.every((ff) => Date.parse(ff.to) <= T0 + 12 * HOUR)).toBe(true);
    expect(fast.commands[0]!.output.split('\n').length).toBeGreaterThan(100);
    expect(fast.commands).toEqual(full.commands);
    expect(JSON.stringify(fast.objects)).toBe(JSON.stringify(full.objects));
  });
});

describe('fast-forward: the kubelets\' images', () => {
  const pod = (name: string, nodeName?: string) => ({
    apiVersion: 'v1', kind: 'Pod', metadata: { name },
    spec: { nodeName, restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox:1.36', command: ['true'] }] },
  });
  const equalNodes = () => ['a', 'b', 'c'].map((n, i) => nodeManifest({ name: n, cpu: '4', memory: '16Gi', ip: `10.0.0.${i + 1}` }));

  it('are not settled while a node the scheduler picks from at random has not pulled what the recent pods run', () => {
    const sim = new Simulation({ seed: 1, nodes: equalNodes(), controllers: defaultControllers(), freezeStored: false });
    const since = sim.now();
    sim.apply(pod('first'));
    sim.runFor(60_000);
    expect(sim.api.get('Pod', 'default', 'first')?.status).toMatchObject({ phase: 'Succeeded' });
    expect(imagesSettled(sim, since)).toBe(false);
    // the same image pulled on every node
    for (const n of ['a', 'b', 'c']) sim.apply(pod(`on-${n}`, n));
    sim.runFor(60_000);
    expect(imagesSettled(sim, since)).toBe(true);
  });
});

describe('fast-forward: how often a schedule repeats itself, and until when', () => {
  const cj = (schedule: string, timeZone?: string) => ({ apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'c' }, spec: { schedule, timeZone } }) as unknown as CronJob;

  it('every hour when it names minutes only, on UTC', () => {
    for (const s of ['* * * * *', '*/5 * * * *', '0 * * * *', '7,29 * * * *', '@hourly', '* * 1-31 * *']) expect(schedulePeriod(cj(s)), s).toEqual({ periodMs: HOUR_MS, zone: null });
    expect(schedulePeriod(cj('* * * * *', 'Etc/UTC'))).toEqual({ periodMs: HOUR_MS, zone: null });
  });

  it('every day with hours, every week with weekdays', () => {
    for (const s of ['* 0-22 * * *', '0 0 * * *', '@daily', '*/15 9-17 * * *']) expect(schedulePeriod(cj(s))?.periodMs, s).toBe(DAY_MS);
    for (const s of ['* * * * 1-5', '@weekly', '*/15 9-17 * * MON-FRI']) expect(schedulePeriod(cj(s))?.periodMs, s).toBe(WEEK_MS);
  });

  it('none with days of the month, months or @every', () => {
    for (const s of ['* * 1 * *', '* * * 6 *', '@monthly', '0 0 1,15 * 1', '@every 1h']) expect(schedulePeriod(cj(s)), s).toBeNull();
  });

  it('in another zone, the same period and the zone, whose offset changes end it', () => {
    expect(schedulePeriod(cj('*/5 * * * *', 'Europe/Berlin'))).toEqual({ periodMs: HOUR_MS, zone: 'Europe/Berlin' });
    expect(schedulePeriod(cj('0 9 * * *', 'Asia/Seoul'))).toEqual({ periodMs: DAY_MS, zone: 'Asia/Seoul' });
    // Europe/Berlin: CET to CEST on 2026-03-29 at 01:00 UTC, back on 2026-10-25 at 01:00 UTC
    expect(nextOffsetChange('Europe/Berlin', Date.UTC(2026, 0, 1), Date.UTC(2027, 0, 1))).toBe(Date.UTC(2026, 2, 29, 1));
    expect(nextOffsetChange('Europe/Berlin', Date.UTC(2026, 2, 29, 1), Date.UTC(2027, 0, 1))).toBe(Date.UTC(2026, 9, 25, 1));
    expect(nextOffsetChange('Asia/Seoul', Date.UTC(2026, 0, 1), Date.UTC(2027, 0, 1))).toBeNull();
  });
});

describe('fast-forward: the translation of the recent part', () => {
  it('moves metav1.Time and MicroTime by whole hours, keeping the fraction digits', () => {
    expect(shiftTimestamp('2026-01-01T23:30:05Z', 2 * HOUR)).toBe('2026-01-02T01:30:05Z');
    expect(shiftTimestamp('2026-12-31T23:00:00.123456Z', HOUR)).toBe('2027-01-01T00:00:00.123456Z');
    expect(timestampMs('2026-01-01T00:00:01.5Z')).toBe(Date.UTC(2026, 0, 1, 0, 0, 1, 500));
    // the scheduled-timestamp annotation, in the schedule's zone
    expect(timestampMs('2026-01-01T09:00:00+09:00')).toBe(Date.UTC(2026, 0, 1));
    expect(shiftTimestamp('2026-01-01T23:00:00-05:00', 2 * HOUR)).toBe('2026-01-02T01:00:00-05:00');
    expect(timestampMs('not a time')).toBeNull();
  });

  it('moves times at or after the start of the recent part and resourceVersions above its first, nothing else', () => {
    const since = Date.UTC(2026, 0, 1, 1);
    const o = {
      metadata: { creationTimestamp: '2026-01-01T00:59:59Z', resourceVersion: '1500' },
      status: { lastScheduleTime: '2026-01-01T01:00:00Z', note: '2026-01-01T01:00:00 is not a stored time' },
      involvedObject: { resourceVersion: '1501' },
    };
    const edits = planTranslation([o], { sinceMs: since, byMs: 3 * HOUR, rvSince: 1500, rvBy: 600 })!;
    expect(edits.map((e) => [e.key, e.value])).toEqual([['lastScheduleTime', '2026-01-01T04:00:00Z'], ['resourceVersion', '2101']]);
  });

  it('refuses frozen objects rather than half-moving them', () => {
    const o = Object.freeze({ metadata: Object.freeze({ creationTimestamp: '2026-01-01T02:00:00Z' }) });
    expect(planTranslation([o], { sinceMs: 0, byMs: HOUR, rvSince: 0, rvBy: 0 })).toBeNull();
  });

  it('the random sequence skipped n draws is where n draws would leave it', () => {
    const a = new SeededRandom(42);
    const b = new SeededRandom(42);
    a.skip(200_003);
    for (let i = 0; i < 200_003; i++) b.uint32();
    expect(a.draws).toBe(b.draws);
    expect([a.uint32(), a.nameSuffix(), a.uuid()]).toEqual([b.uint32(), b.nameSuffix(), b.uuid()]);
    // skipReading hands out the draws it passes, as uint32 would have returned them
    const read: number[] = [];
    a.skipReading(10, [0, 3, 9], read);
    const drawn = Array.from({ length: 10 }, () => b.uint32());
    expect(read).toEqual([drawn[0], drawn[3], drawn[9]]);
    expect(a.draws).toBe(b.draws);
    expect(a.uint32()).toBe(b.uint32());
  });

  it('the clock moves pending tasks with it, in the same order', () => {
    const clock = new VirtualClock(0);
    const ran: string[] = [];
    const late = clock.at(500, 'late', () => ran.push(`late@${clock.now()}`));
    clock.at(100, 'early', () => ran.push(`early@${clock.now()}`));
    clock.shift(HOUR);
    expect(clock.now()).toBe(HOUR);
    expect(clock.timeOf(late)).toBe(HOUR + 500);
    clock.runUntil(HOUR + 1000);
    expect(ran).toEqual([`early@${HOUR + 100}`, `late@${HOUR + 500}`]);
    expect(clock.timeOf(late)).toBeUndefined();
  });

  it('the clock leaves anchored tasks (--at commands) at their times and keeps the order', () => {
    const clock = new VirtualClock(0);
    const ran: string[] = [];
    clock.at(2 * HOUR, 'command', () => ran.push(`command@${clock.now()}`), { anchored: true });
    clock.at(100, 'a', () => ran.push(`a@${clock.now()}`));
    clock.at(HOUR + 200, 'b', () => ran.push(`b@${clock.now()}`));
    clock.shift(HOUR);
    clock.runUntil(3 * HOUR);
    expect(ran).toEqual([`a@${HOUR + 100}`, `command@${2 * HOUR}`, `b@${2 * HOUR + 200}`]);
  });
});
