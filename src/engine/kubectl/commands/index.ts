// kubectl's changing commands on a simulated cluster. Each takes the words after its verb and returns what
// kubectl would print (reference §3.11, §5.12, §7.3, §7.4; texts checked against kubectl 1.35.2 recordings).
// runKubectl (../index.ts) is the one entry that dispatches to them; the `(sim, args)` forms stay for callers
// that hold a Simulation only.
import type { Simulation } from '../../sim/simulation.ts';
import type { KubectlResult } from '../context.ts';
import { create as createCommand } from './create.ts';

export { setImage } from './set-image.ts';
export { rollout, rolloutUndo, rolloutRestart, rolloutPause, rolloutResume, rolloutHistory, RESTARTED_AT_ANNOTATION } from './rollout.ts';
export { createJob, createJobCommand } from './create-job.ts';
export { createDeployment } from './create-deployment.ts';
export { createCronJob } from './create-cronjob.ts';
export { label, annotate } from './label-annotate.ts';
export { set } from './set.ts';

/** `kubectl create …` (words after `create`) on a simulation without editor files. */
export function create(sim: Simulation, args: string[]): KubectlResult {
  return createCommand({ sim }, args);
}
