// The taint eviction controller (pkg/controller/tainteviction, formerly the NoExecute taint manager): pods on a
// node with NoExecute taints they do not tolerate are deleted at once; pods that tolerate them for
// tolerationSeconds are deleted when that time has passed since the controller noticed the taint (not since
// the taint's timeAdded); a toleration without tolerationSeconds tolerates forever. Before the DELETE it adds
// condition DisruptionTarget=True / DeletionByTaintManager / `Taint manager: deleting due to NoExecute taint`
// and records TaintManagerEviction / `Marking for deletion Pod <ns>/<name>`; a scheduled eviction cancelled
// because the taints went away records `Cancelling deletion of Pod <ns>/<name>`. The DELETE uses the pod's
// grace period, so on an unreachable node the pod stays Terminating until its kubelet returns.
// Tolerations are read with the DefaultTolerationSeconds admission applied (tolerations.ts): the simulated
// API server does not add them, so without this every pod would be evicted at once.
import type { TaskId } from '../clock/virtual-clock.ts';
import type { Condition, Node, Pod, Taint, Toleration } from '../api/kinds.ts';
import { rfc3339 } from '../clock/time-format.ts';
import type { Controller, ControllerContext } from '../controllers/runtime.ts';
import { namespacedKey } from '../controllers/runtime.ts';
import { deepEqual } from '../api/objects.ts';
import { toleratesTaint, withDefaultTolerations } from './tolerations.ts';

export const TAINT_EVICTION_CONTROLLER = 'taint-eviction-controller';

interface Work {
  createdAt: number;
  fireAt: number;
  task: TaskId;
}

function noExecute(node: Node | undefined): Taint[] {
  return (node?.spec?.taints ?? []).filter((t) => t.effect === 'NoExecute');
}

class TaintEviction {
  #ctx: ControllerContext;
  #tainted = new Map<string, Taint[]>();
  #work = new Map<string, Work>();
  /** Pods by node, with the tolerations last seen (to skip updates that change neither). */
  #podsByNode = new Map<string, Map<string, Toleration[] | undefined>>();
  /** Each bound pod's node and tolerations as last seen (one lookup per pod event, most of which change neither). */
  #podNode = new Map<string, { node: string; tolerations: Toleration[] | undefined }>();

  constructor(ctx: ControllerContext) {
    this.#ctx = ctx;
    ctx.api.watch(['Node'], (e) => {
      const node = e.object as Node;
      const name = node.metadata.name;
      const taints = e.type === 'DELETED' ? [] : noExecute(node);
      const before = this.#tainted.get(name) ?? [];
      if (deepEqual(before, taints) && e.type !== 'ADDED') return;
      if (taints.length) this.#tainted.set(name, taints);
      else this.#tainted.delete(name);
      ctx.clock.after(0, `taint-eviction node ${name}`, () => this.#handleNode(name));
    });
    // Every version of every pod comes through this watch when it starts before any pod exists (it always does
    // in a Simulation): then a change that kept the spec object (a status write) keeps the node and the
    // tolerations seen with the version before, and needs no lookup.
    const seesEveryVersion = ctx.api.count('Pod') === 0;
    ctx.api.watch(['Pod'], (e) => {
      if (seesEveryVersion && e.old && e.old.spec === e.object.spec) return;
      const pod = e.object as Pod;
      const key = e.key ?? namespacedKey(pod.metadata.namespace, pod.metadata.name);
      const prev = this.#podNode.get(key);
      const prevNode = prev?.node;
      if (e.type === 'DELETED') {
        if (prevNode) this.#podsByNode.get(prevNode)?.delete(key);
        this.#podNode.delete(key);
        this.#cancel(key, false);
        return;
      }
      const nodeName = pod.spec?.nodeName;
      if (!nodeName) return;
      const prevTolerations = prevNode ? prev.tolerations : undefined;
      if (prevNode === nodeName && deepEqual(prevTolerations, pod.spec?.tolerations)) return;
      if (prevNode && prevNode !== nodeName) this.#podsByNode.get(prevNode)?.delete(key);
      this.#podNode.set(key, { node: nodeName, tolerations: pod.spec?.tolerations });
      let m = this.#podsByNode.get(nodeName);
      if (!m) this.#podsByNode.set(nodeName, (m = new Map()));
      m.set(key, pod.spec?.tolerations);
      const taints = this.#tainted.get(nodeName);
      if (taints) ctx.clock.after(0, `taint-eviction pod ${key}`, () => this.#processPod(key, pod.spec?.tolerations, taints, ctx.clock.now()));
    });
  }

  #handleNode(name: string): void {
    const pods = this.#podsByNode.get(name);
    if (!pods || pods.size === 0) return;
    const taints = this.#tainted.get(name) ?? [];
    const now = this.#ctx.clock.now();
    for (const [key, tolerations] of [...pods].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      if (taints.length === 0) this.#cancel(key, true);
      else this.#processPod(key, tolerations, taints, now);
    }
  }

  /** processPodOnNode. */
  #processPod(key: string, podTolerations: Toleration[] | undefined, taints: Taint[], now: number): void {
    if (taints.length === 0) {
      this.#cancel(key, true);
      return;
    }
    const tolerations = withDefaultTolerations(podTolerations);
    const used: Toleration[] = [];
    let allTolerated = true;
    for (const taint of taints) {
      const matching = tolerations.filter((t) => toleratesTaint(t, taint));
      if (matching.length === 0) allTolerated = false;
      for (const t of matching) if (!used.includes(t)) used.push(t);
    }
    if (!allTolerated) {
      this.#cancel(key, true);
      this.#add(key, now, now);
      return;
    }
    const min = minTolerationMs(used);
    if (min < 0) {
      this.#cancel(key, true);
      return;
    }
    const trigger = now + min;
    const existing = this.#work.get(key);
    let createdAt = now;
    if (existing) {
      createdAt = existing.createdAt;
      if (createdAt + min < trigger) return;
      this.#cancel(key, true);
    }
    this.#add(key, createdAt, trigger);
  }

  #add(key: string, createdAt: number, fireAt: number): void {
    const task = this.#ctx.clock.at(fireAt, `taint-eviction delete ${key}`, () => {
      this.#work.delete(key);
      this.#evict(key);
    });
    this.#work.set(key, { createdAt, fireAt, task });
  }

  #cancel(key: string, withEvent: boolean): void {
    const w = this.#work.get(key);
    if (!w) return;
    this.#ctx.clock.cancel(w.task);
    this.#work.delete(key);
    if (!withEvent) return;
    const [namespace, name] = key.split('/') as [string, string];
    const pod = this.#ctx.api.get<Pod>('Pod', namespace, name);
    if (pod) this.#ctx.events.record(pod, 'Normal', 'TaintManagerEviction', `Cancelling deletion of Pod ${key}`, TAINT_EVICTION_CONTROLLER);
  }

  /** deletePodHandler: event, DisruptionTarget condition, DELETE. */
  #evict(key: string): void {
    const [namespace, name] = key.split('/') as [string, string];
    const pod = this.#ctx.api.get<Pod>('Pod', namespace, name);
    if (!pod) return;
    this.#ctx.events.record(pod, 'Normal', 'TaintManagerEviction', `Marking for deletion Pod ${key}`, TAINT_EVICTION_CONTROLLER);
    const now = rfc3339(this.#ctx.clock.now());
    const existing = pod.status?.conditions?.find((c) => c.type === 'DisruptionTarget');
    if (!existing || existing.status !== 'True' || existing.reason !== 'DeletionByTaintManager') {
      this.#ctx.api.patch<Pod>(
        'Pod',
        namespace,
        name,
        (p) => {
          const status = (p.status ??= {});
          const others = (status.conditions ?? []).filter((c) => c.type !== 'DisruptionTarget');
          const c = { type: 'DisruptionTarget', status: 'True', lastProbeTime: null, lastTransitionTime: now, reason: 'DeletionByTaintManager', message: 'Taint manager: deleting due to NoExecute taint' } as Condition;
          status.conditions = [...others, c];
        },
        'status',
      );
    }
    this.#ctx.api.delete('Pod', namespace, name);
  }
}

/** getMinTolerationTime: the smallest tolerationSeconds (≤ 0 → 0), −1 when none is set (forever), 0 with none used. */
export function minTolerationMs(used: Toleration[]): number {
  if (used.length === 0) return 0;
  let min = Number.POSITIVE_INFINITY;
  for (const t of used) {
    if (t.tolerationSeconds === undefined || t.tolerationSeconds === null) continue;
    if (t.tolerationSeconds <= 0) return 0;
    min = Math.min(min, t.tolerationSeconds);
  }
  return min === Number.POSITIVE_INFINITY ? -1 : min * 1000;
}

export function taintEvictionController(): Controller {
  return {
    name: TAINT_EVICTION_CONTROLLER,
    start(ctx) {
      new TaintEviction(ctx);
    },
  };
}
