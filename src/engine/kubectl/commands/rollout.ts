// `kubectl rollout undo|restart|pause|resume|history` for Deployments (reference §3.11; kubectl
// pkg/cmd/rollout and polymorphichelpers rollback.go, history.go, objectrestarter.go, objectpauser.go).
// The revision arithmetic is the deployment package's (revisions.ts); this file parses, patches and prints.
import type { Deployment, ReplicaSet } from '../../api/kinds.ts';
import { rfc3339 } from '../../clock/time-format.ts';
import { findRollbackRevision, listRevisions, rollbackChange } from '../../controllers/deployment/revisions.ts';
import type { Simulation } from '../../sim/simulation.ts';
import type { CommandResult } from '../get.ts';
import type { KubectlResult } from '../context.ts';
import { qualifiedResource } from '../get.ts';
import { apiErrorText, fail, isResult, notFoundText, objectRef, ok, parseFlags, resolveTarget } from './common.ts';
import type { FlagSpec, Target } from './common.ts';
import { podTemplateText } from './pod-template-text.ts';
import { rolloutStatus } from './rollout-status.ts';
import { helpText } from './help.ts';
import { splitSubcommand } from '../flags.ts';

export const RESTARTED_AT_ANNOTATION = 'kubectl.kubernetes.io/restartedAt';

type Loaded = { target: Target; ns: string; deployment: Deployment; positional: string[]; values: Map<string, string> } | CommandResult;

function load(sim: Simulation, args: string[], command: string, specs: FlagSpec[] = []): Loaded {
  const flags = parseFlags(args, specs, `rollout ${command}`);
  if (isResult(flags)) return flags;
  const resolved = resolveTarget(flags.positional);
  if (typeof resolved === 'string') return fail(resolved);
  const { target } = resolved;
  const deployment = sim.api.get<Deployment>(target.kind.kind, flags.namespace, target.name);
  if (!deployment) return fail(notFoundText(target));
  if (target.kind.kind !== 'Deployment') return fail(`error: ${command} is not supported by this simulator for ${target.kind.resource}`);
  return { target, ns: flags.namespace, deployment, positional: flags.positional.slice(resolved.used), values: flags.values };
}

function revisionFlag(values: Map<string, string>, name: string): number | string {
  const v = values.get(name) ?? '0';
  if (!/^[+-]?\d+$/.test(v)) return `error: invalid argument "${v}" for "--${name}" flag: strconv.ParseInt: parsing "${v}": invalid syntax`;
  return Number(v);
}

const replicaSets = (sim: Simulation, ns: string) => sim.api.list<ReplicaSet>('ReplicaSet', { namespace: ns });

/** `kubectl rollout undo deployment/NAME [--to-revision=N]` */
export function rolloutUndo(sim: Simulation, args: string[]): CommandResult {
  const l = load(sim, args, 'undo', [{ long: 'to-revision' }]);
  if ('exitCode' in l) return l;
  const toRevision = revisionFlag(l.values, 'to-revision');
  if (typeof toRevision === 'string') return fail(toRevision);
  if (l.deployment.spec?.paused) return fail("error: you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again");
  const found = findRollbackRevision(l.deployment, replicaSets(sim, l.ns), toRevision);
  if (!found.ok) return fail(`error: ${found.error}`);
  const change = rollbackChange(l.deployment, found.replicaSet, found.revision);
  if (change.skipped) return ok(`${objectRef(l.target)} skipped rollback (current template already matches revision ${change.revision})\n`);
  // kubectl sends a JSON patch replacing /spec/template and /metadata/annotations (demo 59's mutation).
  const r = sim.api.patch<Deployment>('Deployment', l.ns, l.target.name, (d) => {
    d.spec!.template = change.template;
    d.metadata.annotations = change.annotations;
  });
  if (!r.ok) return fail(apiErrorText(r.error));
  return ok(`${objectRef(l.target)} rolled back\n`);
}

/** `kubectl rollout restart deployment/NAME`: stamps the template so a new ReplicaSet rolls out. */
export function rolloutRestart(sim: Simulation, args: string[]): CommandResult {
  const l = load(sim, args, 'restart');
  if ('exitCode' in l) return l;
  if (l.deployment.spec?.paused) return fail(`error: ${qualifiedResource(l.target.kind)} "${l.target.name}" can't restart paused deployment (run rollout resume first)`);
  const r = sim.api.patch<Deployment>('Deployment', l.ns, l.target.name, (d) => {
    const meta = (d.spec!.template.metadata ??= {});
    (meta.annotations ??= {})[RESTARTED_AT_ANNOTATION] = rfc3339(sim.now());
  });
  if (!r.ok) return fail(apiErrorText(r.error));
  return ok(`${objectRef(l.target)} restarted\n`);
}

function setPaused(sim: Simulation, args: string[], paused: boolean): CommandResult {
  const l = load(sim, args, paused ? 'pause' : 'resume');
  if ('exitCode' in l) return l;
  if (!!l.deployment.spec?.paused === paused) {
    return fail(`error: ${qualifiedResource(l.target.kind)} "${l.target.name}" ${paused ? 'is already paused' : 'is not paused'}`);
  }
  const r = sim.api.patch<Deployment>('Deployment', l.ns, l.target.name, (d) => {
    d.spec!.paused = paused;
  });
  if (!r.ok) return fail(apiErrorText(r.error));
  return ok(`${objectRef(l.target)} ${paused ? 'paused' : 'resumed'}\n`);
}

export const rolloutPause = (sim: Simulation, args: string[]): CommandResult => setPaused(sim, args, true);
export const rolloutResume = (sim: Simulation, args: string[]): CommandResult => setPaused(sim, args, false);

/** `kubectl rollout history deployment/NAME [--revision=N]` */
export function rolloutHistory(sim: Simulation, args: string[]): CommandResult {
  const l = load(sim, args, 'history', [{ long: 'revision' }]);
  if ('exitCode' in l) return l;
  const revision = revisionFlag(l.values, 'revision');
  if (typeof revision === 'string') return fail(revision);
  const entries = listRevisions(l.deployment, replicaSets(sim, l.ns));
  // rollout_history.go prints `<ref> <withRevision>\n<history>` through the name printer (which adds "\n").
  if (revision > 0) {
    const e = entries.find((x) => x.revision === revision);
    if (!e) return fail('error: unable to find the specified revision');
    return ok(`${objectRef(l.target)} with revision #${revision}\n${podTemplateText(e.template)}\n`);
  }
  if (entries.length === 0) return ok(`${objectRef(l.target)} \nNo rollout history found.\n`);
  const rows = [['REVISION', 'CHANGE-CAUSE'], ...entries.map((e) => [String(e.revision), e.changeCause ?? '<none>'])];
  const width = Math.max(...rows.map((r) => r[0]!.length)) + 2; // tabwriter padding 2
  const table = rows.map(([a, b]) => `${a!.padEnd(width)}${b}\n`).join('');
  return ok(`${objectRef(l.target)} \n${table}\n`);
}

/** `kubectl rollout SUBCOMMAND ...` */
export function rollout(sim: Simulation, args: string[]): KubectlResult {
  const { sub, rest } = splitSubcommand(args);
  switch (sub) {
    case 'undo':
      return rolloutUndo(sim, rest);
    case 'restart':
      return rolloutRestart(sim, rest);
    case 'pause':
      return rolloutPause(sim, rest);
    case 'resume':
      return rolloutResume(sim, rest);
    case 'history':
      return rolloutHistory(sim, rest);
    case 'status':
      return rolloutStatus(sim, rest);
    case undefined:
      // cobra's DefaultSubCommandRun: the command's help on stderr, exit 1.
      return { exitCode: 1, stdout: '', stderr: helpText(['rollout']) ?? "error: a rollout subcommand is required\nSee 'kubectl rollout -h' for help and examples\n" };
    default:
      // cobra's DefaultSubCommandRun: every word left over is the unknown command (recorded: rollout foo deployment/web).
      return fail(`error: unknown command "${args.filter((a) => !a.startsWith('-')).join(' ')}"\nSee 'kubectl rollout -h' for help and examples`);
  }
}
