// TEST HELPER ONLY — not the simulator's scheduler or kubelet (those live in the engine). A stand-in that
// lets controller tests run without them: it binds every new pod to one node after `bindDelayMs`, reports it
// Running and Ready after `readyDelayMs` (or Running but not ready when `ready(pod)` says no), and finishes
// graceful deletions after `terminateDelayMs`.
import type { ApiServer } from '../../../src/engine/api/api-server.ts';
import type { Condition, Pod } from '../../../src/engine/api/kinds.ts';
import { rfc3339 } from '../../../src/engine/clock/time-format.ts';
import type { Controller, ControllerContext } from '../../../src/engine/controllers/runtime.ts';

export interface FakeKubeletOptions {
  nodeName?: string;
  bindDelayMs?: number;
  /** From binding to Running (+Ready); a function gives each pod its own delay. */
  readyDelayMs?: number | ((pod: Pod) => number);
  terminateDelayMs?: number;
  /** Whether a pod ever becomes ready (default: always). */
  ready?: (pod: Pod) => boolean;
}

export function fakeKubelet(opts: FakeKubeletOptions = {}): Controller {
  const nodeName = opts.nodeName ?? 'node-1';
  const bindDelay = opts.bindDelayMs ?? 50;
  const readyDelay = opts.readyDelayMs ?? 1000;
  const terminateDelay = opts.terminateDelayMs ?? 1000;
  const ready = opts.ready ?? (() => true);
  return {
    name: 'fake-kubelet',
    start(ctx: ControllerContext) {
      const { api, clock } = ctx;
      const terminating = new Set<string>();
      api.watch(['Pod'], (e) => {
        const pod = e.object as Pod;
        const ns = pod.metadata.namespace ?? 'default';
        const name = pod.metadata.name;
        const uid = pod.metadata.uid;
        if (e.type === 'ADDED' && !pod.spec?.nodeName && pod.metadata.deletionTimestamp === undefined) {
          clock.after(bindDelay, `fake-kubelet bind ${name}`, () => {
            const bound = api.patch<Pod>('Pod', ns, name, (p) => {
              if (p.metadata.uid === uid && !p.spec!.nodeName && p.metadata.deletionTimestamp === undefined) p.spec!.nodeName = nodeName;
            });
            if (!bound.ok || bound.object.spec?.nodeName !== nodeName) return;
            const delay = typeof readyDelay === 'function' ? readyDelay(bound.object) : readyDelay;
            clock.after(delay, `fake-kubelet start ${name}`, () => setRunning(api, ns, name, uid, ready(bound.object), clock.now()));
          });
        }
        if (e.type === 'MODIFIED' && pod.metadata.deletionTimestamp !== undefined && !terminating.has(uid)) {
          terminating.add(uid);
          clock.after(terminateDelay, `fake-kubelet kill ${name}`, () => {
            const cur = api.get('Pod', ns, name);
            if (cur?.metadata.uid === uid) api.finishPodDeletion(ns, name);
          });
        }
      });
    },
  };
}

function setRunning(api: ApiServer, ns: string, name: string, uid: string, isReady: boolean, now: number): void {
  api.patch<Pod>('Pod', ns, name, (p) => {
    if (p.metadata.uid !== uid || p.metadata.deletionTimestamp !== undefined) return;
    const t = rfc3339(now);
    const cond = (type: string, ok: boolean): Condition => ({ type, status: ok ? 'True' : 'False', lastProbeTime: null, lastTransitionTime: t });
    p.status = {
      ...p.status,
      phase: 'Running',
      conditions: [cond('PodReadyToStartContainers', true), cond('Initialized', true), cond('Ready', isReady), cond('ContainersReady', isReady), cond('PodScheduled', true)],
      startTime: t,
      containerStatuses: (p.spec?.containers ?? []).map((c) => ({
        name: c.name, state: { running: { startedAt: t } }, lastState: {}, ready: isReady, restartCount: 0, image: c.image, imageID: '', started: true,
      })),
    };
  }, 'status');
}

/** Marks a pod Ready now (for tests that drive readiness by hand). */
export function markReady(api: ApiServer, ns: string, name: string, now: number): void {
  const pod = api.get<Pod>('Pod', ns, name);
  if (pod) setRunning(api, ns, name, pod.metadata.uid, true, now);
}
