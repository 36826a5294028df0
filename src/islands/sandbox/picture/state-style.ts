// How each pod state looks, the same in every view: a colour (a site CSS variable), a shape (StateIcon) and a
// fill pattern (timeline bars, legend swatches), plus words. Colour is never the only cue.
import type { LaneState } from '../../../engine/picture/types.ts';

export type Fill = 'solid' | 'hatch' | 'dots' | 'cross' | 'stripes' | 'outline' | 'dashed';

export interface StateStyle {
  /** Site colour variable (global.css), without var(). */
  color: '--ok' | '--warn' | '--bad' | '--info' | '--muted';
  fill: Fill;
  /** What the state means, for legends and tooltips. */
  meaning: string;
}

export const STATE_STYLE: Record<LaneState, StateStyle> = {
  Pending: { color: '--muted', fill: 'dashed', meaning: 'not scheduled to a node yet' },
  ContainerCreating: { color: '--warn', fill: 'hatch', meaning: 'sandbox, image pull, container start' },
  Init: { color: '--warn', fill: 'dots', meaning: 'init containers running' },
  ImagePullBackOff: { color: '--bad', fill: 'hatch', meaning: 'the image cannot be pulled' },
  Running: { color: '--ok', fill: 'solid', meaning: 'running and ready' },
  NotReady: { color: '--ok', fill: 'outline', meaning: 'running, not ready' },
  Exited: { color: '--bad', fill: 'stripes', meaning: 'a container exited; it will be restarted' },
  Error: { color: '--bad', fill: 'dots', meaning: 'a container cannot be created or started' },
  CrashLoopBackOff: { color: '--bad', fill: 'cross', meaning: 'waiting in restart back-off' },
  Terminating: { color: '--muted', fill: 'hatch', meaning: 'being deleted' },
  Unknown: { color: '--muted', fill: 'dots', meaning: 'its node stopped reporting' },
  Succeeded: { color: '--info', fill: 'solid', meaning: 'all containers exited 0' },
  Failed: { color: '--bad', fill: 'solid', meaning: 'ended with a failure' },
};

/** Short human word for a state bucket (the kubectl STATUS word is shown beside it where it differs). */
export const STATE_LABEL: Record<LaneState, string> = {
  Pending: 'Pending', ContainerCreating: 'Creating', Init: 'Initializing', ImagePullBackOff: 'Image pull failing',
  Running: 'Running', NotReady: 'Not ready', Exited: 'Exited', Error: 'Error', CrashLoopBackOff: 'CrashLoopBackOff',
  Terminating: 'Terminating', Unknown: 'Unknown', Succeeded: 'Succeeded', Failed: 'Failed',
};
