// The one place the sandbox hands a command line to the engine: `kubectl …` to the kubectl engine
// (src/engine/kubectl runKubectl, with the editor's files for `-f`), `lab …` fault commands to
// src/engine/sim/commands.ts (the same ones `workload-lab simulate --at` runs).
import { runCommand, splitWords } from '../sim/commands.ts';
import type { Simulation } from '../sim/simulation.ts';
import { runKubectl } from '../kubectl/index.ts';
import type { KubectlStream } from '../kubectl/context.ts';

/** A problem in one of the editor's files, for a marker on its line. Lines and columns are 1-based. */
export interface FileProblem {
  file: string;
  line: number;
  column: number;
  message: string;
  severity: 'error' | 'warning';
}

export interface BackendResult {
  exitCode: number;
  stdout: string;
  stderr: string;
  /** Set when the command keeps printing while simulated time runs (`get -w`, `rollout status`). */
  stream?: KubectlStream;
  problems?: FileProblem[];
}

/** Runs one terminal line (`kubectl …` or `lab …`) against the simulation at its current time. */
export function runLine(sim: Simulation, files: ReadonlyMap<string, string>, line: string): BackendResult {
  const words = splitWords(line);
  if (typeof words !== 'string' && words[0] === 'kubectl') {
    const r = runKubectl({ sim, files }, line);
    const out: BackendResult = { exitCode: r.exitCode, stdout: r.stdout, stderr: r.stderr };
    if (r.stream) out.stream = r.stream;
    if (r.problems) out.problems = r.problems.map((p) => ({ ...p, severity: 'error' }));
    return out;
  }
  const r = runCommand(sim, line);
  const text = r.output === '' ? '' : r.output + '\n';
  const out: BackendResult = r.exitCode === 0 ? { exitCode: 0, stdout: text, stderr: '' } : { exitCode: r.exitCode, stdout: '', stderr: text };
  if (r.stream) out.stream = r.stream;
  return out;
}
