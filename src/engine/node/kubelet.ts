// The kubelets of the simulated cluster as one controller: it runs a NodeAgent (a kubelet) for every Node
// and hands each pod bound to a node to that node's kubelet. The fault commands reach the kubelets through
// `kubeletFor(api)`.
import type { ApiServer } from '../api/api-server.ts';
import type { Node, Pod } from '../api/kinds.ts';
import type { Controller, ControllerContext } from '../controllers/runtime.ts';
import { mainContainerName, perPodAttempts, type AttemptCounter } from './container-behaviour.ts';
import { NodeAgent } from './node-agent.ts';

export interface KubeletOptions {
  /** Who counts runs for `sim.workload-lab.dev/fail-attempts` (default: per pod). */
  attempts?: AttemptCounter;
}

export class Kubelets {
  readonly ctx: ControllerContext;
  #agents = new Map<string, NodeAgent>();
  #attempts: AttemptCounter;
  #registered = 0;
  /** Pods bound to each node (namespace/name), so a kubelet that starts late finds its pods without a full list. */
  #bound = new Map<string, Set<string>>();

  constructor(ctx: ControllerContext, opts: KubeletOptions) {
    this.ctx = ctx;
    this.#attempts = opts.attempts ?? perPodAttempts();
    ctx.api.watch(['Node'], (e) => {
      const node = e.object as Node;
      const name = node.metadata.name;
      if (e.type === 'DELETED') {
        this.#agents.get(name)?.remove();
        this.#agents.delete(name);
        return;
      }
      const agent = this.#agents.get(name);
      if (agent) {
        agent.node = node;
        return;
      }
      const created = new NodeAgent(ctx, node, this.#registered++, this.#attempts, () => this.#boundPods(name));
      this.#agents.set(name, created);
      ctx.clock.after(0, `kubelet ${name} start`, () => created.register());
    });
    ctx.api.watch(['Pod'], (e) => {
      const pod = e.object as Pod;
      const nodeName = pod.spec?.nodeName;
      if (!nodeName) return;
      // stored pods always have a namespace: the event's key is `namespace/name`
      const key = e.key ?? `${pod.metadata.namespace ?? 'default'}/${pod.metadata.name}`;
      let bound = this.#bound.get(nodeName);
      if (!bound) this.#bound.set(nodeName, (bound = new Set()));
      if (e.type === 'DELETED') bound.delete(key);
      else bound.add(key);
      this.#agents.get(nodeName)?.podEvent(e.type, pod);
    });
  }

  #boundPods(nodeName: string): Pod[] {
    const out: Pod[] = [];
    for (const key of [...(this.#bound.get(nodeName) ?? [])].sort()) {
      const i = key.indexOf('/');
      const pod = this.ctx.api.get<Pod>('Pod', key.slice(0, i), key.slice(i + 1));
      if (pod && pod.spec?.nodeName === nodeName) out.push(pod);
    }
    return out;
  }

  /** Whether the kubelet of `nodeName` has `image` (as the runtime names it) in its image store. */
  imagePresent(nodeName: string, runtimeImage: string): boolean {
    return this.#agents.get(nodeName)?.imagePresent(runtimeImage) ?? false;
  }

  /** The pod-IP round-robin of `nodeName` moved on by `n` allocations (see NodeAgent.skipAllocations). */
  skipAllocations(nodeName: string, n: number): void {
    this.#agents.get(nodeName)?.skipAllocations(n);
  }

  agent(nodeName: string): NodeAgent | undefined {
    return this.#agents.get(nodeName);
  }

  /** `lab crash`: the pod's main container dies with `exitCode`. Returns an error message or null. */
  crash(namespace: string, podName: string, exitCode: number): string | null {
    const pod = this.ctx.api.get<Pod>('Pod', namespace, podName);
    if (!pod) return `pods "${podName}" not found`;
    const nodeName = pod.spec?.nodeName;
    if (!nodeName) return `pod "${podName}" is not scheduled to a node`;
    const worker = this.#agents.get(nodeName)?.worker(namespace, podName);
    if (!worker) return `pod "${podName}" is not running on node "${nodeName}"`;
    return worker.crash(mainContainerName(pod), exitCode);
  }

  /** The node's kubelet stops reporting (it keeps running its containers). */
  disconnect(nodeName: string): string | null {
    const agent = this.#agents.get(nodeName);
    if (!agent) return `nodes "${nodeName}" not found`;
    if (!agent.up) return `node "${nodeName}" is already failed`;
    agent.disconnect();
    return null;
  }

  /** The node's kubelet reports again. */
  reconnect(nodeName: string): string | null {
    const agent = this.#agents.get(nodeName);
    if (!agent) return `nodes "${nodeName}" not found`;
    if (agent.up) return `node "${nodeName}" is not failed`;
    agent.reconnect();
    return null;
  }
}

const registry = new WeakMap<ApiServer, Kubelets>();

/** The kubelets running against this API server (undefined when no kubelet controller was started). */
export function kubeletFor(api: ApiServer): Kubelets | undefined {
  return registry.get(api);
}

/** The `kubelet` controller: one kubelet per Node. */
export function kubelet(opts: KubeletOptions = {}): Controller {
  return {
    name: 'kubelet',
    start(ctx) {
      registry.set(ctx.api, new Kubelets(ctx, opts));
    },
  };
}
