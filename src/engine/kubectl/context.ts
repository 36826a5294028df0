// What one kubectl command line runs against, and what it returns. The sandbox's terminal, the CLI's
// `simulate --at` and the tests all go through these shapes (src/engine/kubectl/index.ts runKubectl).
import type { Simulation } from '../sim/simulation.ts';

export interface KubectlContext {
  sim: Simulation;
  /**
   * Files `-f NAME` can read: the sandbox editor's files, or the files the CLI was given. Keys are the names a
   * learner types (`pi-job.yaml`, `manifests/web.yaml`); values are the text.
   */
  files?: ReadonlyMap<string, string>;
}

/**
 * A command that keeps running while simulated time passes (`get -w`, `logs -f`, `rollout status`): the
 * caller advances the simulation and polls for the lines the command printed meanwhile.
 */
export interface KubectlStream {
  /** Output written since the previous poll (stdout), possibly empty. */
  poll(): string;
  /** Error output written since the previous poll (`error: timed out waiting for the condition`), possibly empty. */
  pollStderr?(): string;
  /** True once the command has finished by itself (rollout complete, pod terminated for `logs -f`). */
  done(): boolean;
  /** Exit code once done (or after stop: a watch interrupted by Ctrl+C ends with 0 output-wise; the terminal prints ^C). */
  exitCode(): number;
  /** Ctrl+C: stop watching and release the watch. */
  stop(): void;
  /**
   * True for a command that only waits and prints nothing more unless it fails (`delete` waiting for its
   * objects to be gone): a caller without a prompt to hold back (the CLI's `--at`) may stop it at once.
   */
  readonly waitOnly?: boolean;
}

/** A problem in one of the `-f` files, for the sandbox editor's markers. Lines and columns are 1-based. */
export interface FileProblem {
  file: string;
  line: number;
  column: number;
  /** kubectl's / the API server's words for this problem. */
  message: string;
}

export interface KubectlResult {
  exitCode: number;
  stdout: string;
  stderr: string;
  /** Present when the command keeps streaming after its first output. */
  stream?: KubectlStream;
  /** `apply|create|replace -f`: where in the files the refused objects went wrong. */
  problems?: FileProblem[];
}
