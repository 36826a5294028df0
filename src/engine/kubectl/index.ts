// Public entry of the simulator's kubectl: one typed command line → what kubectl 1.35 would print.
// `runKubectl(ctx, line)` splits the line as a shell does, drops a leading `kubectl`, finds the verb among
// the global flags and runs it against the context's simulation (and its `-f` files). Commands that keep
// going while simulated time passes (`get -w`, `rollout status`, `delete`'s wait, `drain`) return a stream.
import type { KubectlContext, KubectlResult } from './context.ts';
import { dispatch } from './dispatch.ts';
import { splitArgs } from './split-args.ts';

export type { FileProblem, KubectlContext, KubectlResult, KubectlStream } from './context.ts';
export { VERBS } from './dispatch.ts';
export { runGet, get, kindPrefix, qualifiedResource } from './get.ts';
export type { CommandResult } from './get.ts';
export { parseArgs, parseCommandLine } from './parse.ts';
export type { GetOptions, OutputFormat, Parsed } from './parse.ts';
export { splitArgs } from './split-args.ts';
export { humanDuration, ageSince } from './human-duration.ts';
export { podCells } from './printers/pod-status.ts';
export { applyObject } from './apply/apply-object.ts';
export type { ApplyObjectResult, ApplyOutcome } from './apply/apply-object.ts';
export { LAST_APPLIED } from './apply/last-applied.ts';

/** Runs one line such as `kubectl apply -f pi-job.yaml` or `get pods -w` (the leading `kubectl` is optional). */
export function runKubectl(ctx: KubectlContext, line: string): KubectlResult {
  const split = splitArgs(line);
  // bash's own complaint, as a terminal would show it.
  if (!split.ok) return { exitCode: 2, stdout: '', stderr: `bash: ${split.error}\n` };
  const words = split.words[0] === 'kubectl' ? split.words.slice(1) : split.words;
  try {
    return dispatch(ctx, words);
  } catch (err) {
    // A bug of ours must not break the terminal; report it like any failed command.
    return { exitCode: 1, stdout: '', stderr: `error: internal error in workload-lab while running "${line}": ${(err as Error).message}\n` };
  }
}
