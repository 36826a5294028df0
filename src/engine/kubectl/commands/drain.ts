// `kubectl drain NODE` (kubectl pkg/cmd/drain/drain.go, pkg/drain/drain.go and filters.go): cordon the node,
// list its pods, refuse when a filter says so (pods with emptyDir data without --delete-emptydir-data, pods
// no controller would recreate without --force, DaemonSet pods without --ignore-daemonsets — the upstream
// texts, "cannot delete cannot delete …" included), then evict every pod through the eviction API and wait
// for each to be gone: `evicting pod default/x` at once, `pod/x evicted` as each disappears, `node/n drained`
// at the end (tests/golden/kubectl-write 108–120). The eviction marks the pod as the API server does (condition
// DisruptionTarget, reason EvictionByEvictionAPI, message "Eviction API: evicting") and deletes it gracefully,
// so its controller creates a replacement elsewhere. This is a stream: it ends when the last node is drained.
import type { ApiServer } from '../../api/api-server.ts';
import type { Condition, Pod } from '../../api/kinds.ts';
import type { KubeObject } from '../../api/objects.ts';
import { rfc3339 } from '../../clock/time-format.ts';
import { kindNamed } from '../../schema/index.ts';
import type { KubectlContext, KubectlResult } from '../context.ts';
import { errorMessage, errorText, plainError, type KubeError } from '../errors.ts';
import { dryRunStrategy, parseFlags, type FlagDef } from '../flags.ts';
import { parseSelector } from '../selector.ts';
import { CommandStream } from '../stream.ts';
import { CORDON_FLAGS, cordonNodes, nodesFor } from './cordon.ts';
import { failWith, operationLine } from './output.ts';

const DRAIN_FLAGS: FlagDef[] = [
  ...CORDON_FLAGS,
  { name: 'force', kind: 'bool' },
  { name: 'ignore-daemonsets', kind: 'bool' },
  { name: 'delete-emptydir-data', kind: 'bool' },
  { name: 'grace-period', kind: 'int' },
  { name: 'timeout', kind: 'duration' },
  { name: 'pod-selector', kind: 'string' },
  { name: 'disable-eviction', kind: 'bool' },
  { name: 'skip-wait-for-delete-timeout', kind: 'int' },
  { name: 'chunk-size', kind: 'int' },
];

const LOCAL_STORAGE_FATAL = 'Pods with local storage (use --delete-emptydir-data to override)';
const LOCAL_STORAGE_WARNING = 'deleting Pods with local storage';
const UNMANAGED_FATAL = 'cannot delete Pods that declare no controller (use --force to override)';
const UNMANAGED_WARNING = 'deleting Pods that declare no controller';

interface Options {
  force: boolean;
  ignoreDaemonSets: boolean;
  deleteEmptyDirData: boolean;
  grace: number;
  podSelector: string;
  disableEviction: boolean;
}

type Status = { delete: boolean; reason: 'Okay' | 'Skip' | 'Warning' | 'Error'; message?: string };

const terminal = (p: Pod) => p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed';
const controllerOf = (p: Pod) => p.metadata.ownerReferences?.find((r) => r.controller);

/** The drain filters, in upstream order; the first one that keeps a pod decides its status. */
function filterPod(p: Pod, o: Options): Status {
  const filters: (() => Status)[] = [
    () => {
      const ref = controllerOf(p);
      if (!ref || ref.kind !== 'DaemonSet' || ref.apiVersion !== 'apps/v1' || terminal(p)) return { delete: true, reason: 'Okay' };
      // The lab has no DaemonSets, so the owner is never found and --ignore-daemonsets never comes into play
      // (upstream: `DaemonSet-managed Pods (use --ignore-daemonsets to ignore)` for a DaemonSet that exists).
      const message = `daemonsets.apps "${ref.name}" not found`;
      return o.force ? { delete: true, reason: 'Warning', message } : { delete: false, reason: 'Error', message };
    },
    () => (p.metadata.annotations?.['kubernetes.io/config.mirror'] !== undefined ? { delete: false, reason: 'Skip' } : { delete: true, reason: 'Okay' }),
    () => {
      const volumes = (p.spec as { volumes?: { emptyDir?: unknown }[] } | undefined)?.volumes ?? [];
      const local = volumes.some((v) => v.emptyDir !== undefined);
      if (!local || terminal(p)) return { delete: true, reason: 'Okay' };
      return o.deleteEmptyDirData ? { delete: true, reason: 'Warning', message: LOCAL_STORAGE_WARNING } : { delete: false, reason: 'Error', message: LOCAL_STORAGE_FATAL };
    },
    () => {
      if (terminal(p) || controllerOf(p)) return { delete: true, reason: 'Okay' };
      return o.force ? { delete: true, reason: 'Warning', message: UNMANAGED_WARNING } : { delete: false, reason: 'Error', message: UNMANAGED_FATAL };
    },
  ];
  let status: Status = { delete: true, reason: 'Okay' };
  for (const f of filters) {
    status = f();
    if (!status.delete) break;
  }
  return status;
}

/** GetPodsForDeletion: the pods to evict, the warnings line, the blocking errors. */
function podsForDeletion(api: ApiServer, node: string, o: Options): { pods: Pod[]; warnings: string; errors: KubeError[] } | KubeError {
  let selector;
  if (o.podSelector) {
    const s = parseSelector(o.podSelector);
    if (!s.ok) return plainError(s.error);
    selector = s.selector;
  }
  const all = api.list<Pod>('Pod', selector ? { selector } : {}).filter((p) => p.spec?.nodeName === node);
  const pods: Pod[] = [];
  const warnings = new Map<string, string[]>();
  const errors = new Map<string, string[]>();
  for (const p of all) {
    const s = filterPod(p, o);
    const ref = `${p.metadata.namespace}/${p.metadata.name}`;
    if (s.delete) pods.push(p);
    if (s.reason === 'Warning') warnings.set(s.message!, [...(warnings.get(s.message!) ?? []), ref]);
    if (s.reason === 'Error') errors.set(s.message || 'unexpected error', [...(errors.get(s.message || 'unexpected error') ?? []), ref]);
  }
  return {
    pods,
    warnings: [...warnings].map(([m, refs]) => `${m}: ${refs.join(', ')}`).join('; '),
    errors: [...errors].map(([m, refs]) => plainError(`cannot delete ${m}: ${refs.join(', ')}`)),
  };
}

/** The eviction subresource with no PodDisruptionBudgets in the lab: mark the pod, then delete it gracefully. */
export function evictPod(api: ApiServer, pod: Pod, grace: number, now: number): boolean {
  const ns = pod.metadata.namespace;
  const name = pod.metadata.name;
  if (!api.get('Pod', ns, name)) return false;
  api.patch<Pod>('Pod', ns, name, (p) => {
    const status = { ...(p.status ?? {}) };
    const conditions = [...(status.conditions ?? [])];
    const i = conditions.findIndex((c) => c.type === 'DisruptionTarget');
    // podutil.UpdatePodCondition: the transition time moves only when the status changes.
    const changedStatus = i < 0 || conditions[i]!.status !== 'True';
    const cond: Condition = {
      type: 'DisruptionTarget', status: 'True', reason: 'EvictionByEvictionAPI', message: 'Eviction API: evicting',
      lastTransitionTime: changedStatus ? rfc3339(now) : conditions[i]!.lastTransitionTime,
    };
    if (i < 0) conditions.push(cond);
    else conditions[i] = { ...conditions[i]!, ...cond };
    status.conditions = conditions;
    p.status = status;
  }, 'status');
  const r = api.delete('Pod', ns, name, grace >= 0 ? { gracePeriodSeconds: grace } : {});
  return r.ok;
}

export function drain(ctx: KubectlContext, args: string[]): KubectlResult {
  const parsed = parseFlags(args, DRAIN_FLAGS, 'drain');
  if (!parsed.ok) return failWith(parsed.error);
  const flags = parsed.flags;
  const dry = dryRunStrategy(flags, ctx.sim.now());
  if ('type' in dry) return failWith(dry);
  let stderr = dry.warning ?? '';
  const podSelector = flags.string('pod-selector');
  if (podSelector && !parseSelector(podSelector).ok) return failWith(plainError('--pod-selector=<pod_selector> must be a valid label selector'), '', stderr);
  const nodes = nodesFor(ctx, flags, 'drain');
  if (!Array.isArray(nodes)) return failWith(nodes, '', stderr);
  const o: Options = {
    force: flags.bool('force'),
    ignoreDaemonSets: flags.bool('ignore-daemonsets'),
    deleteEmptyDirData: flags.bool('delete-emptydir-data'),
    grace: flags.int('grace-period', -1),
    podSelector,
    disableEviction: flags.bool('disable-eviction'),
  };
  const cordoned = cordonNodes(ctx, nodes, true, dry.strategy);
  let stdout = cordoned.stdout;
  stderr += cordoned.stderr;
  const api = ctx.sim.api;
  const nodeEntry = kindNamed('Node')!;
  const fatal: KubeError[] = [];
  const remaining: string[] = [];
  const queue = [...nodes];
  const stream = new CommandStream(ctx.sim);
  let streaming = false;
  // Output goes to the first result until the command starts waiting, then to the stream.
  const out = (s: string) => (streaming ? stream.write(s) : (stdout += s));
  const err = (s: string) => (streaming ? stream.writeErr(s) : (stderr += s));

  const finishAll = () => {
    if (remaining.length) err(`There are pending nodes to be drained:\n${remaining.map((n) => ` ${n}\n`).join('')}`);
    const code = fatal.length ? 1 : 0;
    // RunDrain returns NewAggregate(fatal): checkErr unwraps that one level and prints the node's aggregate line by line.
    if (fatal.length) err(errorMessage({ type: 'aggregate', errors: fatal }));
    return code;
  };

  /** Processes nodes until one must wait for its pods; returns true when that happened. */
  const next = (): boolean => {
    while (queue.length) {
      const node = queue.shift()!;
      const list = podsForDeletion(api, node.metadata.name, o);
      const errors = 'type' in list ? [list] : list.errors;
      if (!('type' in list) && list.warnings) err(`Warning: ${list.warnings}\n`);
      if (errors.length) {
        const agg: KubeError = { type: 'aggregate', errors };
        err(`error: unable to drain node "${node.metadata.name}" due to error: ${errorText(agg)}, continuing command...\n`);
        fatal.push(agg);
        remaining.push(node.metadata.name);
        continue;
      }
      const pods = (list as { pods: Pod[] }).pods;
      if (dry.strategy === 'client') {
        for (const p of pods) out(`evicting pod ${p.metadata.namespace}/${p.metadata.name} (dry run)\n`);
        out(operationLine(nodeEntry, node.metadata.name, 'drained', '', 'client'));
        continue;
      }
      const waiting: { pod: Pod; uid: string }[] = [];
      for (const p of pods) {
        if (o.disableEviction) {
          api.delete('Pod', p.metadata.namespace, p.metadata.name, o.grace >= 0 ? { gracePeriodSeconds: o.grace } : {});
        } else {
          out(`evicting pod ${p.metadata.namespace}/${p.metadata.name}${dry.strategy === 'server' ? ' (server dry run)' : ''}\n`);
          if (dry.strategy === 'server') continue;
          evictPod(api, p, o.grace, ctx.sim.now());
        }
        waiting.push({ pod: p, uid: p.metadata.uid });
      }
      const verb = o.disableEviction ? 'deleted' : 'evicted';
      const podEntry = kindNamed('Pod')!;
      const settle = (): boolean => {
        for (let i = 0; i < waiting.length; i++) {
          const w = waiting[i]!;
          if (api.get('Pod', w.pod.metadata.namespace, w.pod.metadata.name)?.metadata.uid === w.uid) continue;
          out(operationLine(podEntry, w.pod.metadata.name, verb, '', 'none'));
          waiting.splice(i--, 1);
        }
        return waiting.length === 0;
      };
      if (!settle()) {
        current = { node, settle };
        return true;
      }
      out(operationLine(nodeEntry, node.metadata.name, 'drained', '', dry.strategy));
    }
    return false;
  };

  let current: { node: KubeObject; settle: () => boolean } | null = null;
  if (!next()) {
    const code = finishAll();
    return { exitCode: code, stdout, stderr };
  }
  streaming = true;
  const unwatch = api.watch(['Pod'], (e) => {
    if (e.type !== 'DELETED' || !current) return;
    if (!current.settle()) return;
    out(operationLine(nodeEntry, current.node.metadata.name, 'drained', '', dry.strategy));
    current = null;
    if (!next()) stream.finish(finishAll());
  });
  stream.onEnd(unwatch);
  const timeout = flags.durationMs('timeout');
  if (timeout > 0) {
    stream.timeout(timeout, () => {
      stream.writeErr(`error: unable to drain node "${current?.node.metadata.name ?? ''}" due to error: global timeout reached: ${flags.string('timeout')}, continuing command...\n`);
      stream.finish(1);
    });
  }
  return { exitCode: 0, stdout, stderr, stream };
}
