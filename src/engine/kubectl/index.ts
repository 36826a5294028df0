// Public entry of the simulator's kubectl: a typed command line → { exitCode, stdout, stderr }.
// Only `get` exists so far; other subcommands answer that they are not simulated yet.
import type { ApiServer } from '../api/api-server.ts';
import { get } from './get.ts';
import type { CommandResult } from './get.ts';
import { parseCommandLine } from './parse.ts';

export { runGet, get, kindPrefix, qualifiedResource } from './get.ts';
export type { CommandResult } from './get.ts';
export { parseArgs, parseCommandLine } from './parse.ts';
export type { GetOptions, OutputFormat, Parsed } from './parse.ts';
export { splitArgs } from './split-args.ts';
export { humanDuration, ageSince } from './human-duration.ts';
export { podCells } from './printers/pod-status.ts';

/** Runs one line such as `kubectl get pods -n default` (the leading `kubectl` is optional). */
export function runKubectl(api: ApiServer, nowMs: number, line: string): CommandResult {
  const parsed = parseCommandLine(line);
  if (!parsed.ok) return { exitCode: parsed.exitCode, stdout: '', stderr: parsed.stderr };
  if (parsed.command === 'get') return get(api, nowMs, parsed.options);
  if (parsed.command === '') return { exitCode: 1, stdout: '', stderr: "error: a command is required (this simulator supports: get)\n" };
  return { exitCode: 1, stdout: '', stderr: `error: "kubectl ${parsed.command}" is not simulated yet (this simulator supports: get)\n` };
}
