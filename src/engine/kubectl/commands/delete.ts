// `kubectl delete` (kubectl pkg/cmd/delete/delete.go, delete_flags.go): by TYPE NAME…, TYPE/NAME…, -l, --all,
// -A or -f FILE; `--cascade=background|foreground|orphan` (and the deprecated booleans, with kubectl's
// warning), `--grace-period`, `--now`, `--force`, `--ignore-not-found`, `--dry-run`, `-o name`. Each deleted
// object prints `pod "x" deleted from default namespace` (`force deleted` for grace 0; recordings 71–73 and
// tests/golden/kubectl-write 25–48).
//
// `--wait` (on by default): kubectl prints its lines as the DELETEs return, then waits until every deleted
// object is gone from the API (finalizers, graceful pod termination). Here that wait is a stream with no
// further output that ends when the last object is gone, so the prompt comes back when it would in a real
// terminal — after the 30 s of a pod's graceful termination, say. Objects already gone need no stream.
import type { PropagationPolicy } from '../../api/api-server.ts';
import type { KubectlContext, KubectlResult } from '../context.ts';
import { addSourceToErr, errorMessage, plainError, statusError, type KubeError } from '../errors.ts';
import { kindPrefix } from '../get.ts';
import { DRY_RUN, FILENAME, GLOBAL_FLAGS, OUTPUT, SELECTOR, dryRunStrategy, parseFlags, type FlagDef } from '../flags.ts';
import { fileTexts, readFileObjects } from '../manifest-files.ts';
import { CommandStream } from '../stream.ts';
import { visitTargets } from '../targets.ts';
import type { KindEntry } from '../../schema/index.ts';
import { failWith } from './output.ts';

const DELETE_FLAGS: FlagDef[] = [
  ...GLOBAL_FLAGS, FILENAME, DRY_RUN, OUTPUT, SELECTOR,
  { name: 'recursive', short: 'R', kind: 'bool' },
  { name: 'kustomize', short: 'k', kind: 'string' },
  { name: 'field-selector', kind: 'string' },
  { name: 'all', kind: 'bool' },
  { name: 'all-namespaces', short: 'A', kind: 'bool' },
  { name: 'force', kind: 'bool' },
  { name: 'cascade', kind: 'string', noOptDefVal: 'background' },
  { name: 'now', kind: 'bool' },
  { name: 'grace-period', kind: 'int' },
  { name: 'timeout', kind: 'duration' },
  { name: 'ignore-not-found', kind: 'bool' },
  { name: 'wait', kind: 'bool' },
  { name: 'raw', kind: 'string' },
  { name: 'interactive', short: 'i', kind: 'bool' },
];

const TRUE = ['1', 't', 'T', 'true', 'TRUE', 'True'];
const FALSE = ['0', 'f', 'F', 'false', 'FALSE', 'False'];

/** parseCascadingFlag: the policy, and the deprecation warning for boolean values. */
function cascade(value: string): { policy: PropagationPolicy; warning?: string } | KubeError {
  if (TRUE.includes(value)) return { policy: 'Background', warning: `warning: --cascade=${value} is deprecated (boolean value) and can be replaced with --cascade=background.\n` };
  if (FALSE.includes(value)) return { policy: 'Orphan', warning: `warning: --cascade=${value} is deprecated (boolean value) and can be replaced with --cascade=orphan.\n` };
  switch (value) {
    case 'orphan':
      return { policy: 'Orphan' };
    case 'foreground':
      return { policy: 'Foreground' };
    case 'background':
      return { policy: 'Background' };
    default:
      return plainError(`invalid cascade value (${value}). Must be "background", "foreground", or "orphan"`);
  }
}

interface Item {
  kind: KindEntry;
  name: string;
  namespace?: string;
  source: string;
}

export function deleteCommand(ctx: KubectlContext, args: string[]): KubectlResult {
  const parsed = parseFlags(args, DELETE_FLAGS, 'delete');
  if (!parsed.ok) return failWith(parsed.error);
  const flags = parsed.flags;
  const c = cascade(flags.string('cascade', 'background'));
  if ('type' in c) return failWith(c);
  let stderr = c.warning ?? '';
  const fail = (e: KubeError, stdout = ''): KubectlResult => ({ exitCode: 1, stdout, stderr: stderr + errorMessage(e) });

  // Complete
  const all = flags.bool('all');
  const selector = flags.string('selector');
  const ignoreNotFound = flags.changed('ignore-not-found') ? flags.bool('ignore-not-found') : all || selector !== '' || flags.string('field-selector') !== '';
  let grace = flags.int('grace-period', -1);
  if (flags.bool('now')) {
    if (grace !== -1) return fail(plainError('--now and --grace-period cannot be specified together'));
    grace = 1;
  }
  const force = flags.bool('force');
  if (grace === 0 && !force) grace = 1;
  if (force && grace < 0) grace = 0;
  const dry = dryRunStrategy(flags, ctx.sim.now());
  if ('type' in dry) return fail(dry);
  if (dry.warning) stderr += dry.warning;
  if (flags.changed('kustomize')) return fail(plainError('kustomize (-k) is not simulated: list the manifests with -f'));
  if (flags.changed('field-selector')) return fail(plainError('--field-selector is not simulated: select with -l LABELS or name the objects'));
  if (flags.changed('raw')) return fail(plainError('--raw is not simulated'));

  const files = flags.slice('filename');
  const items: Item[] = [];
  const errors: KubeError[] = [];
  const namespace = flags.namespace;
  if (files.length) {
    if (flags.args.length) return fail(plainError('when paths, URLs, or stdin is provided as input, you may not specify resource arguments as well'));
    const texts = fileTexts(ctx, files);
    if (!Array.isArray(texts)) return fail(texts);
    const read = readFileObjects(texts, { namespace, explicitNamespace: flags.explicitNamespace });
    errors.push(...read.errors);
    for (const o of read.objects) items.push({ kind: o.entry, name: o.name, namespace: o.namespace, source: o.file });
  } else {
    const visit = visitTargets(ctx.sim.api, flags.args, { namespace, allNamespaces: flags.bool('all-namespaces'), selector: selector || undefined, all });
    if ('type' in visit) return fail(visit);
    // Named objects are deleted by name without a GET first (RequireObject(false)): a missing one is the
    // DELETE's own NotFound, in its turn.
    for (const n of visit.named) items.push({ ...n, source: '' });
  }

  // Validate
  const output = flags.string('output');
  if (output !== '' && output !== 'name') return fail(plainError(`unexpected -o output mode: ${output}. We only support '-o name'`));
  if (force && grace === 0) stderr += 'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n';
  else if (force && grace > 0) return fail(plainError('--force and --grace-period greater than 0 cannot be specified together'));
  if (flags.bool('interactive')) return fail(plainError('--interactive is not simulated: list what would go with --dry-run=client first'));

  // DeleteResult
  let stdout = '';
  let warnClusterScope = flags.explicitNamespace && !flags.bool('all-namespaces');
  const deleted: { kind: KindEntry; name: string; namespace?: string; uid: string }[] = [];
  let found = 0;
  for (const it of items) {
    if (warnClusterScope && !it.kind.namespaced) {
      stderr += 'Warning: deleting cluster-scoped resources, not scoped to the provided namespace\n';
      warnClusterScope = false;
    }
    if (dry.strategy === 'client') {
      found++;
      stdout += deletedLine(it, grace, output, ' (dry run)');
      continue;
    }
    if (dry.strategy === 'server') {
      found++;
      if (!ctx.sim.api.get(it.kind.kind, it.namespace, it.name)) {
        if (!ignoreNotFound) errors.push(addSourceToErr('deleting', it.source, notFoundOf(it)));
        continue;
      }
      stdout += deletedLine(it, grace, output, ' (server dry run)');
      continue;
    }
    found++;
    const r = ctx.sim.api.delete(it.kind.kind, it.namespace, it.name, { propagationPolicy: c.policy, ...(grace >= 0 ? { gracePeriodSeconds: grace } : {}) });
    if (!r.ok) {
      if (!(ignoreNotFound && r.error.reason === 'NotFound')) errors.push(addSourceToErr('deleting', it.source, statusError(r.error)));
      continue;
    }
    stdout += deletedLine(it, grace, output, '');
    deleted.push({ kind: it.kind, name: it.name, namespace: it.namespace, uid: r.object.metadata.uid });
  }
  if (errors.length) {
    const err = errors.length === 1 ? errors[0]! : ({ type: 'aggregate', errors } as KubeError);
    return fail(err, stdout);
  }
  if (found === 0) return { exitCode: 0, stdout: `${stdout}No resources found\n`, stderr };
  const waitForDeletion = flags.changed('wait') ? flags.bool('wait') : true;
  if (!waitForDeletion || dry.strategy !== 'none') return { exitCode: 0, stdout, stderr };
  return waitUntilGone(ctx, { exitCode: 0, stdout, stderr }, deleted, flags.durationMs('timeout'));
}

function notFoundOf(it: Item): KubeError {
  return statusError({ kind: 'Status', status: 'Failure', reason: 'NotFound', code: 404, message: `${it.kind.resource}${it.kind.group ? `.${it.kind.group}` : ''} "${it.name}" not found` });
}

/** PrintObj for a deleted object: `pod "x" deleted from default namespace`, `node "n" deleted`, or `-o name`. */
function deletedLine(it: Item, grace: number, output: string, dry: string): string {
  if (output === 'name') return `${kindPrefix(it.kind)}/${it.name}\n`;
  let op = grace === 0 ? 'force deleted' : 'deleted';
  if (it.kind.namespaced) op += ` from ${it.namespace} namespace`;
  return `${kindPrefix(it.kind)} "${it.name}" ${op}${dry}\n`;
}

/**
 * kubectl's wait for deletion (cmdwait.IsDeleted by UID): a stream that ends when every object is gone, or
 * with `error: timed out waiting for the condition on <resource>/<name>` after --timeout.
 */
export function waitUntilGone(ctx: KubectlContext, first: KubectlResult, objects: { kind: KindEntry; name: string; namespace?: string; uid: string }[], timeoutMs: number): KubectlResult {
  const api = ctx.sim.api;
  const pending = () => objects.filter((o) => api.get(o.kind.kind, o.namespace, o.name)?.metadata.uid === o.uid);
  if (pending().length === 0) return first;
  const stream = new CommandStream(ctx.sim, { waitOnly: true });
  const kinds = [...new Set(objects.map((o) => o.kind.kind))];
  const unwatch = api.watch(kinds, (e) => {
    if (e.type === 'DELETED' && pending().length === 0) stream.finish(0);
  });
  stream.onEnd(unwatch);
  if (timeoutMs > 0) {
    stream.timeout(timeoutMs, () => {
      const left = pending()[0]!;
      stream.writeErr(`error: timed out waiting for the condition on ${left.kind.resource}${left.kind.group ? `.${left.kind.group}` : ''}/${left.name}\n`);
      stream.finish(1);
    });
  }
  return { ...first, stream };
}
