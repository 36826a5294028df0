// `kubectl replace -f FILE…` (kubectl pkg/cmd/replace/replace.go): each object is PUT as written, carrying the
// live object's resourceVersion, so whatever the manifest leaves out is gone (the last-applied annotation
// included, unless --save-config). Prints `deployment.apps/web replaced` (recording 70); a missing object is
// `Error from server (NotFound): error when replacing "F": deployments.apps "web" not found`
// (tests/golden/kubectl-write 71).
import { withApplyAnnotation } from '../apply/last-applied.ts';
import type { FileProblem, KubectlContext, KubectlResult } from '../context.ts';
import { addSourceToErr, plainError, statusError, type KubeError } from '../errors.ts';
import { DRY_RUN, FILENAME, GLOBAL_FLAGS, OUTPUT, TOLERATED, dryRunStrategy, parseFlags, usageError, type FlagDef } from '../flags.ts';
import { markRefusal, readManifestFiles } from '../manifest-files.ts';
import { failWith, finish, operationLine, outputMode, printEach } from './output.ts';
import { notFound } from '../../api/api-error.ts';

const REPLACE_FLAGS: FlagDef[] = [
  ...GLOBAL_FLAGS, ...TOLERATED, FILENAME, DRY_RUN, OUTPUT,
  { name: 'recursive', short: 'R', kind: 'bool' },
  { name: 'kustomize', short: 'k', kind: 'string' },
  { name: 'save-config', kind: 'bool' },
  { name: 'force', kind: 'bool' },
  { name: 'cascade', kind: 'string', noOptDefVal: 'background' },
  { name: 'grace-period', kind: 'int' },
  { name: 'timeout', kind: 'duration' },
  { name: 'wait', kind: 'bool' },
  { name: 'raw', kind: 'string' },
  { name: 'subresource', kind: 'string' },
];

export function replace(ctx: KubectlContext, args: string[]): KubectlResult {
  const parsed = parseFlags(args, REPLACE_FLAGS, 'replace');
  if (!parsed.ok) return failWith(parsed.error);
  const flags = parsed.flags;
  if (flags.args.length) return failWith(usageError('replace', `Unexpected args: [${flags.args.join(' ')}]`));
  const dry = dryRunStrategy(flags, ctx.sim.now());
  if ('type' in dry) return failWith(dry);
  const warnings = dry.warning ?? '';
  const files = flags.slice('filename');
  if (files.length === 0 && !flags.changed('kustomize')) return failWith(plainError('must specify one of -f and -k'), '', warnings);
  if (flags.changed('kustomize')) return failWith(plainError('kustomize (-k) is not simulated: list the manifests with -f'), '', warnings);
  if (flags.bool('force')) return failWith(plainError('replace --force is not simulated: kubectl delete -f FILE, then kubectl create -f FILE'), '', warnings);
  const mode = outputMode(flags.string('output'));
  if (typeof mode !== 'string') return failWith(mode, '', warnings);
  const manifests = readManifestFiles(ctx, files, { namespace: flags.namespace, explicitNamespace: flags.explicitNamespace });
  if (!('read' in manifests)) return failWith(manifests, '', warnings);
  const { read, validation } = manifests;
  const problems: FileProblem[] = [...validation];
  const errors: KubeError[] = [...read.errors];
  let stdout = '';
  const printed: unknown[] = [];
  for (const o of read.objects) {
    const live = ctx.sim.api.get(o.entry.kind, o.namespace, o.name);
    if (!live) {
      errors.push(addSourceToErr('replacing', o.file, statusError(notFound(o.entry.resource, o.entry.group, o.name))));
      continue;
    }
    let body = flags.bool('save-config') ? withApplyAnnotation(o.value) : o.value;
    body = { ...body, metadata: { ...(body.metadata as Record<string, unknown>), resourceVersion: live.metadata.resourceVersion } };
    let result: unknown = body;
    if (dry.strategy === 'none') {
      const r = ctx.sim.api.replace(body, { namespace: o.namespace });
      if (!r.ok) {
        errors.push(addSourceToErr('replacing', o.file, statusError(r.error)));
        markRefusal(problems, validation, o, r.error);
        continue;
      }
      result = r.object;
    }
    if (mode === 'yaml' || mode === 'json') printed.push(result);
    else stdout += operationLine(o.entry, o.name, 'replaced', mode, dry.strategy);
  }
  if (mode === 'yaml' || mode === 'json') stdout += printEach(printed, mode);
  const result = finish(stdout, errors, warnings);
  return problems.length ? { ...result, problems } : result;
}
