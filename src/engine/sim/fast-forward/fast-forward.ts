// Fast-forward: a long run of a periodic cluster (a `* * * * *` CronJob over a year: half a million Jobs) in
// the time of a few simulated hours. The run is simulated in full, hour by hour, until its state repeats:
// three hour boundaries with equal fingerprints (fingerprint.ts) and the same numbers of writes, random draws
// and tasks in the two hours between. Then whole hours are skipped at once: the clock, the pending tasks, the
// recent part of every stored object (translation.ts), the events' expiry, the resourceVersion counter and
// the seeded random sequence all move to where those hours would have left them. The last stretch before the
// end — long enough that nothing alive at the end was created before the jump — is simulated in full again,
// so what the run ends with was produced by the controllers themselves.
//
// What differs from simulating every hour: which of several equal nodes each skipped pod ran on, and so the
// round-robin of pod IPs on each node (the scheduler's random choices in the skipped hours are not made);
// names, uids, times, counts and resourceVersions are the ones the full run gives. Only used when nothing
// outside the controllers watches every change (`simulate` without --watch and without commands to run).
import type { Simulation } from '../simulation.ts';
import type { CronJob } from '../../controllers/cronjob/types.ts';
import { fingerprint, RecentIdentities } from './fingerprint.ts';
import { repeatsHourly } from './hourly-schedules.ts';
import { imagesSettled } from './images-settled.ts';
import { applyTranslation, planTranslation, timestampMs, type Translation } from './translation.ts';

export const PERIOD_MS = 3600_000;
/** Hours simulated in full, at most, looking for the repeat before giving up on the jump. */
const MAX_SEARCH_PERIODS = 24;
/** The shortest run worth trying: three hours to compare, two simulated after the jump, one to skip. */
const MIN_PERIODS = 6;
/** Pending work allowed at a boundary: what the jump knows how to move (event expiry, CronJob requeues). */
const MOVABLE_TASKS = [/^event ttl$/, /^cronjob-sync /];

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
 * Runs `sim` to `untilMs`, skipping whole periods when the run repeats (see the file comment). Returns what was
 * skipped, or null when the run was simulated in full. `runTo` runs the clock (with the simulation's work cap).
 */
export function runWithFastForward(sim: Simulation, untilMs: number, runTo: (atMs: number) => void): FastForwardReport | null {
  const first = Math.floor(sim.now() / PERIOD_MS) * PERIOD_MS + PERIOD_MS;
  if (untilMs - first < MIN_PERIODS * PERIOD_MS || !cronJobsRepeat(sim)) {
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
  const samples: Sample[] = [];
  let report: FastForwardReport | null = null;
  for (let i = 0; i < MAX_SEARCH_PERIODS && report === null && sim.now() + PERIOD_MS <= untilMs; i++) {
    runTo(sim.now() + PERIOD_MS);
    if (!cronJobsRepeat(sim) || !onlyMovableTasks(sim)) break;
    samples.push(sample(sim, identities, sinceMs, rvSince));
    report = tryJump(sim, samples, untilMs, sinceMs, rvSince);
  }
  unwatch();
  sim.random.onDrawn = null;
  runTo(untilMs);
  return report;
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
function tryJump(sim: Simulation, samples: readonly Sample[], untilMs: number, sinceMs: number, rvSince: number): FastForwardReport | null {
  const n = samples.length;
  if (n < 3) return null;
  const [a, b, c] = [samples[n - 3]!, samples[n - 2]!, samples[n - 1]!];
  if (!c.fingerprint || a.fingerprint !== b.fingerprint || b.fingerprint !== c.fingerprint) return null;
  const rvBy = c.rv - b.rv;
  const drawsBy = c.draws - b.draws;
  if (rvBy !== b.rv - a.rv || drawsBy !== b.draws - a.draws || c.tasks - b.tasks !== b.tasks - a.tasks) return null;
  if (!imagesSettled(sim, sinceMs)) return null;
  // Simulate in full after the jump for as long as the oldest recent thing has lived, plus a period: then
  // everything alive at the end was made after the jump.
  const tailMs = (Math.ceil(memoryMs(sim, sinceMs) / PERIOD_MS) + 1) * PERIOD_MS;
  const periods = Math.floor((untilMs - c.at - tailMs) / PERIOD_MS);
  if (periods < 1) return null;
  const t: Translation = { sinceMs, byMs: periods * PERIOD_MS, rvSince, rvBy: periods * rvBy };
  const edits = planTranslation(sim.api.storedObjects(), t);
  if (edits === null) return null;
  applyTranslation(edits);
  sim.clock.shift(t.byMs);
  sim.events.shiftTime(t.byMs, sinceMs);
  sim.api.advanceResourceVersion(t.rvBy);
  sim.random.skip(periods * drawsBy);
  return { periods, periodMs: PERIOD_MS, fromMs: c.at, toMs: sim.now() };
}

/** How long ago the oldest recent object was created (events: last written, as they expire from then). */
function memoryMs(sim: Simulation, sinceMs: number): number {
  let oldest = sim.now();
  for (const o of sim.api.storedObjects()) {
    const created = timestampMs(o.metadata.creationTimestamp ?? '');
    if (created !== null && created >= sinceMs && created < oldest) oldest = created;
  }
  return sim.now() - oldest;
}

function cronJobsRepeat(sim: Simulation): boolean {
  for (const o of sim.api.storedObjects()) if (o.kind === 'CronJob' && !repeatsHourly(o as CronJob)) return false;
  return true;
}

function onlyMovableTasks(sim: Simulation): boolean {
  for (const t of sim.clock.pendingTasks()) if (!MOVABLE_TASKS.some((re) => re.test(t.label))) return false;
  return true;
}
