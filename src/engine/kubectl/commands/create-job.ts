// `kubectl create job NAME --from=cronjob/X` (reference §5.12; kubectl create_job.go): the Job body is
// the cronjob package's jobFromCronJob; the API server defaults and validates it as any user create.
// Prints `job.batch/NAME created` (demo 53); a missing CronJob is the server's NotFound (demo 46).
import type { CronJob } from '../../controllers/cronjob/types.ts';
import { jobFromCronJob } from '../../controllers/cronjob/job-from-cronjob.ts';
import type { Simulation } from '../../sim/simulation.ts';
import type { CommandResult } from '../get.ts';
import { kindForResource } from '../../schema/index.ts';
import { apiErrorText, fail, isResult, notFoundText, ok, parseFlags } from './common.ts';

/** `kubectl create job NAME --from=cronjob/X` (args: the words after `create job`). */
export function createJob(sim: Simulation, args: string[]): CommandResult {
  const flags = parseFlags(args, [{ long: 'from' }, { long: 'image' }], 'create job');
  if (isResult(flags)) return flags;
  if (flags.positional.length !== 1) return fail(`error: exactly one NAME is required, got ${flags.positional.length}\nSee 'kubectl create job -h' for help and examples`);
  const name = flags.positional[0]!;
  const from = flags.values.get('from');
  if (from === undefined) {
    if (flags.values.has('image')) return fail('error: creating a Job from an image is not simulated yet; use --from=cronjob/NAME');
    return fail('error: either --image or --from must be specified');
  }
  const slash = from.indexOf('/');
  const kind = slash > 0 ? kindForResource(from.slice(0, slash)) : undefined;
  if (slash <= 0 || !kind) return fail(`error: the server doesn't have a resource type "${slash > 0 ? from.slice(0, slash) : from}"`);
  if (kind.kind !== 'CronJob') return fail(`error: unknown object type ${kind.kind}`);
  const source = from.slice(slash + 1);
  const cronJob = sim.api.get<CronJob>('CronJob', flags.namespace, source);
  if (!cronJob) return fail(notFoundText({ kind, name: source }));
  const r = sim.api.create(jobFromCronJob(cronJob, name), { namespace: flags.namespace });
  if (!r.ok) return fail(apiErrorText(r.error));
  return ok(`job.batch/${r.object.metadata.name} created\n`);
}

/** `kubectl create SUBCOMMAND ...`: only `job --from` is simulated here. */
export function create(sim: Simulation, args: string[]): CommandResult {
  const [sub, ...rest] = args;
  if (sub === 'job') return createJob(sim, rest);
  return fail(`error: "kubectl create ${sub ?? ''}" is not simulated yet (this simulator supports: create job NAME --from=cronjob/X)`);
}
