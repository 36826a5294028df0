// kubectl's changing commands on a simulated cluster. Each takes the words after its verb and returns what
// kubectl would print (reference §3.11, §5.12, §7.3, §7.4; texts checked against kubectl 1.35.2 recordings).
export { setImage } from './set-image.ts';
export { rollout, rolloutUndo, rolloutRestart, rolloutPause, rolloutResume, rolloutHistory, RESTARTED_AT_ANNOTATION } from './rollout.ts';
export { create, createJob } from './create-job.ts';
export { label, annotate } from './label-annotate.ts';
export { set } from './set.ts';
