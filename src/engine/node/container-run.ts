// One container of a pod as the kubelet tracks it: its instances in the runtime (the current one and the one
// before, for lastState), where it is in its lifecycle, and its API status (convertToAPIContainerStatuses).
import type { Container, ContainerState, ContainerStatus } from '../api/kinds.ts';
import { timestamp as rfc3339 } from './time.ts';
import type { ContainerBehaviour, ContainerKind } from './container-behaviour.ts';
import { TaskIds } from './task-ids.ts';
import type { TaskId } from '../clock/virtual-clock.ts';

export interface Instance {
  containerID: string;
  /** The runtime's image name (docker.io/library/nginx:1.27). */
  image: string;
  imageID: string;
  startedAt: number;
  finishedAt?: number;
  exitCode?: number;
  reason?: string;
  message?: string;
}

export type Stage =
  | 'idle' // never started
  | 'image' // image step (pull) in progress
  | 'creating' // image present, container being created and started
  | 'running'
  | 'exited' // finished, not (yet) restarting
  | 'backoff' // waiting to restart (CrashLoopBackOff) or to pull again (ImagePullBackOff)
  | 'blocked'; // cannot start (ErrImageNeverPull)

export const UNKNOWN_ON_TERMINATE = 'The container could not be located when the pod was terminated';

export class ContainerRun {
  readonly name: string;
  readonly spec: Container;
  readonly kind: ContainerKind;
  readonly fieldPath: string;
  readonly behaviour: ContainerBehaviour;
  current?: Instance;
  previous?: Instance;
  /** Instances created so far (restartCount = instances − 1). */
  instances = 0;
  /** Shown instead of the current instance's state while set (ErrImagePull, CrashLoopBackOff …). */
  waiting?: { reason: string; message?: string };
  ready = false;
  started = false;
  stage: Stage = 'idle';
  /** When the current run ends by itself (absent: runs until stopped). */
  planEnd?: number;
  /** SIGTERM sent (graceful deletion or pod completion). */
  stopping = false;
  /** Being killed because a liveness or startup probe failed (restarted unless restartPolicy is Never). */
  killedByProbe = false;
  /** The clock task that ends the current run (its own exit, or the kill of a failed probe). */
  exitTask?: TaskId;
  /** Reported as ContainerStatusUnknown: the pod terminated while this container had no final state (TerminatePod). */
  lost = false;
  /** Pending clock tasks of this container (start steps, exit, ready). */
  readonly tasks = new TaskIds();

  constructor(spec: Container, kind: ContainerKind, behaviour: ContainerBehaviour) {
    this.name = spec.name;
    this.spec = spec;
    this.kind = kind;
    this.behaviour = behaviour;
    this.fieldPath = kind === 'regular' ? `spec.containers{${spec.name}}` : `spec.initContainers{${spec.name}}`;
  }

  get running(): boolean {
    return this.current !== undefined && this.current.finishedAt === undefined;
  }

  /** Shown as waiting (never ran, or between runs): what TerminatePod turns into ContainerStatusUnknown. */
  get showsWaiting(): boolean {
    return !this.running && (this.waiting !== undefined || this.current === undefined);
  }

  /** A regular init container that completed successfully. */
  get completed(): boolean {
    return this.current?.finishedAt !== undefined && this.current.exitCode === 0 && !this.waiting;
  }

  get restartCount(): number {
    return Math.max(0, this.instances - 1);
  }

  /**
   * The API status; `defaultWaiting` is ContainerCreating, or PodInitializing when the pod has init containers.
   * The status of the last call is returned again while nothing it was built from has changed: a pod writes its
   * status at every step of every container, and the status of a container that did not move is then the very
   * object the stored status already holds (nothing to build, nothing to compare).
   */
  toStatus(defaultWaiting: string): ContainerStatus {
    const memo = this.#memo;
    if (memo !== null && memo.matches(this, defaultWaiting)) return memo.status;
    const status = this.#buildStatus(defaultWaiting);
    this.#memo = new StatusMemo(this, defaultWaiting, status);
    return status;
  }

  #memo: StatusMemo | null = null;

  #buildStatus(defaultWaiting: string): ContainerStatus {
    const cur = this.current;
    let state: ContainerState;
    let lastState: ContainerState = {};
    if (this.lost) {
      state = { terminated: { exitCode: 137, reason: 'ContainerStatusUnknown', message: UNKNOWN_ON_TERMINATE } };
      if (cur?.finishedAt !== undefined) lastState = terminatedState(cur);
    } else if (cur && cur.finishedAt === undefined) {
      state = { running: { startedAt: rfc3339(cur.startedAt) } };
      if (this.previous) lastState = terminatedState(this.previous);
    } else if (this.waiting) {
      state = { waiting: this.waiting.message ? { reason: this.waiting.reason, message: this.waiting.message } : { reason: this.waiting.reason } };
      if (cur) lastState = terminatedState(cur);
    } else if (cur) {
      state = terminatedState(cur);
      if (this.previous) lastState = terminatedState(this.previous);
    } else {
      state = { waiting: { reason: defaultWaiting } };
    }
    const status: ContainerStatus = {
      name: this.name,
      state,
      lastState,
      ready: this.ready,
      restartCount: this.restartCount,
      image: cur ? cur.image : this.spec.image,
      imageID: cur ? cur.imageID : '',
    };
    if (cur) status.containerID = cur.containerID;
    status.started = this.running && this.started;
    return status;
  }
}

function terminatedState(i: Instance): ContainerState {
  const t: NonNullable<ContainerState['terminated']> = { exitCode: i.exitCode ?? 0 };
  if (i.reason) t.reason = i.reason;
  if (i.message) t.message = i.message;
  t.startedAt = rfc3339(i.startedAt);
  t.finishedAt = rfc3339(i.finishedAt ?? i.startedAt);
  t.containerID = i.containerID;
  return { terminated: t };
}

/** What ContainerRun.toStatus reads, as of one call, and the status it built then. */
class StatusMemo {
  readonly status: ContainerStatus;
  readonly #defaultWaiting: string;
  readonly #lost: boolean;
  readonly #current: Instance | undefined;
  // the fields of the current instance that change while it exists (the others are set when it is created)
  readonly #finishedAt: number | undefined;
  readonly #exitCode: number | undefined;
  readonly #reason: string | undefined;
  readonly #message: string | undefined;
  readonly #previous: Instance | undefined;
  readonly #waiting: ContainerRun['waiting'];
  readonly #ready: boolean;
  readonly #started: boolean;
  readonly #instances: number;
  readonly #image: string;

  constructor(c: ContainerRun, defaultWaiting: string, status: ContainerStatus) {
    this.status = status;
    this.#defaultWaiting = defaultWaiting;
    this.#lost = c.lost;
    this.#current = c.current;
    this.#finishedAt = c.current?.finishedAt;
    this.#exitCode = c.current?.exitCode;
    this.#reason = c.current?.reason;
    this.#message = c.current?.message;
    this.#previous = c.previous;
    this.#waiting = c.waiting;
    this.#ready = c.ready;
    this.#started = c.started;
    this.#instances = c.instances;
    this.#image = c.spec.image;
  }

  matches(c: ContainerRun, defaultWaiting: string): boolean {
    const cur = c.current;
    return (
      this.#defaultWaiting === defaultWaiting && this.#lost === c.lost && this.#current === cur &&
      this.#finishedAt === cur?.finishedAt && this.#exitCode === cur?.exitCode && this.#reason === cur?.reason && this.#message === cur?.message &&
      this.#previous === c.previous && this.#waiting === c.waiting && this.#ready === c.ready && this.#started === c.started &&
      this.#instances === c.instances && this.#image === c.spec.image
    );
  }
}
