// `kubectl create job NAME --image=IMAGE [-- COMMAND…]` and `kubectl create job NAME --from=cronjob/X`
// (kubectl pkg/cmd/create/create_job.go; reference §5.12). The --image Job has one container named after the
// Job and restartPolicy Never (recording 48); --from copies the CronJob's job template with the
// `cronjob.kubernetes.io/instantiate: manual` annotation and an owner reference (recordings 52, 53; the body is
// the cronjob package's jobFromCronJob). A failed create reads `error: failed to create job: …`; a missing
// CronJob is the builder's NotFound (recording 46).
import type { CronJob } from '../../controllers/cronjob/types.ts';
import { jobFromCronJob } from '../../controllers/cronjob/job-from-cronjob.ts';
import type { Simulation } from '../../sim/simulation.ts';
import { kindForResource, kindNamed } from '../../schema/index.ts';
import type { KubectlContext, KubectlResult } from '../context.ts';
import { plainError, statusError } from '../errors.ts';
import { GLOBAL_FLAGS, parseFlags } from '../flags.ts';
import type { JsonMap } from '../apply/json-values.ts';
import { GENERATOR_FLAGS, nameFromArgs, runGenerator } from './generate.ts';
import { failWith } from './output.ts';
import { notFound } from '../../api/api-error.ts';

const FLAGS = [...GLOBAL_FLAGS, ...GENERATOR_FLAGS, { name: 'image', kind: 'string' as const }, { name: 'from', kind: 'string' as const }];

/** The Job `create job NAME --image` builds, in the typed struct's field order. */
export function imageJob(name: string, image: string, command: string[], namespace?: string): JsonMap {
  return {
    kind: 'Job',
    apiVersion: 'batch/v1',
    metadata: { name, ...(namespace !== undefined ? { namespace } : {}) },
    spec: {
      template: {
        metadata: {},
        spec: {
          containers: [{ name, image, ...(command.length ? { command } : {}), resources: {} }],
          restartPolicy: 'Never',
        },
      },
    },
    status: {},
  };
}

/** `kubectl create job …` (args: the words after `create job`). */
export function createJobCommand(ctx: KubectlContext, args: string[]): KubectlResult {
  const parsed = parseFlags(args, FLAGS, 'create job');
  if (!parsed.ok) return failWith(parsed.error);
  const flags = parsed.flags;
  const named = nameFromArgs(flags, 'create job');
  if ('type' in named) return failWith(named);
  const image = flags.string('image');
  const from = flags.string('from');
  if ((image === '') === (from === '')) return failWith(plainError('either --image or --from must be specified'));
  if (named.command.length && from !== '') return failWith(plainError('cannot specify --from and command'));
  const namespace = flags.explicitNamespace ? flags.namespace : undefined;
  const entry = kindNamed('Job')!;
  if (image !== '') {
    return runGenerator(ctx, flags, { entry, name: named.name, object: imageJob(named.name, image, named.command, namespace), failurePrefix: 'failed to create job' });
  }
  const slash = from.indexOf('/');
  const type = slash < 0 ? from : from.slice(0, slash);
  const kind = kindForResource(type);
  if (!kind) return failWith(plainError(`the server doesn't have a resource type "${type}"`));
  if (slash < 0) return failWith(plainError('resource(s) were provided, but no name was specified'));
  const source = from.slice(slash + 1);
  const found = ctx.sim.api.get(kind.kind, kind.namespaced ? flags.namespace : undefined, source);
  if (!found) return failWith(statusError(notFound(kind.resource, kind.group, source)));
  if (kind.kind !== 'CronJob') return failWith(plainError(`unknown object type *v1.${kind.kind}`));
  const job = jobFromCronJob(found as CronJob, named.name, namespace !== undefined ? { namespace } : {});
  const object: JsonMap = { kind: job.kind, apiVersion: job.apiVersion, metadata: job.metadata, spec: job.spec as unknown as JsonMap, status: {} };
  return runGenerator(ctx, flags, { entry, name: named.name, object, failurePrefix: 'failed to create job' });
}

/** The older entry point (simulation, words after `create job`). */
export function createJob(sim: Simulation, args: string[]): KubectlResult {
  return createJobCommand({ sim }, args);
}
