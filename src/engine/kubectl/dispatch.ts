// kubectl's command line up to the verb (kubectl pkg/cmd/cmd.go, cobra's Find and stripFlags): the verb is the
// first word that is not a flag or a global flag's value (`kubectl -n dev get pods`); global flags may also come
// after it. An unknown verb is cobra's `unknown command "x" for "kubectl"` with its suggestions; flags before an
// unknown word are kubectl's plugin handler's `Error: flags cannot be placed before plugin name: --x`; `--help`
// anywhere shows the command's help. Texts recorded with kubectl 1.35.2 (tests/golden/kubectl-write 01–14).
import type { KubectlContext, KubectlResult } from './context.ts';
import { unknownCommandText } from './command-names.ts';
import { CLUSTER_FLAGS, unsimulatedCommand } from './unsimulated.ts';
import { GLOBAL_VALUE_FLAGS } from './flags.ts';
import { apply } from './commands/apply.ts';
import { create } from './commands/create.ts';
import { deleteCommand } from './commands/delete.ts';
import { replace } from './commands/replace.ts';
import { scale } from './commands/scale.ts';
import { cordon, uncordon } from './commands/cordon.ts';
import { drain } from './commands/drain.ts';
import { run } from './commands/run.ts';
import { rollout } from './commands/rollout.ts';
import { set } from './commands/set.ts';
import { annotate, label } from './commands/label-annotate.ts';
import { runDescribe } from './describe/index.ts';
import { getCommand } from './get-watch.ts';
import { help, wantsHelp } from './commands/help.ts';
import { version } from './commands/version.ts';
import { apiResources } from './commands/api-resources.ts';
import { events } from './commands/events.ts';
import { explain } from './explain/index.ts';
import { logs } from './commands/logs.ts';

export type Verb = (ctx: KubectlContext, args: string[]) => KubectlResult;

/** Commands that read, written alongside these (K-read): `(sim, args)`. */
const READ_VERBS: Record<string, Verb> = {
  explain: (ctx, a) => explain(ctx.sim, a),
  'api-resources': (ctx, a) => apiResources(ctx.sim, a),
  version: (ctx, a) => version(ctx.sim, a),
  help: (ctx, a) => help(ctx.sim, a),
  events: (ctx, a) => events(ctx.sim, a),
  logs: (ctx, a) => logs(ctx.sim, a),
};

export const VERBS: Record<string, Verb> = {
  get: getCommand,
  describe: (ctx, a) => runDescribe(ctx.sim.api, ctx.sim.now(), a),
  apply,
  create,
  replace,
  delete: deleteCommand,
  scale,
  rollout: (ctx, a) => rollout(ctx.sim, a),
  set: (ctx, a) => set(ctx.sim, a),
  label: (ctx, a) => label(ctx.sim, a),
  annotate: (ctx, a) => annotate(ctx.sim, a),
  cordon,
  uncordon,
  drain,
  run,
  ...READ_VERBS,
};

/** The root command's flags cobra knows while looking for the verb: those that take a value. */
const ROOT_VALUE_FLAGS = GLOBAL_VALUE_FLAGS;
/** … and the booleans (no value word follows them). */
const ROOT_BOOL_FLAGS = new Set(['help', 'h', 'insecure-skip-tls-verify', 'match-server-version', 'warnings-as-errors', 'disable-compression']);

/** cobra's stripFlags: the index of the first word that is neither a flag nor (what cobra takes for) a flag's value. */
function verbIndex(words: readonly string[]): number {
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (w === '--') return -1;
    if (w.startsWith('--') && !w.includes('=')) {
      // An unknown long flag is assumed to take a value, as cobra does.
      if (!ROOT_BOOL_FLAGS.has(w.slice(2))) i++;
    } else if (w.startsWith('-') && w.length === 2) {
      if (!ROOT_BOOL_FLAGS.has(w.slice(1))) i++;
    } else if (!w.startsWith('-') && w !== '') return i;
  }
  return -1;
}

/** A cluster/credential flag the lab cannot honour, if the words hold one. */
function clusterFlag(words: readonly string[]): string | undefined {
  for (const w of words) {
    if (w === '--') return undefined;
    const m = /^--?([a-z-]+)(=|$)/.exec(w);
    if (m && (w.startsWith('--') || m[1]!.length === 1) && CLUSTER_FLAGS.includes(m[1]!)) return w.startsWith('--') ? `--${m[1]}` : `-${m[1]}`;
  }
  return undefined;
}

/** Runs the words after `kubectl`. */
export function dispatch(ctx: KubectlContext, words: readonly string[]): KubectlResult {
  const at = verbIndex(words);
  if (at < 0) {
    if (words.length === 0 || wantsHelp(words)) return help(ctx.sim, []);
    const first = words.find((w) => w.startsWith('-'))!;
    const name = first.startsWith('--') ? first.slice(2).split('=')[0]! : first.slice(1, 2);
    if (!ROOT_VALUE_FLAGS.has(name) && !ROOT_BOOL_FLAGS.has(name)) {
      return { exitCode: 1, stdout: '', stderr: `error: unknown ${first.startsWith('--') ? `flag: --${name}` : `shorthand flag: '${name}' in ${first}`}\nSee 'kubectl --help' for usage.\n` };
    }
    return help(ctx.sim, []);
  }
  const verb = words[at]!;
  const rest = [...words.slice(0, at), ...words.slice(at + 1)];
  const handler = VERBS[verb];
  if (!handler) {
    const unsimulated = unsimulatedCommand(verb);
    if (unsimulated) return { exitCode: 1, stdout: '', stderr: unsimulated };
    if (words[0]!.startsWith('-')) return { exitCode: 1, stdout: '', stderr: `Error: flags cannot be placed before plugin name: ${words[0]}\n` };
    return { exitCode: 1, stdout: '', stderr: unknownCommandText(verb) };
  }
  if (wantsHelp(rest)) return help(ctx.sim, [verb, ...rest]);
  const flag = clusterFlag(rest);
  if (flag) return { exitCode: 1, stdout: '', stderr: `error: ${flag} is not simulated: the lab has a single simulated cluster, and you are its administrator\n` };
  return handler(ctx, rest);
}
