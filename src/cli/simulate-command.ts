// `workload-lab simulate [--json] [--watch] [--until DURATION|done] [--start RFC3339] [--seed N]
// [--at "DURATION COMMAND"]... FILE...` (../shared/notes/cli.md). Exit 0 when the simulation ran, 1 when an
// input was rejected (problems printed as `validate` prints them) or the run went past its work cap, 2 on a
// usage error or an unreadable file.
import { WorkCapExceeded } from '../engine/clock/virtual-clock.ts';
import { parseRfc3339 } from '../engine/clock/time-format.ts';
import { parseGoDuration } from '../engine/cron/go-duration.ts';
import { formatGoDuration } from '../engine/node/go-duration-string.ts';
import { DONE_CAP_MS, DEFAULT_UNTIL_MS } from '../engine/sim/run-limits.ts';
import type { SimulationInput } from '../engine/sim/run-simulation.ts';
import type { CliIO } from './main.ts';
import { printProblems, readInput, unreadableMessage } from './print-problems.ts';

const USAGE = `Usage: workload-lab simulate [--json] [--watch] [--until DURATION|done] [--start RFC3339]
                         [--seed N] [--at "DURATION COMMAND"]... FILE...

  --json       print the report as one JSON object
  --watch      also report every change to every object
  --until      simulated time to run: a Go duration (default 10m), or "done" (until nothing is left
               to happen, at most 24h)
  --start      the virtual clock's start (default 2026-01-01T00:00:00Z)
  --seed       random seed for generated names and ties (default 1)
  --at         run COMMAND at DURATION after the start: a kubectl command, or
               lab crash POD|-l SELECTOR [--exit-code N], lab fail-node NODE, lab restore-node NODE
`;

class UsageError extends Error {}

const VALUE_FLAGS = new Set(['--until', '--start', '--seed', '--at']);

/** Go duration → ms (sub-millisecond parts dropped). */
function durationMs(flag: string, text: string): number {
  const d = parseGoDuration(text);
  if (!d.ok) throw new UsageError(`invalid argument "${text}" for "${flag}" flag: ${d.error}`);
  if (d.nanoseconds < 0n) throw new UsageError(`invalid argument "${text}" for "${flag}" flag: the duration must not be negative`);
  return Number(d.nanoseconds / 1_000_000n);
}

interface Options {
  json: boolean;
  input: Omit<SimulationInput, 'files'>;
  files: string[];
}

function parseArgs(args: string[]): Options | 'help' {
  const opts: Options = { json: false, input: { at: [] }, files: [] };
  const at: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '-h' || arg === '--help') return 'help';
    const bool = arg.match(/^--(json|watch)(?:=(true|false))?$/);
    if (bool) {
      if (bool[1] === 'json') opts.json = bool[2] !== 'false';
      else opts.input.watch = bool[2] !== 'false';
    } else if (arg === '--') {
      opts.files.push(...args.slice(i + 1));
      break;
    } else if (arg.startsWith('-') && arg !== '-') {
      const eq = arg.indexOf('=');
      const name = eq > 0 ? arg.slice(0, eq) : arg;
      if (!VALUE_FLAGS.has(name)) throw new UsageError(`unknown flag: ${name}`);
      let value: string;
      if (eq > 0) value = arg.slice(eq + 1);
      else if (i + 1 < args.length) value = args[++i]!;
      else throw new UsageError(`flag needs an argument: ${name}`);
      switch (name) {
        case '--until':
          opts.input.until = value === 'done' ? 'done' : durationMs('--until', value);
          break;
        case '--start': {
          const ms = parseRfc3339(value);
          if (ms === null) throw new UsageError(`invalid argument "${value}" for "--start" flag: not an RFC 3339 time such as 2026-01-01T00:00:00Z`);
          opts.input.start = ms;
          break;
        }
        case '--seed':
          if (!/^\d+$/.test(value) || Number(value) > 0xffffffff) {
            throw new UsageError(`invalid argument "${value}" for "--seed" flag: the seed is an integer from 0 to 4294967295`);
          }
          opts.input.seed = Number(value);
          break;
        default:
          at.push(value);
      }
    } else opts.files.push(arg);
  }
  if (opts.files.length === 0) throw new UsageError('must specify at least one FILE');
  const endMs = opts.input.until === 'done' ? DONE_CAP_MS : (opts.input.until ?? DEFAULT_UNTIL_MS);
  for (const value of at) {
    const m = value.trim().match(/^(\S+)\s+(\S.*)$/s);
    if (!m) throw new UsageError(`invalid argument "${value}" for "--at" flag: expected "DURATION COMMAND", e.g. "30s kubectl delete pod -l app=web"`);
    const offsetMs = durationMs('--at', m[1]!);
    if (offsetMs > endMs) {
      throw new UsageError(`invalid argument "${value}" for "--at" flag: ${m[1]} is after the end of the simulation (${opts.input.until === 'done' ? 'done: at most 24h' : `--until ${formatGoDuration(endMs)}`})`);
    }
    opts.input.at!.push({ offsetMs, command: m[2]!.trim() });
  }
  return opts;
}

export async function runSimulate(args: string[], io: CliIO): Promise<number> {
  let opts: Options | 'help';
  try {
    opts = parseArgs(args);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    io.stderr.write(`error: ${err.message}\n${USAGE}`);
    return 2;
  }
  if (opts === 'help') {
    io.stdout.write(USAGE);
    return 0;
  }

  const files: SimulationInput['files'] = [];
  for (const name of opts.files) {
    try {
      files.push({ name, text: readInput(name) });
    } catch (err) {
      io.stderr.write(unreadableMessage(name, err));
      return 2;
    }
  }

  // The engine is loaded only once the command line and files are known to be good (usage errors stay quick).
  const { runSimulation } = await import('../engine/sim/run-simulation.ts');
  const { renderSummary } = await import('../engine/sim/report.ts');
  try {
    const outcome = runSimulation({ ...opts.input, files });
    if ('errors' in outcome) {
      printProblems(outcome.errors, opts.json, io);
      const n = outcome.errors.length;
      io.stderr.write(`error: the input was rejected (${n} ${n === 1 ? 'problem' : 'problems'}); nothing was simulated\n`);
      return 1;
    }
    io.stdout.write(opts.json ? JSON.stringify(outcome, null, 2) + '\n' : renderSummary(outcome));
    return 0;
  } catch (err) {
    if (err instanceof WorkCapExceeded) {
      io.stderr.write(`error: ${err.message}\n`);
      return 1;
    }
    // Never a stack trace: a bug of ours is reported as one line.
    io.stderr.write(`error: internal error in workload-lab: ${(err as Error)?.message ?? String(err)}\n`);
    return 1;
  }
}
