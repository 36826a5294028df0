// `kubectl cordon NODE…` / `kubectl uncordon NODE…` (kubectl pkg/cmd/drain/drain.go RunCordonOrUncordon,
// pkg/drain/cordon.go): sets or clears the node's spec.unschedulable, printing `node/node-1 cordoned`, or
// `node/node-1 already cordoned` when there is nothing to do (tests/golden/kubectl-write 108–114). The
// scheduler stops placing new pods on a cordoned node; pods already there keep running.
import type { KubeObject } from '../../api/objects.ts';
import { kindNamed } from '../../schema/index.ts';
import type { KubectlContext, KubectlResult } from '../context.ts';
import { plainError, statusError, type KubeError } from '../errors.ts';
import { DRY_RUN, GLOBAL_FLAGS, SELECTOR, dryRunStrategy, parseFlags, usageError, type FlagDef, type Flags } from '../flags.ts';
import { notFound } from '../../api/api-error.ts';
import { parseSelector } from '../selector.ts';
import { failWith, operationLine } from './output.ts';

export const CORDON_FLAGS: FlagDef[] = [...GLOBAL_FLAGS, DRY_RUN, SELECTOR];

/** The nodes a cordon/uncordon/drain names (`NODE…` or `--selector`), or the error that stops it. */
export function nodesFor(ctx: KubectlContext, flags: Flags, command: string): KubeObject[] | KubeError {
  const selector = flags.string('selector');
  if (flags.args.length === 0 && !flags.changed('selector')) return usageError(command, `USAGE: ${command} NODE [flags]`);
  if (flags.args.length > 0 && selector !== '') return usageError(command, 'error: cannot specify both a node name and a --selector option');
  if (selector !== '' || flags.args.length === 0) {
    const s = parseSelector(selector);
    if (!s.ok) return plainError(s.error);
    return ctx.sim.api.list('Node', { selector: s.selector });
  }
  const nodes: KubeObject[] = [];
  for (const name of flags.args) {
    const n = ctx.sim.api.get('Node', undefined, name.startsWith('node/') ? name.slice(5) : name);
    if (!n) return statusError(notFound('nodes', '', name));
    nodes.push(n);
  }
  return nodes;
}

/**
 * RunCordonOrUncordon for each node: what it prints. A changed node is patched (`{"spec":{"unschedulable":true}}`,
 * or the field removed when uncordoning) unless it is a client dry run.
 */
export function cordonNodes(ctx: KubectlContext, nodes: readonly KubeObject[], desired: boolean, dryRun: 'none' | 'client' | 'server'): { stdout: string; stderr: string } {
  const entry = kindNamed('Node')!;
  let stdout = '';
  let stderr = '';
  const verb = desired ? 'cordon' : 'uncordon';
  for (const node of nodes) {
    const current = !!(node.spec as { unschedulable?: boolean } | undefined)?.unschedulable;
    if (current === desired) {
      stdout += operationLine(entry, node.metadata.name, `already ${verb}ed`, '', dryRun);
      continue;
    }
    if (dryRun === 'none') {
      const r = ctx.sim.api.patch(entry.kind, undefined, node.metadata.name, (n) => {
        const spec = { ...(n.spec as Record<string, unknown>) };
        if (desired) spec.unschedulable = true;
        else delete spec.unschedulable;
        n.spec = spec;
      });
      if (!r.ok) {
        stderr += `error: unable to ${verb} node "${node.metadata.name}": ${r.error.message}\n`;
        continue;
      }
    }
    stdout += operationLine(entry, node.metadata.name, `${verb}ed`, '', dryRun);
  }
  return { stdout, stderr };
}

function run(ctx: KubectlContext, args: string[], desired: boolean): KubectlResult {
  const command = desired ? 'cordon' : 'uncordon';
  const parsed = parseFlags(args, CORDON_FLAGS, command);
  if (!parsed.ok) return failWith(parsed.error);
  const dry = dryRunStrategy(parsed.flags, ctx.sim.now());
  if ('type' in dry) return failWith(dry);
  const warnings = dry.warning ?? '';
  const nodes = nodesFor(ctx, parsed.flags, command);
  if (!Array.isArray(nodes)) return failWith(nodes, '', warnings);
  const out = cordonNodes(ctx, nodes, desired, dry.strategy);
  return { exitCode: 0, stdout: out.stdout, stderr: warnings + out.stderr };
}

export const cordon = (ctx: KubectlContext, args: string[]): KubectlResult => run(ctx, args, true);
export const uncordon = (ctx: KubectlContext, args: string[]): KubectlResult => run(ctx, args, false);
