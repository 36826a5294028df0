// `kubectl create cronjob NAME --image=IMAGE --schedule=SPEC [--restart=OnFailure|Never] [-- COMMAND…]`
// (kubectl pkg/cmd/create/create_cronjob.go): the job template carries the CronJob's name in its metadata,
// one container named after the CronJob, restartPolicy OnFailure unless --restart says otherwise (kubectl
// passes any value on; the API server judges it). Recordings 49, 79, 91–93.
import { kindNamed } from '../../schema/index.ts';
import type { JsonMap } from '../apply/json-values.ts';
import type { KubectlContext, KubectlResult } from '../context.ts';
import { GLOBAL_FLAGS, parseFlags, type FlagDef } from '../flags.ts';
import { GENERATOR_FLAGS, nameFromArgs, runGenerator } from './generate.ts';
import { failWith } from './output.ts';

const FLAGS: FlagDef[] = [
  ...GLOBAL_FLAGS, ...GENERATOR_FLAGS,
  { name: 'image', kind: 'string', required: true },
  { name: 'schedule', kind: 'string', required: true },
  { name: 'restart', kind: 'string' },
];

export function createCronJob(ctx: KubectlContext, args: string[]): KubectlResult {
  const parsed = parseFlags(args, FLAGS, 'create cronjob');
  if (!parsed.ok) return failWith(parsed.error);
  const flags = parsed.flags;
  const named = nameFromArgs(flags, 'create cronjob');
  if ('type' in named) return failWith(named);
  const name = named.name;
  const object: JsonMap = {
    kind: 'CronJob',
    apiVersion: 'batch/v1',
    metadata: { name, ...(flags.explicitNamespace ? { namespace: flags.namespace } : {}) },
    spec: {
      schedule: flags.string('schedule'),
      jobTemplate: {
        metadata: { name },
        spec: {
          template: {
            metadata: {},
            spec: {
              containers: [{ name, image: flags.string('image'), ...(named.command.length ? { command: named.command } : {}), resources: {} }],
              restartPolicy: flags.string('restart') || 'OnFailure',
            },
          },
        },
      },
    },
    status: {},
  };
  return runGenerator(ctx, flags, { entry: kindNamed('CronJob')!, name, object, failurePrefix: 'failed to create cronjob' });
}
