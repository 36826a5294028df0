// Fast-forward: a long run of a periodic cluster (a `* * * * *` CronJob over a year: half a million Jobs) in
// the time of a few simulated hours. The period is an hour, a day or a week (schedule-period.ts). The run is
// simulated in full, period by period, until its state repeats: three boundaries with equal fingerprints
// (fingerprint.ts) and the same numbers of writes, random draws and tasks in the two periods between, with the
// kubelets' images settled (images-settled.ts). Then whole periods are skipped at once: the clock, the pending
// tasks, the recent part of every stored object (translation.ts), the events' expiry, the resourceVersion
// counter and the seeded random sequence all move to where those periods would have left them. The last stretch
// before the end — long enough that nothing alive at the end was created before the jump — is simulated in full
// again, so what the run ends with was produced by the controllers themselves.
//
// The result is the full run's, byte for byte: the random sequence moves on by exactly the skipped periods'
// draws, and the scheduler's choices among equal nodes in them — whose one lasting trace is each node's pod-IP
// round-robin — are replayed from those draws (node-choices.ts). Only used when nothing outside the controllers
// watches every change (`simulate` without --watch); `--at` commands are anchored tasks that end a stretch.
import type { Simulation } from '../simulation.ts';
import type { CronJob } from '../../controllers/cronjob/types.ts';
import { fingerprint, RecentIdentities } from './fingerprint.ts';
import { HOUR_MS, schedulePeriod } from './schedule-period.ts';
import { nextOffsetChange } from './zone-transitions.ts';
import { replayChoices, type TimedChoice } from './node-choices.ts';
import { schedulerFor } from '../../node/scheduler.ts';
import { kubeletFor } from '../../node/kubelet.ts';
import { imagesSettled } from './images-settled.ts';
import { applyTranslation, createdMs, planTranslation, type Translation } from './translation.ts';

/** Periods simulated in full, at most, looking for the repeat before giving up on the jump… */
const MAX_SEARCH_PERIODS = 24;
/** …and simulated time (the search remembers every name it sees: six weeks of a weekly period at most). */
const MAX_SEARCH_MS = 42 * 24 * 3600_000;
/** The shortest run worth trying: three periods to compare, two simulated after the jump, one to skip. */
const MIN_PERIODS = 6;
/**
 * Pending work allowed at a boundary: what the jump knows how to move — event expiry, CronJob requeues, and the
 * TTL-after-finished controller's (its queue holds only keys, and it reads the Jobs' moved finish times).
 */
const MOVABLE_TASKS = [/^event ttl$/, /^cronjob-sync /, /^ttl-jobs-to-delete /];

export interface FastForwardReport {
  /** Whole periods skipped. */
  periods: number;
  periodMs: number;
  /** The boundary the jump left from, and where it landed (ms). */
  fromMs: number;
  toMs: number;
}

interface Sample {
  at: number;
  fingerprint: string;
  rv: number;
  draws: number;
  tasks: number;
}

/**
 * Runs `sim` to `untilMs`, skipping whole periods when the run repeats (see the file comment). Returns the jumps
 * made (none: the run was simulated in full). `runTo` runs the clock (with the simulation's work cap). A run
 * whose CronJobs read a zone with daylight saving time repeats between the zone's offset changes: each stretch
 * between two is fast-forwarded on its own, and the changes themselves are simulated in full.
 */
export function runWithFastForward(sim: Simulation, untilMs: number, runTo: (atMs: number) => void): FastForwardReport[] {
  const jumps: FastForwardReport[] = [];
  const watchers = sim.api.watcherCount;
  while (sim.now() < untilMs) {
    const plan = runPeriod(sim);
    // a new watch (a command that keeps printing, `get -w`) reads every change from now on
    if (plan === null || sim.api.watcherCount !== watchers) {
      runTo(untilMs);
      break;
    }
    // a stretch ends at the next zone offset change and at the next appointment (a --at command), run in full
    let stretchEnd = untilMs;
    for (const zone of plan.zones) stretchEnd = Math.min(stretchEnd, nextOffsetChange(zone, sim.now(), untilMs) ?? untilMs);
    for (const t of sim.clock.pendingTasks()) if (t.anchored && t.at < stretchEnd) stretchEnd = t.at;
    const jump = fastForwardStretch(sim, plan.periodMs, stretchEnd, runTo);
    if (jump) jumps.push(jump);
  }
  return jumps;
}

/** Runs to `untilMs`, jumping at most once; returns the jump, or null. */
function fastForwardStretch(sim: Simulation, periodMs: number, untilMs: number, runTo: (atMs: number) => void): FastForwardReport | null {
  const first = Math.floor(sim.now() / periodMs) * periodMs + periodMs;
  if (untilMs - first < MIN_PERIODS * periodMs) {
    runTo(untilMs);
    return null;
  }
  runTo(first);
  const sinceMs = first;
  const rvSince = sim.api.resourceVersion;
  // The search's own watch, gone before the jump: who is who among what the search periods create.
  const identities = new RecentIdentities(sinceMs);
  const unwatch = sim.api.watch(null, (e) => identities.observe(e.object));
  sim.random.onDrawn = (value, draws) => identities.observeDrawn(value, draws);
  // the scheduler's choices among equal nodes, to replay over the skipped periods (node-choices.ts)
  const choices: TimedChoice[] = [];
  const scheduler = schedulerFor(sim.api);
  if (scheduler) scheduler.onChoice = (choice) => choices.push({ atMs: sim.now(), choice });
  const samples: Sample[] = [];
  let report: FastForwardReport | null = null;
  const searchPeriods = Math.min(MAX_SEARCH_PERIODS, Math.floor(MAX_SEARCH_MS / periodMs));
  for (let i = 0; i < searchPeriods && report === null && sim.now() + periodMs <= untilMs; i++) {
    runTo(sim.now() + periodMs);
    if (runPeriod(sim)?.periodMs !== periodMs) break;
    // work in flight at the boundary: this boundary cannot be compared (nor jumped from)
    if (!onlyMovableTasks(sim)) {
      samples.length = 0;
      continue;
    }
    samples.push(sample(sim, identities, sinceMs, rvSince));
    report = tryJump(sim, samples, choices, untilMs, sinceMs, rvSince, periodMs);
  }
  unwatch();
  sim.random.onDrawn = null;
  if (scheduler) scheduler.onChoice = null;
  runTo(untilMs);
  return report;
}

/**
 * The period of the whole run, the longest of its CronJobs' (an hour divides a day, a day a week), and the zones
 * other than UTC they read; null when one has no period.
 */
function runPeriod(sim: Simulation): { periodMs: number; zones: string[] } | null {
  let periodMs = HOUR_MS;
  const zones = new Set<string>();
  for (const o of sim.api.storedObjects()) {
    if (o.kind !== 'CronJob') continue;
    const p = schedulePeriod(o as CronJob);
    if (p === null) return null;
    if (p.periodMs > periodMs) periodMs = p.periodMs;
    if (p.zone !== null) zones.add(p.zone);
  }
  return { periodMs, zones: [...zones] };
}

function sample(sim: Simulation, identities: RecentIdentities, sinceMs: number, rvSince: number): Sample {
  const nowMs = sim.now();
  const rv = sim.api.resourceVersion;
  return {
    at: nowMs,
    fingerprint: fingerprint({ objects: sim.api.storedObjects(), tasks: sim.clock.pendingTasks(), identities, nowMs, sinceMs, rvSince, rv, draws: sim.random.draws }),
    rv,
    draws: sim.random.draws,
    tasks: sim.clock.executed,
  };
}

/** Jumps when the last three samples show one repeating period; returns what it did, or null. */
function tryJump(sim: Simulation, samples: readonly Sample[], choices: readonly TimedChoice[], untilMs: number, sinceMs: number, rvSince: number, periodMs: number): FastForwardReport | null {
  const n = samples.length;
  if (n < 3) return null;
  const [a, b, c] = [samples[n - 3]!, samples[n - 2]!, samples[n - 1]!];
  if (a.fingerprint !== b.fingerprint || b.fingerprint !== c.fingerprint) return null;
  const rvBy = c.rv - b.rv;
  const drawsBy = c.draws - b.draws;
  if (rvBy !== b.rv - a.rv || drawsBy !== b.draws - a.draws || c.tasks - b.tasks !== b.tasks - a.tasks) return null;
  if (!imagesSettled(sim, sinceMs)) return null;
  // Simulate in full after the jump for as long as the oldest recent thing has lived, plus a period: then
  // everything alive at the end was made after the jump.
  const tailMs = (Math.ceil(memoryMs(sim, sinceMs) / periodMs) + 1) * periodMs;
  const periods = Math.floor((untilMs - c.at - tailMs) / periodMs);
  if (periods < 1) return null;
  const t: Translation = { sinceMs, byMs: periods * periodMs, rvSince, rvBy: periods * rvBy };
  const edits = planTranslation(sim.api.storedObjects(), t);
  if (edits === null) return null;
  applyTranslation(edits);
  sim.clock.shift(t.byMs);
  sim.events.shiftTime(t.byMs, sinceMs);
  sim.api.advanceResourceVersion(t.rvBy);
  // the random sequence, and what the scheduler's choices in the skipped periods did to each node's pod IPs
  const lastPeriod = choices.filter((x) => x.atMs > b.at && x.atMs <= c.at).map((x) => x.choice);
  const allocations = replayChoices(sim.random, periods, drawsBy, b.draws, lastPeriod);
  const kubelets = kubeletFor(sim.api);
  for (const [node, n] of allocations) kubelets?.skipAllocations(node, n);
  return { periods, periodMs, fromMs: c.at, toMs: sim.now() };
}

/**
 * How long ago the oldest recent object was created: in a periodic run nothing lives longer, so after that long
 * (and a period) past the jump, everything alive was made after it.
 */
function memoryMs(sim: Simulation, sinceMs: number): number {
  let oldest = sim.now();
  for (const o of sim.api.storedObjects()) {
    const created = createdMs(o);
    if (created !== null && created >= sinceMs && created < oldest) oldest = created;
  }
  return sim.now() - oldest;
}

function onlyMovableTasks(sim: Simulation): boolean {
  for (const t of sim.clock.pendingTasks()) if (!t.anchored && !MOVABLE_TASKS.some((re) => re.test(t.label))) return false;
  return true;
}
