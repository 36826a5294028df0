// The small, realistic delays of the simulated cluster (ms of simulated time). Documented in the README for
// lesson authors; changing one changes timelines, so tests read them from here.
export const LATENCY = {
  /** A controller's reaction to a watch event (informer delivery + queue). */
  controllerSync: 10,
  /** Scheduler: from an unbound pod appearing to the binding. */
  scheduling: 50,
  /** Scheduler retry for an unschedulable pod (back-off starts at 1 s, caps at 10 s per pod). */
  schedulingBackoffInitial: 1_000,
  schedulingBackoffMax: 10_000,
  /** Kubelet: from a pod bound to its node to the sandbox (PodReadyToStartContainers). */
  sandboxCreation: 500,
  /** Image pull for an image not on the node (Pulling → Pulled). */
  imagePull: 2_000,
  /** Container create + start after the image is present. */
  containerStart: 200,
  /** Kubelet status sync after a container state change. */
  statusSync: 0,
  /** A node that stops reporting is marked Unknown after the node monitor grace period (50 s since 1.32, #126287). */
  nodeMonitorGracePeriod: 50_000,
} as const;
