// `kubectl apply -f FILE…` (kubectl pkg/cmd/apply/apply.go): every object of the files, in order, created
// with its last-applied annotation or patched three ways (./../apply/apply-object.ts). Prints
// `deployment.apps/web created|configured|unchanged` (recordings 60–66 and tests/golden/kubectl-write), the
// missing-annotation warning on stderr, and the errors as checkErr does: one error alone (`The Job "pi" is
// invalid: …`), several one per line (`Error from server (Invalid): error when creating "pi.yaml": …`).
import { applyObject } from '../apply/apply-object.ts';
import { LAST_APPLIED } from '../apply/last-applied.ts';
import type { KubectlContext, KubectlResult, FileProblem } from '../context.ts';
import { addSourceToErr, plainError, statusError, type KubeError } from '../errors.ts';
import { DRY_RUN, FILENAME, GLOBAL_FLAGS, OUTPUT, SELECTOR, TOLERATED, dryRunStrategy, parseFlags, usageError, type FlagDef } from '../flags.ts';
import { markRefusal, readManifestFiles, type FileObject } from '../manifest-files.ts';
import { failWith, finish, operationLine, outputMode, printObjects } from './output.ts';

const APPLY_FLAGS: FlagDef[] = [
  ...GLOBAL_FLAGS, ...TOLERATED, FILENAME, DRY_RUN, OUTPUT, SELECTOR,
  { name: 'recursive', short: 'R', kind: 'bool' },
  { name: 'kustomize', short: 'k', kind: 'string' },
  { name: 'server-side', kind: 'bool' },
  { name: 'force-conflicts', kind: 'bool' },
  { name: 'prune', kind: 'bool' },
  { name: 'prune-allowlist', kind: 'stringArray' },
  { name: 'applyset', kind: 'string' },
  { name: 'all', kind: 'bool' },
  { name: 'overwrite', kind: 'bool' },
  { name: 'openapi-patch', kind: 'bool' },
  { name: 'subresource', kind: 'string' },
  { name: 'cascade', kind: 'string', noOptDefVal: 'background' },
  { name: 'grace-period', kind: 'int' },
  { name: 'force', kind: 'bool' },
  { name: 'timeout', kind: 'duration' },
  { name: 'wait', kind: 'bool' },
];

export const WARNING_NO_LAST_APPLIED = (resource: string) =>
  `Warning: resource ${resource} is missing the ${LAST_APPLIED} annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n`;

/** resource.Info.String(): the mapping and the name, as apply's patch errors print them. */
export function infoString(o: FileObject): string {
  const e = o.entry;
  return `Resource: "${e.group}/${e.version}, Resource=${e.resource}", GroupVersionKind: "${e.group}/${e.version}, Kind=${e.kind}"\nName: "${o.name}", Namespace: "${o.namespace ?? ''}"`;
}

export function apply(ctx: KubectlContext, args: string[]): KubectlResult {
  const parsed = parseFlags(args, APPLY_FLAGS, 'apply');
  if (!parsed.ok) return failWith(parsed.error);
  const flags = parsed.flags;
  if (flags.args.length) return failWith(usageError('apply', `Unexpected args: [${flags.args.join(' ')}]`));
  if (flags.changed('kustomize')) return failWith(plainError('kustomize (-k) is not simulated: list the manifests with -f'));
  const files = flags.slice('filename');
  if (files.length === 0) return failWith(plainError('must specify one of -f and -k'));
  const dry = dryRunStrategy(flags, ctx.sim.now());
  if ('type' in dry) return failWith(dry);
  const warnings = dry.warning ?? '';
  if (flags.bool('server-side')) return failWith(plainError('server-side apply (--server-side) is not simulated: use client-side apply (drop --server-side)'), '', warnings);
  if (flags.bool('prune')) return failWith(plainError('--prune is not simulated: delete objects you removed from the manifests with kubectl delete'), '', warnings);
  const mode = outputMode(flags.string('output'));
  if (typeof mode !== 'string') return failWith(mode, '', warnings);
  const manifests = readManifestFiles(ctx, files, { namespace: flags.namespace, explicitNamespace: flags.explicitNamespace });
  if (!('read' in manifests)) return failWith(manifests, '', warnings);
  const { read, validation } = manifests;
  if (read.objects.length === 0 && read.errors.length === 0) return failWith(plainError('no objects passed to apply'), '', warnings);

  const problems: FileProblem[] = [...validation];
  // GetObjects' errors (reading, decoding, mapping) come first, as one aggregate; then each object's.
  const errors: KubeError[] = read.errors.length ? [{ type: 'aggregate', errors: read.errors }] : [];
  let stdout = '';
  let stderr = warnings;
  const printed: unknown[] = [];
  for (const o of read.objects) {
    const r = applyObject(ctx.sim.api, o.entry, o.value, { namespace: o.namespace, dryRun: dry.strategy });
    if (r.missingAnnotation) stderr += WARNING_NO_LAST_APPLIED(`${o.entry.resource}/${o.name}`);
    if (r.patchError !== undefined) {
      errors.push(plainError(`error when applying patch:\n${r.patch ?? ''}\nto:\n${infoString(o)}\nfor: "${o.file}": ${r.patchError}`));
      continue;
    }
    if (r.error) {
      const e = statusError(r.error);
      errors.push(r.patch === undefined ? addSourceToErr('creating', o.file, e) : addSourceToErr(`applying patch:\n${r.patch}\nto:\n${infoString(o)}\nfor:`, o.file, addSourceToErr('patching', o.file, e)));
      markRefusal(problems, validation, o, r.error);
      continue;
    }
    if (mode === 'yaml' || mode === 'json') printed.push(r.object);
    else stdout += operationLine(o.entry, o.name, r.outcome!, mode, dry.strategy);
  }
  if (mode === 'yaml' || mode === 'json') stdout += printObjects(printed, mode);
  const result = finish(stdout, errors, stderr);
  return problems.length ? { ...result, problems } : result;
}
