// `kubectl rollout status deployment/NAME [--watch=false] [--timeout=D] [--revision=N]` (kubectl
// pkg/cmd/rollout/rollout_status.go, polymorphichelpers/rollout_status.go; reference §3.12): prints the
// Deployment status viewer's line for the current object and again on every change to it (so identical lines
// repeat, as they do with kubectl), until the rollout is done (`deployment "web" successfully rolled out`),
// the deployment exceeds its progress deadline, is deleted, or --timeout of simulated time passes (`error:
// timed out waiting for the condition`). Several deployments are watched one after the other. Recordings 32
// and tests/golden/kubectl-write 121–126.
import type { Deployment } from '../../api/kinds.ts';
import type { KubeObject } from '../../api/objects.ts';
import type { Simulation } from '../../sim/simulation.ts';
import type { KubectlResult } from '../context.ts';
import { errorMessage, plainError, type KubeError } from '../errors.ts';
import { FILENAME, GLOBAL_FLAGS, SELECTOR, parseFlags, type FlagDef } from '../flags.ts';
import { visitTargets } from '../targets.ts';
import { CommandStream } from '../stream.ts';
import { failWith } from './output.ts';

const FLAGS: FlagDef[] = [
  ...GLOBAL_FLAGS, FILENAME, SELECTOR,
  { name: 'recursive', short: 'R', kind: 'bool' },
  { name: 'kustomize', short: 'k', kind: 'string' },
  { name: 'revision', kind: 'int' },
  { name: 'timeout', kind: 'duration' },
  { name: 'watch', short: 'w', kind: 'bool' },
];

/** DeploymentStatusViewer.Status: the line to print and whether the rollout is done, or the error. */
export function deploymentStatus(d: Deployment, revision: number): { line: string; done: boolean } | KubeError {
  const name = d.metadata.name;
  if (revision > 0) {
    const current = Number(d.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? '0');
    if (revision !== current) return plainError(`desired revision (${revision}) is different from the running revision (${current})`);
  }
  const status = d.status ?? {};
  if ((d.metadata.generation ?? 0) <= (status.observedGeneration ?? 0)) {
    const progressing = status.conditions?.find((c) => c.type === 'Progressing');
    if (progressing?.reason === 'ProgressDeadlineExceeded') return plainError(`deployment "${name}" exceeded its progress deadline`);
    const replicas = d.spec?.replicas;
    const updated = status.updatedReplicas ?? 0;
    if (replicas !== undefined && updated < replicas) return { line: `Waiting for deployment "${name}" rollout to finish: ${updated} out of ${replicas} new replicas have been updated...\n`, done: false };
    if ((status.replicas ?? 0) > updated) return { line: `Waiting for deployment "${name}" rollout to finish: ${(status.replicas ?? 0) - updated} old replicas are pending termination...\n`, done: false };
    if ((status.availableReplicas ?? 0) < updated) return { line: `Waiting for deployment "${name}" rollout to finish: ${status.availableReplicas ?? 0} of ${updated} updated replicas are available...\n`, done: false };
    return { line: `deployment "${name}" successfully rolled out\n`, done: true };
  }
  return { line: 'Waiting for deployment spec update to be observed...\n', done: false };
}

export function rolloutStatus(sim: Simulation, args: string[]): KubectlResult {
  const parsed = parseFlags(args, FLAGS, 'rollout status');
  if (!parsed.ok) return failWith(parsed.error);
  const flags = parsed.flags;
  if (flags.args.length === 0 && flags.slice('filename').length === 0) return failWith(plainError('required resource not specified'));
  if (flags.slice('filename').length || flags.changed('kustomize')) return failWith(plainError('rollout status -f is not simulated: name the deployment, e.g. deployment/web'));
  const visit = visitTargets(sim.api, flags.args, { namespace: flags.namespace, selector: flags.string('selector') || undefined, allowEmptySelector: true });
  if ('type' in visit) return failWith(visit);
  const queue: KubeObject[] = [];
  for (const f of visit.found) {
    if (f.kind.kind !== 'Deployment') {
      return failWith(plainError(`no status viewer has been implemented for ${f.kind.group ? `${f.kind.kind}.${f.kind.group}` : f.kind.kind}`));
    }
    queue.push(f.object);
  }
  if (visit.errors.length) return failWith(visit.errors[0]!);
  if (queue.length === 0) return { exitCode: 0, stdout: '', stderr: `No resources found in ${flags.namespace} namespace.\n` };
  const revision = flags.int('revision', 0);
  const shouldWatch = flags.changed('watch') ? flags.bool('watch') : true;
  const timeoutMs = flags.durationMs('timeout');

  let stdout = '';
  const stream = new CommandStream(sim);
  let streaming = false;
  const out = (s: string) => (streaming ? stream.write(s) : (stdout += s));
  /** Evaluates one deployment; true when it is settled (done, or --watch=false). */
  const evaluate = (d: Deployment): boolean | KubeError => {
    const s = deploymentStatus(d, revision);
    if ('type' in s) return s;
    out(s.line);
    return s.done || !shouldWatch;
  };
  // Deployments settled without waiting are handled at once; the first one that must wait starts the stream.
  let current: KubeObject | undefined;
  const advance = (): KubeError | null => {
    while (queue.length) {
      current = queue.shift()!;
      const live = sim.api.get<Deployment>('Deployment', current.metadata.namespace, current.metadata.name);
      if (!live) return plainError('object has been deleted');
      const r = evaluate(live);
      if (r !== true) return r === false ? null : r;
    }
    current = undefined;
    return null;
  };
  const first = advance();
  if (first) return { exitCode: 1, stdout, stderr: errorMessage(first) };
  if (!current) return { exitCode: 0, stdout, stderr: '' };

  streaming = true;
  const end = (e: KubeError | null) => {
    if (e) stream.writeErr(errorMessage(e));
    stream.finish(e ? 1 : 0);
  };
  let timer: { cancel(): void } | null = null;
  const arm = () => {
    if (timeoutMs <= 0) return;
    let cancelled = false;
    timer = { cancel: () => (cancelled = true) };
    stream.timeout(timeoutMs, () => {
      if (!cancelled) end(plainError('timed out waiting for the condition'));
    });
  };
  arm();
  const unwatch = sim.api.watch(['Deployment'], (e) => {
    if (!current || e.object.metadata.uid !== current.metadata.uid) return;
    if (e.type === 'DELETED') return end(plainError('object has been deleted'));
    const r = evaluate(e.object as Deployment);
    if (r === false) return;
    if (r !== true) return end(r);
    timer?.cancel();
    const next = advance();
    if (next) return end(next);
    if (!current) return end(null);
    arm();
  });
  stream.onEnd(unwatch);
  return { exitCode: 0, stdout, stderr: '', stream };
}
