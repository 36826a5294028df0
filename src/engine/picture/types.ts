// The live picture of a simulated cluster at one instant: plain JSON (structured-clone-able, no class instances)
// that the simulator's Web Worker posts to the page, where src/islands/sandbox/picture draws it.
// Times are simulated milliseconds since the Unix epoch (the virtual clock's time).
// Keys name objects for selection: `<Kind>/<namespace>/<name>`; nodes `Node//<name>`. A training job's
// replica-type group (owner tree, training roles) has the key `<TFJob|PyTorchJob>/<namespace>/<job>#<Type>`;
// it is not an object, and the picture never passes it to onSelect (selecting a group selects its job).
// Every section is immutable once returned: a later snapshot shares the arrays and objects that did not
// change, and a view with a `rev` gets a new `rev` whenever its content changes (cheap memoisation).

/**
 * What a pod is doing, in buckets of kubectl's STATUS words (reference §1.6) that the picture colours:
 * - Pending: not yet bound to a node (STATUS `Pending`, `SchedulingGated`).
 * - ContainerCreating: bound; sandbox, image pull or container creation under way (`ContainerCreating`, `PodInitializing`).
 * - Init: init containers running (`Init:0/2`).
 * - ImagePullBackOff: the image cannot be pulled (`ErrImagePull`, `ImagePullBackOff`, `Init:ErrImagePull` …).
 * - Running: running and ready. NotReady: running but not all containers ready (readiness, `NotReady`).
 * - Exited: a container exited and the kubelet will restart it (`Error`, `Completed`, `OOMKilled` in phase Running).
 * - Error: a container cannot be created or started (`CreateContainerConfigError`, `RunContainerError`, `Init:Error` …).
 * - CrashLoopBackOff: waiting in restart back-off (`CrashLoopBackOff`, `Init:CrashLoopBackOff`).
 * - Terminating: being deleted (`Terminating`). Unknown: its node was lost (`Unknown`).
 * - Succeeded / Failed: terminal phases (`Completed`, `Error`, `Evicted`, `DeadlineExceeded` …).
 */
export type LaneState =
  | 'Pending'
  | 'ContainerCreating'
  | 'Init'
  | 'ImagePullBackOff'
  | 'Running'
  | 'NotReady'
  | 'Exited'
  | 'Error'
  | 'CrashLoopBackOff'
  | 'Terminating'
  | 'Unknown'
  | 'Succeeded'
  | 'Failed';

/** Every LaneState, in lifecycle order (legends and totals use this order). */
export const LANE_STATES: readonly LaneState[] = [
  'Pending', 'ContainerCreating', 'Init', 'ImagePullBackOff', 'Running', 'NotReady', 'Exited', 'Error',
  'CrashLoopBackOff', 'Terminating', 'Unknown', 'Succeeded', 'Failed',
];

export interface ObjectRef {
  kind: string;
  name: string;
  /** Selection key of the object (it may no longer exist). */
  key: string;
}

export interface PictureSnapshot {
  /** Version of this shape. */
  schema: 1;
  /** Bumped whenever anything in the picture changed since the previous snapshot (`now` aside). */
  seq: number;
  /** Simulated time the recorder attached; history starts here. */
  startedAt: number;
  /** Simulated time of this snapshot. */
  now: number;
  nodes: NodeView[];
  /** Keys of current pods not bound to any node, in creation order. */
  unscheduled: string[];
  /** Current pods (present in the API), in creation order. */
  pods: PodView[];
  /** Counts of current pods per state. */
  totals: Record<LaneState, number>;
  /** One lane per pod the recorder saw (deleted ones included), in creation order. */
  lanes: Lane[];
  /** Lanes of old finished pods dropped to bound memory (see MAX_LANES). */
  lanesDropped: number;
  /** The owner tree's roots, in creation order. */
  owners: OwnerNode[];
  /** Events in the order they last happened (oldest first); kept after the API's 1 h event TTL. */
  events: EventView[];
  /** Oldest events dropped to bound memory (see MAX_EVENTS). */
  eventsDropped: number;
  /** TFJobs and PyTorchJobs, in creation order. */
  training: TrainingJobView[];
}

// ---- nodes ---------------------------------------------------------------------------------------------

export interface TaintView {
  key: string;
  value: string | null;
  effect: string;
  /** As kubectl describe prints it: `key=value:Effect` or `key:Effect`. */
  text: string;
}

export interface NodeResources {
  cpuMilli: number;
  memoryBytes: number;
  pods: number;
  /** `nvidia.com/gpu`. */
  gpus: number;
}

export interface NodeView {
  key: string;
  name: string;
  /** The Ready condition's status ('Unknown' also when there is none yet). */
  ready: 'True' | 'False' | 'Unknown';
  /** spec.unschedulable (cordoned). */
  unschedulable: boolean;
  /** kubectl get nodes STATUS: `Ready`, `NotReady`, `Ready,SchedulingDisabled` … */
  status: string;
  taints: TaintView[];
  internalIP: string | null;
  allocatable: NodeResources;
  /** What the scheduler counts as used: requests of the bound pods that are not terminal. */
  requested: NodeResources;
  /** One entry per GPU of the node: the key of the pod holding it, or null when free. */
  gpuSlots: (string | null)[];
  /** Keys of the current pods bound here (terminal ones included), in creation order. */
  pods: string[];
}

// ---- pods ----------------------------------------------------------------------------------------------

export interface ContainerView {
  name: string;
  kind: 'init' | 'sidecar' | 'regular';
  image: string;
  state: 'waiting' | 'running' | 'terminated' | 'none';
  /** Waiting or terminated reason (`ContainerCreating`, `CrashLoopBackOff`, `Completed`, `OOMKilled` …). */
  reason: string | null;
  exitCode: number | null;
  ready: boolean;
  restartCount: number;
  /** The previous instance's termination (lastState.terminated), if any. */
  lastExit: { exitCode: number; reason: string | null } | null;
}

/** A pod of a TFJob or PyTorchJob, from its `training.kubeflow.org/*` labels. */
export interface PodRole {
  jobKind: 'TFJob' | 'PyTorchJob';
  job: string;
  jobKey: string;
  /** Replica type as in the job's spec: `Chief`, `PS`, `Worker`, `Evaluator`, `Master`. */
  type: string;
  index: number;
  /** Carries `training.kubeflow.org/job-role=master`. */
  master: boolean;
}

export interface PodView {
  key: string;
  uid: string;
  name: string;
  namespace: string;
  /** The pod's resourceVersion: changes whenever this view may have changed. */
  rev: string;
  createdAt: number;
  node: string | null;
  /** status.phase ('' before the kubelet's first status). */
  phase: string;
  state: LaneState;
  /** kubectl get pods STATUS. */
  status: string;
  /** kubectl get pods READY (`1/1`). */
  ready: string;
  /** kubectl RESTARTS count (its `(… ago)` part is `lastRestartAt`). */
  restarts: number;
  lastRestartAt: number | null;
  ip: string | null;
  /** The controller owner, and the top of its chain (Deployment over ReplicaSet, CronJob over Job). */
  owner: ObjectRef | null;
  root: ObjectRef | null;
  role: PodRole | null;
  /** nvidia.com/gpu requested. */
  gpus: number;
  deleting: boolean;
  containers: ContainerView[];
}

// ---- timeline ------------------------------------------------------------------------------------------

export interface Segment {
  state: LaneState;
  /** kubectl STATUS word during the segment. */
  status: string;
  from: number;
  /** Absent for the current segment of a live pod (it lasts until now). */
  to?: number;
}

export interface RestartMark {
  /** When the kubelet reported the new restart count. */
  at: number;
  container: string;
  /** restartCount after this restart. */
  count: number;
  /** The exit of the instance that was replaced. */
  exitCode: number | null;
  reason: string | null;
}

export interface Lane {
  /** The pod's uid: a pod re-created with the same name gets a new lane. */
  id: string;
  key: string;
  name: string;
  namespace: string;
  /** Bumped on every change to this lane. */
  rev: number;
  createdAt: number;
  deletedAt: number | null;
  node: string | null;
  owner: ObjectRef | null;
  root: ObjectRef | null;
  /** `worker-1` for a training pod. */
  role: string | null;
  segments: Segment[];
  restarts: RestartMark[];
  /** Older segments or restart marks were dropped (MAX_SEGMENTS). */
  truncated: boolean;
}

// ---- owners --------------------------------------------------------------------------------------------

export interface OwnerNode {
  key: string;
  /** Object kind, or 'Role' for a training job's replica-type group. */
  kind: string;
  name: string;
  namespace: string;
  /**
   * kubectl get columns that do not depend on the clock (AGE, DURATION, LAST SCHEDULE left out). Empty for
   * Pods: their READY, STATUS, RESTARTS and state are in the PodView with the same key, so the tree changes
   * only when objects come, go or change owner, or an owner's columns change.
   */
  cells: { header: string; value: string }[];
  children: OwnerNode[];
}

// ---- events --------------------------------------------------------------------------------------------

export interface EventView {
  /** The Event object's name (unique). */
  id: string;
  /** Increases each time the event is recorded again (count + 1): a new occurrence. */
  seq: number;
  first: number;
  /** Last occurrence. */
  time: number;
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
  count: number;
  /** source.component (`kubelet`, `default-scheduler`, `job-controller` …). */
  source: string;
  object: { kind: string; namespace: string; name: string; key: string; fieldPath: string | null };
}

// ---- training jobs -------------------------------------------------------------------------------------

export interface TrainingCondition {
  type: string;
  status: string;
  reason: string;
  message: string;
  time: number | null;
}

export interface ReplicaView {
  index: number;
  /** `<job>-<type>-<index>`. */
  podName: string;
  /** Key of the current pod of that name, or null when there is none. */
  podKey: string | null;
  state: LaneState | null;
  status: string | null;
  node: string | null;
  master: boolean;
  /** The same-name headless Service. */
  service: { name: string; key: string; exists: boolean };
  /** The framework container (`tensorflow` / `pytorch`) the operator configures. */
  container: string;
  /** TF_CONFIG exactly as set on the pod (TFJob), null when absent. */
  tfConfig: string | null;
  /** The framework container's env as set on the pod, in order (user's first, then the operator's). */
  env: { name: string; value: string }[];
}

export interface TrainingRoleView {
  /** Replica type as written in the spec after the operator's case normalisation (`Worker`, `PS` …). */
  type: string;
  key: string;
  replicas: number;
  restartPolicy: string;
  /** The framework port (tfjob-port / pytorchjob-port). */
  port: number | null;
  members: ReplicaView[];
}

export interface TrainingJobView {
  key: string;
  kind: 'TFJob' | 'PyTorchJob';
  name: string;
  namespace: string;
  /** kubectl get tfjobs STATE: the last condition's type ('' before the first status). */
  state: string;
  conditions: TrainingCondition[];
  roles: TrainingRoleView[];
  replicaStatuses: Record<string, { active: number; succeeded: number; failed: number }>;
  startTime: number | null;
  completionTime: number | null;
  cleanPodPolicy: string;
  /** TFJob: spec.successPolicy ('' = chief or worker 0 decides). */
  successPolicy: string | null;
}
