// The bucket a pod is in for the picture, from its phase and kubectl's STATUS word (reference §1.2, §1.6).
// The STATUS word itself stays with the segment: the bucket only decides colour, shape and grouping.
import type { Pod } from '../api/kinds.ts';
import type { PodCells } from '../kubectl/printers/pod-status.ts';
import type { LaneState } from './types.ts';

const IMAGE_PROBLEMS = new Set(['ErrImagePull', 'ImagePullBackOff', 'InvalidImageName', 'ErrImageNeverPull']);
/** Waiting reasons of a container that is still being set up, not failing. */
const SETTING_UP = new Set(['Pending', 'ContainerCreating', 'PodInitializing', 'SchedulingGated']);

export function isTerminalState(s: LaneState): boolean {
  return s === 'Succeeded' || s === 'Failed';
}

export function laneStateOf(pod: Pod, cells: PodCells): LaneState {
  const phase = pod.status?.phase ?? '';
  const status = cells.status;
  if (status === 'Terminating') return 'Terminating';
  if (phase === 'Succeeded') return 'Succeeded';
  if (phase === 'Failed') return 'Failed';
  if (status === 'Unknown' || phase === 'Unknown') return 'Unknown';
  // `Init:` prefixes a reason of an init container (step 2 of the STATUS algorithm).
  const reason = status.startsWith('Init:') ? status.slice(5) : status;
  if (reason === 'CrashLoopBackOff') return 'CrashLoopBackOff';
  if (IMAGE_PROBLEMS.has(reason)) return 'ImagePullBackOff';
  if (!pod.spec?.nodeName) return 'Pending';
  if (status.startsWith('Init:')) {
    if (/^\d+\/\d+$/.test(reason) || SETTING_UP.has(reason)) return 'Init';
    // Init:Error, Init:OOMKilled, Init:ExitCode:N: an init container exited and will be retried.
    return pod.status?.initContainerStatuses?.some((c) => c.state?.terminated) ? 'Exited' : 'Error';
  }
  if (phase === 'Pending' || phase === '') return SETTING_UP.has(status) ? 'ContainerCreating' : 'Error';
  // Phase Running.
  if (status === 'Running') return readyAll(cells.ready) ? 'Running' : 'NotReady';
  if (status === 'NotReady') return 'NotReady';
  // A container between restarts shows its last termination reason (Error, Completed, OOMKilled, ExitCode:N);
  // a waiting reason other than back-off (CreateContainerError …) is an error.
  const waitingProblem = pod.status?.containerStatuses?.some((c) => c.state?.waiting?.reason === status);
  return waitingProblem ? 'Error' : 'Exited';
}

function readyAll(ready: string): boolean {
  const [a, b] = ready.split('/');
  return a === b;
}
