// `kubectl set SUBCOMMAND ...`: only `set image` is simulated.
import type { Simulation } from '../../sim/simulation.ts';
import type { CommandResult } from '../get.ts';
import { fail } from './common.ts';
import { setImage } from './set-image.ts';
import { helpText } from './help.ts';
import { splitSubcommand } from '../flags.ts';

export function set(sim: Simulation, args: string[]): CommandResult {
  const { sub, rest } = splitSubcommand(args);
  if (sub === 'image') return setImage(sim, rest);
  // cobra's DefaultSubCommandRun: the command's help on stderr, exit 1.
  if (sub === undefined) return { exitCode: 1, stdout: '', stderr: helpText(['set']) ?? "error: a set subcommand is required\nSee 'kubectl set -h' for help and examples\n" };
  if (['env', 'resources', 'selector', 'serviceaccount', 'subject'].includes(sub)) return fail(`error: "kubectl set ${sub}" is not simulated: change the manifest in the editor and run kubectl apply -f FILE (kubectl set image works)`);
  // cobra's DefaultSubCommandRun (recorded: tests/golden/kubectl-write 12).
  return fail(`error: unknown command "${args.filter((a) => !a.startsWith('-')).join(' ')}"\nSee 'kubectl set -h' for help and examples`);
}
