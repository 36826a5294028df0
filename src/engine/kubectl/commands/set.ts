// `kubectl set SUBCOMMAND ...`: only `set image` is simulated.
import type { Simulation } from '../../sim/simulation.ts';
import type { CommandResult } from '../get.ts';
import { fail } from './common.ts';
import { setImage } from './set-image.ts';

export function set(sim: Simulation, args: string[]): CommandResult {
  const [sub, ...rest] = args;
  if (sub === 'image') return setImage(sim, rest);
  return fail(`error: "kubectl set ${sub ?? ''}" is not simulated yet (this simulator supports: set image)`);
}
