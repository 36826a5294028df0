// `kubectl create -f FILE…` and the `create` subcommands (kubectl pkg/cmd/create/create.go). From files: each
// object is POSTed as written (with its last-applied annotation under --save-config), printed as
// `job.batch/hello created`; an existing one is `Error from server (AlreadyExists): error when creating "F":
// jobs.batch "hello" already exists` (tests/golden/kubectl-write 49–50, 72–74). Subcommands: deployment, job,
// cronjob are simulated; the others name kinds the lab does not have.
import { admitCreate } from '../../api/admission.ts';
import { withApplyAnnotation } from '../apply/last-applied.ts';
import type { FileProblem, KubectlContext, KubectlResult } from '../context.ts';
import { addSourceToErr, plainError, statusError, type KubeError } from '../errors.ts';
import { DRY_RUN, FILENAME, GLOBAL_FLAGS, OUTPUT, SELECTOR, TOLERATED, dryRunStrategy, parseFlags, usageError, type FlagDef } from '../flags.ts';
import { markRefusal, readManifestFiles } from '../manifest-files.ts';
import { createCronJob } from './create-cronjob.ts';
import { createDeployment } from './create-deployment.ts';
import { createJobCommand } from './create-job.ts';
import { failWith, finish, operationLine, outputMode, printEach } from './output.ts';

const CREATE_FLAGS: FlagDef[] = [
  ...GLOBAL_FLAGS, ...TOLERATED, FILENAME, DRY_RUN, OUTPUT, SELECTOR,
  { name: 'recursive', short: 'R', kind: 'bool' },
  { name: 'kustomize', short: 'k', kind: 'string' },
  { name: 'edit', kind: 'bool' },
  { name: 'windows-line-endings', kind: 'bool' },
  { name: 'save-config', kind: 'bool' },
  { name: 'raw', kind: 'string' },
];

/** Subcommands kubectl has that build kinds the lab does not simulate. */
const OTHER_SUBCOMMANDS = ['namespace', 'ns', 'quota', 'resourcequota', 'secret', 'configmap', 'cm', 'serviceaccount', 'sa', 'service', 'svc', 'clusterrole', 'clusterrolebinding', 'role', 'rolebinding', 'poddisruptionbudget', 'pdb', 'priorityclass', 'pc', 'ingress', 'ing', 'token'];

export function create(ctx: KubectlContext, args: string[]): KubectlResult {
  const parsed = parseFlags(args, CREATE_FLAGS, 'create');
  // A subcommand is the first positional word; its own flags are its business.
  const sub = parsed.ok ? parsed.flags.args[0] : firstWord(args);
  if (sub !== undefined && (parsed.ok ? parsed.flags.argsLenAtDash !== 0 : true)) {
    const rest = withoutFirst(args, sub);
    switch (sub) {
      case 'deployment':
      case 'deploy':
        return createDeployment(ctx, rest);
      case 'job':
        return createJobCommand(ctx, rest);
      case 'cronjob':
      case 'cj':
        return createCronJob(ctx, rest);
      default:
        if (OTHER_SUBCOMMANDS.includes(sub)) return failWith(plainError(`"kubectl create ${sub}" is not simulated: the lab simulates Pods, ReplicaSets, Deployments, Jobs, CronJobs, TFJobs and PyTorchJobs (create deployment, job and cronjob work)`));
    }
  }
  if (!parsed.ok) return failWith(parsed.error);
  return createFromFiles(ctx, args);
}

/** The first positional word, skipping the values of create's own value flags (`-n dev`, `-o yaml`). */
function firstWord(args: readonly string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') return undefined;
    if (!a.startsWith('-')) return a;
    if (a.includes('=')) continue;
    const def = a.startsWith('--') ? CREATE_FLAGS.find((f) => f.name === a.slice(2)) : a.length === 2 ? CREATE_FLAGS.find((f) => f.short === a[1]) : undefined;
    if (def && def.kind !== 'bool' && def.noOptDefVal === undefined) i++;
  }
  return undefined;
}

function withoutFirst(args: readonly string[], word: string): string[] {
  const i = args.indexOf(word);
  return [...args.slice(0, i), ...args.slice(i + 1)];
}

function createFromFiles(ctx: KubectlContext, args: string[]): KubectlResult {
  const parsed = parseFlags(args, CREATE_FLAGS, 'create');
  if (!parsed.ok) return failWith(parsed.error);
  const flags = parsed.flags;
  if (flags.args.length) return failWith(usageError('create', `Unexpected args: [${flags.args.join(' ')}]`));
  const dry = dryRunStrategy(flags, ctx.sim.now());
  if ('type' in dry) return failWith(dry);
  const warnings = dry.warning ?? '';
  if (flags.changed('kustomize')) return failWith(plainError('kustomize (-k) is not simulated: list the manifests with -f'), '', warnings);
  const files = flags.slice('filename');
  if (files.length === 0) return failWith(plainError('must specify one of -f and -k'), '', warnings);
  if (flags.bool('edit')) return failWith(plainError('--edit is not simulated: edit the file in the editor, then create it'), '', warnings);
  if (flags.changed('raw')) return failWith(plainError('--raw is not simulated'), '', warnings);
  const mode = outputMode(flags.string('output'));
  if (typeof mode !== 'string') return failWith(mode, '', warnings);
  const manifests = readManifestFiles(ctx, files, { namespace: flags.namespace, explicitNamespace: flags.explicitNamespace });
  if (!('read' in manifests)) return failWith(manifests, '', warnings);
  const { read, validation } = manifests;
  const problems: FileProblem[] = [...validation];
  const errors: KubeError[] = [...read.errors];
  let stdout = '';
  const printed: unknown[] = [];
  let count = 0;
  for (const o of read.objects) {
    const body = flags.bool('save-config') ? withApplyAnnotation(o.value) : o.value;
    let created: unknown = body;
    if (dry.strategy !== 'client') {
      const r = dry.strategy === 'server'
        ? admitCreate(body, { uid: ctx.sim.random.uuid(), nameSuffix: ctx.sim.random.nameSuffix(), namespace: o.namespace ?? 'default' })
        : ctx.sim.api.create(body, { namespace: o.namespace ?? 'default' });
      if (!r.ok) {
        errors.push(addSourceToErr('creating', o.file, statusError(r.error)));
        markRefusal(problems, validation, o, r.error);
        continue;
      }
      created = r.object;
    }
    count++;
    if (mode === 'yaml' || mode === 'json') printed.push(created);
    else stdout += operationLine(o.entry, o.name, 'created', mode, dry.strategy);
  }
  if (mode === 'yaml' || mode === 'json') stdout += printEach(printed, mode);
  if (errors.length === 0 && count === 0) return failWith(plainError('no objects passed to create'), stdout, warnings);
  const result = finish(stdout, errors, warnings);
  return problems.length ? { ...result, problems } : result;
}
