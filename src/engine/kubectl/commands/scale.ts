// `kubectl scale --replicas=N (TYPE NAME | TYPE/NAME … | TYPE --all | TYPE -l SEL | -f FILE)` (kubectl
// pkg/cmd/scale/scale.go, pkg/scale/scale.go): writes spec.replicas through the scale subresource, which
// Deployments and ReplicaSets have (and PyTorchJob, at .spec.pytorchReplicaSpecs.Worker.replicas); Jobs,
// CronJobs, Pods and TFJobs have none, so the server answers `the server could not find the requested
// resource` (recorded 19 — kubectl 1.35 no longer scales Jobs itself). `--current-replicas` is a precondition
// (`error: Expected replicas to be 3, was 5`). Prints `deployment.apps/web scaled` (recordings 45, 54).
import type { KubeObject } from '../../api/objects.ts';
import type { KubectlContext, KubectlResult } from '../context.ts';
import { plainError, statusError, type KubeError } from '../errors.ts';
import { DRY_RUN, FILENAME, GLOBAL_FLAGS, OUTPUT, SELECTOR, TOLERATED, dryRunStrategy, parseFlags, type FlagDef } from '../flags.ts';
import { fileTexts, readFileObjects } from '../manifest-files.ts';
import { visitTargets } from '../targets.ts';
import type { KindEntry } from '../../schema/index.ts';
import { failWith, finish, operationLine } from './output.ts';
import { notFound } from '../../api/api-error.ts';

const SCALE_FLAGS: FlagDef[] = [
  ...GLOBAL_FLAGS, ...TOLERATED, FILENAME, DRY_RUN, OUTPUT, SELECTOR,
  { name: 'recursive', short: 'R', kind: 'bool' },
  { name: 'kustomize', short: 'k', kind: 'string' },
  { name: 'all', kind: 'bool' },
  { name: 'resource-version', kind: 'string' },
  { name: 'current-replicas', kind: 'int' },
  { name: 'replicas', kind: 'int', required: true },
  { name: 'timeout', kind: 'duration' },
];

/** The JSON path of spec.replicas behind a kind's scale subresource, or null when it has none. */
function replicasPath(kind: KindEntry): string[] | null {
  if (kind.kind === 'Deployment' || kind.kind === 'ReplicaSet') return ['spec', 'replicas'];
  if (kind.specReplicasPath) return kind.specReplicasPath.split('.').filter((s) => s !== '');
  return null;
}

function readPath(obj: unknown, path: readonly string[]): number {
  let v: unknown = obj;
  for (const p of path) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[p] : undefined;
  return typeof v === 'number' ? v : 0;
}

function writePath(obj: Record<string, unknown>, path: readonly string[], value: number): void {
  let o = obj;
  for (const p of path.slice(0, -1)) {
    if (!o[p] || typeof o[p] !== 'object') o[p] = {};
    o = o[p] as Record<string, unknown>;
  }
  o[path[path.length - 1]!] = value;
}

export function scale(ctx: KubectlContext, args: string[]): KubectlResult {
  const parsed = parseFlags(args, SCALE_FLAGS, 'scale');
  if (!parsed.ok) return failWith(parsed.error);
  const flags = parsed.flags;
  const dry = dryRunStrategy(flags, ctx.sim.now());
  if ('type' in dry) return failWith(dry);
  const warnings = dry.warning ?? '';
  const output = flags.string('output');
  if (output !== '' && output !== 'name') return failWith(plainError(`the output format "${output}" is not simulated for scale (supported: name)`), '', warnings);
  const replicas = flags.int('replicas', 0);
  if (replicas < 0) return failWith(plainError('The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0'), '', warnings);
  const current = flags.int('current-replicas', -1);
  if (current < -1) return failWith(plainError('The --current-replicas must specify an integer of -1 or greater'), '', warnings);
  if (flags.changed('kustomize')) return failWith(plainError('kustomize (-k) is not simulated: list the manifests with -f'), '', warnings);

  const targets: { kind: KindEntry; object: KubeObject }[] = [];
  let infoErrors: KubeError[] = [];
  const files = flags.slice('filename');
  if (files.length) {
    if (flags.args.length) return failWith(plainError('when paths, URLs, or stdin is provided as input, you may not specify resource arguments as well'), '', warnings);
    const texts = fileTexts(ctx, files);
    if (!Array.isArray(texts)) return failWith(texts, '', warnings);
    const read = readFileObjects(texts, { namespace: flags.namespace, explicitNamespace: flags.explicitNamespace });
    infoErrors = [...read.errors];
    for (const o of read.objects) {
      const live = ctx.sim.api.get(o.entry.kind, o.namespace, o.name);
      if (live) targets.push({ kind: o.entry, object: live });
      else infoErrors.push(statusError(notFound(o.entry.resource, o.entry.group, o.name)));
    }
  } else {
    const visit = visitTargets(ctx.sim.api, flags.args, { namespace: flags.namespace, selector: flags.string('selector') || undefined, all: flags.bool('all') });
    if ('type' in visit) return failWith(visit, '', warnings);
    targets.push(...visit.found);
    infoErrors = visit.errors;
  }
  const infoErr: KubeError | null = infoErrors.length === 0 ? null : infoErrors.length === 1 ? infoErrors[0]! : { type: 'aggregate', errors: infoErrors };
  const resourceVersion = flags.string('resource-version');
  if (resourceVersion !== '' && targets.length > 1) return failWith(plainError('cannot use --resource-version with multiple resources'), '', warnings);
  if (targets.length === 0) return failWith(infoErr ?? plainError('no objects passed to scale'), '', warnings);

  let stdout = '';
  const mode = output === 'name' ? 'name' : '';
  for (const t of targets) {
    if (dry.strategy === 'client') {
      stdout += operationLine(t.kind, t.object.metadata.name, 'scaled', mode, 'client');
      continue;
    }
    const path = replicasPath(t.kind);
    if (!path) return failWith(statusError({ kind: 'Status', status: 'Failure', reason: 'NotFound', code: 404, message: 'the server could not find the requested resource' }), stdout, warnings);
    if (current !== -1 && readPath(t.object, path) !== current) {
      return failWith(plainError(`Expected replicas to be ${current}, was ${readPath(t.object, path)}`), stdout, warnings);
    }
    if (resourceVersion !== '' && t.object.metadata.resourceVersion !== resourceVersion) {
      return failWith(plainError(`Expected resource version to be ${resourceVersion}, was ${t.object.metadata.resourceVersion ?? ''}`), stdout, warnings);
    }
    if (dry.strategy === 'none') {
      const ns = t.kind.namespaced ? t.object.metadata.namespace : undefined;
      // The scale subresource writes the replicas field only (a spec change: generation + 1).
      const r = ctx.sim.api.patch(t.kind.kind, ns, t.object.metadata.name, (o) => writePath(o as unknown as Record<string, unknown>, path, replicas));
      if (!r.ok) return failWith(statusError(r.error), stdout, warnings);
    }
    stdout += operationLine(t.kind, t.object.metadata.name, 'scaled', mode, dry.strategy);
  }
  return finish(stdout, infoErr ? [infoErr] : [], warnings);
}
