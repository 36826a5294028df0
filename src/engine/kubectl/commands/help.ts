// `kubectl help [COMMAND…]`, bare `kubectl`, and `kubectl COMMAND [SUBCOMMAND] --help|-h`: kubectl 1.35.2's own
// help texts for the commands the lab simulates, as the real binary printed them (cobra templates, non-terminal
// width), recorded with the kubectl oracle into tests/golden/kubectl-help and embedded in help-texts.json (a test
// checks that the two agree byte for byte). Like cobra's Find, the deepest known command named by the
// arguments is shown and further arguments and flags are ignored.
import type { Simulation } from '../../sim/simulation.ts';
import type { KubectlResult } from '../context.ts';
import helpTexts from './help-texts.json' with { type: 'json' };

const TEXTS: Readonly<Record<string, string>> = helpTexts;

/** Subcommand aliases cobra resolves (create_deployment.go `deploy`, create_cronjob.go `cj`). */
const ALIASES: Readonly<Record<string, string>> = { 'create deploy': 'create deployment', 'create cj': 'create cronjob' };

/** kubectl's other top-level commands: real, but not simulated by the lab (kubectl pkg/cmd/cmd.go). */
const UNSIMULATED = new Set([
  'expose', 'edit', 'autoscale', 'certificate', 'cluster-info', 'top', 'taint', 'attach', 'exec', 'port-forward', 'proxy',
  'cp', 'auth', 'debug', 'diff', 'patch', 'wait', 'kustomize', 'completion', 'alpha', 'api-versions', 'config', 'plugin',
]);

/** True when the words ask for help (`--help`, `-h`, `--help=true`) before a `--`. */
export function wantsHelp(words: readonly string[]): boolean {
  for (const w of words) {
    if (w === '--') return false;
    if (w === '--help' || w === '-h' || w === '--help=true') return true;
  }
  return false;
}

/** The help text of a command path (`[]` for kubectl itself), if the lab has it. */
export function helpText(path: readonly string[]): string | undefined {
  const key = path.join(' ');
  return TEXTS[ALIASES[key] ?? key];
}

/**
 * Runs `kubectl help <args>`; `args` may also be the words of `kubectl <command> … --help` (flags are skipped).
 * Prints the help of the deepest command the words name.
 */
export function help(_sim: Simulation, args: string[]): KubectlResult {
  const words = args.filter((w) => !w.startsWith('-'));
  const first = words[0];
  if (first === undefined) return { exitCode: 0, stdout: TEXTS['']!, stderr: '' };
  if (helpText([first]) === undefined) {
    if (UNSIMULATED.has(first)) return { exitCode: 1, stdout: '', stderr: `error: "kubectl ${first}" is not simulated by this lab, so its help is not shown here\n` };
    // cobra's help command: the topic is unknown, so it prints the root command's usage to stderr (exit 0).
    const root = TEXTS['']!;
    return { exitCode: 0, stdout: '', stderr: `Unknown help topic [\`${first}\`]\n\n${root.slice(root.indexOf('\nBasic Commands'))}` };
  }
  const second = words[1];
  const text = (second !== undefined && helpText([first, second])) || helpText([first])!;
  return { exitCode: 0, stdout: text, stderr: '' };
}
