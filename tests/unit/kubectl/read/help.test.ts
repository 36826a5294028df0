// `kubectl help`, bare `kubectl` and `kubectl <command> --help|-h` print kubectl 1.35.2's own texts, recorded
// with the oracle into tests/golden/kubectl-help; the engine's embedded copy (help-texts.json) must equal them.
import { describe, expect, it } from 'vitest';
import { help, wantsHelp } from '../../../../src/engine/kubectl/commands/help.ts';
import helpTexts from '../../../../src/engine/kubectl/commands/help-texts.json' with { type: 'json' };
import { Simulation } from '../../../../src/engine/sim/simulation.ts';
import { printed, recordings } from './recordings.ts';

const sim = new Simulation();
/** Recorded but not simulated, or not help at all: `kubectl foo` is the dispatcher's unknown command. */
const NOT_HELP = new Set(['kubectl foo', 'kubectl wait --help', 'kubectl diff --help']);

describe('help texts match kubectl 1.35.2 (tests/golden/kubectl-help)', () => {
  for (const rec of recordings('kubectl-help')) {
    if (NOT_HELP.has(rec.command)) continue;
    it(rec.command, () => {
      // `kubectl help X` passes X; `kubectl X --help` passes X and the flag; bare `kubectl` passes nothing.
      const args = rec.verb === 'help' ? rec.args : rec.verb === '' || rec.verb.startsWith('-') ? [] : [rec.verb, ...rec.args];
      expect(printed(help(sim, args))).toEqual(printed(rec));
    });
  }

  it('every embedded help text is one of the recordings', () => {
    const recorded = new Set(recordings('kubectl-help').map((r) => r.stdout));
    for (const [path, text] of Object.entries(helpTexts as Record<string, string>)) expect(recorded.has(text), `help for "${path}"`).toBe(true);
  });
});

describe('help for what the lab does not simulate, and aliases', () => {
  it('a real kubectl command the lab does not simulate says so', () => {
    expect(help(sim, ['wait'])).toEqual({ exitCode: 1, stdout: '', stderr: 'error: "kubectl wait" is not simulated by this lab, so its help is not shown here\n' });
  });
  it('`create deploy` is cobra\'s alias of `create deployment` (kubectl create_deployment.go Aliases)', () => {
    expect(help(sim, ['create', 'deploy', '--help']).stdout).toBe(help(sim, ['create', 'deployment']).stdout);
  });
  it('wantsHelp finds --help and -h before `--` only', () => {
    expect(wantsHelp(['get', 'pods', '-h'])).toBe(true);
    expect(wantsHelp(['run', 'x', '--', 'sh', '--help'])).toBe(false);
  });
});
