// When files exist in a simulated container, read from its shell script: which paths the script creates
// (`touch F`, `echo … > F`, `mkdir D`, `cp`/`mv`/`ln`/`tee` targets) and removes (`rm`, `rmdir`, `unlink`, the
// source of `mv`), and how much time has passed at each step (`sleep N`). This is what an exec probe such as
// `cat /tmp/healthy` sees in the Kubernetes docs' exec-liveness example
// (`touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600`). Loops that never end (`while true`) are
// unrolled up to a day of simulated time; a loop whose body takes no time ends the script's observable changes.
import { analyseArgv, IMMEDIATE_RUN_MS, simpleCommands, tokenizeShell } from './command.ts';
import { walkScript } from './shell-walk.ts';

export interface FileOp {
  /** ms after the container started. */
  at: number;
  path: string;
  op: 'create' | 'remove';
}

/** A path's existence over a container run: `initial` from the start, then each change in time order. */
export interface FileTimeline {
  initial: boolean;
  changes: { at: number; exists: boolean }[];
}

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh']);
/** Unrolling of endless loops stops here (a day of simulated time, or this many file operations). */
const HORIZON_MS = 24 * 3_600_000;
const MAX_OPS = 10_000;

function base(word: string): string {
  return word.slice(word.lastIndexOf('/') + 1);
}

function normalize(path: string): string {
  const p = path.replace(/\/+/g, '/');
  return p.length > 1 ? p.replace(/\/$/, '') : p;
}

/** The script of `sh -c SCRIPT` (command followed by args), or null when the container does not run a shell script. */
export function shellScript(argv: string[]): string | null {
  if (argv.length === 0 || !SHELLS.has(base(argv[0]!))) return null;
  const flag = argv.findIndex((a, i) => i > 0 && /^-[a-z]*c[a-z]*$/.test(a));
  return flag >= 0 && argv[flag + 1] !== undefined ? argv[flag + 1]! : null;
}

interface Walk {
  t: number;
  ops: FileOp[];
  done: boolean;
}

function record(w: Walk, path: string, op: FileOp['op']): void {
  if (!path || path.startsWith('/dev/') || path.startsWith('-')) return;
  if (w.ops.length < MAX_OPS) w.ops.push({ at: w.t, path: normalize(path), op });
}

/** One simple command: its redirections, its file operations, then the time it takes. */
function simple(words: string[], w: Walk): void {
  let ws = words;
  while (ws.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(ws[0]!)) ws = ws.slice(1);
  if (ws[0] === 'exec') ws = ws.slice(1);
  if (ws.length === 0) return;
  const argv: string[] = [];
  for (let k = 0; k < ws.length; k++) {
    const word = ws[k]!;
    const redirect = /^(\d*)(>>?|>\|)(.*)$/.exec(word);
    if (redirect) {
      const target = redirect[3] || ws[++k] || '';
      // only stdout redirections to a file create it (`2>/dev/null`, `>&2` do not)
      if ((redirect[1] === '' || redirect[1] === '1') && !target.startsWith('&')) record(w, target, 'create');
      continue;
    }
    if (/^\d*</.test(word)) {
      if (word.replace(/^\d*</, '') === '') k++;
      continue;
    }
    argv.push(word);
  }
  if (argv.length === 0) return;
  const name = base(argv[0]!);
  const paths = argv.slice(1).filter((a) => !a.startsWith('-'));
  switch (name) {
    case 'exit':
      w.done = true;
      return;
    case 'touch':
    case 'mkdir':
    case 'tee':
      for (const p of paths) record(w, p, 'create');
      break;
    case 'rm':
    case 'rmdir':
    case 'unlink':
      for (const p of paths) record(w, p, 'remove');
      break;
    case 'mv':
      if (paths.length >= 2) {
        for (const p of paths.slice(0, -1)) record(w, p, 'remove');
        record(w, paths[paths.length - 1]!, 'create');
      }
      break;
    case 'cp':
    case 'ln':
      if (paths.length >= 2) record(w, paths[paths.length - 1]!, 'create');
      break;
  }
  const plan = analyseArgv(argv, false);
  if (!plan) return;
  if (plan.durationMs === null) {
    w.done = true; // runs until stopped: nothing after it happens
    return;
  }
  // quick commands take no noticeable time inside a script (as in command.ts)
  if (plan.durationMs > IMMEDIATE_RUN_MS) w.t += plan.durationMs;
}

function block(cmds: string[][], from: number, to: number, w: Walk): void {
  walkScript(cmds, from, to, {
    stopped: () => w.done,
    simple: (words) => simple(words, w),
    // an endless loop is unrolled while it changes something observable, up to the horizon
    endless: (runBody) => {
      for (;;) {
        const before = w.t;
        runBody();
        if (w.done || w.t === before || w.t > HORIZON_MS || w.ops.length >= MAX_OPS) break;
      }
      w.done = true;
    },
  });
}

/** Scripts already read: every replica of a workload runs the same one (bounded; results are immutable). */
const cache = new Map<string, readonly FileOp[]>();
const CACHE_SIZE = 512;

/** The file operations of the container's shell script in time order, or null when it runs no shell script. */
export function scriptFileOps(argv: string[]): readonly FileOp[] | null {
  const script = shellScript(argv);
  if (script === null) return null;
  let ops = cache.get(script);
  if (!ops) {
    const w: Walk = { t: 0, ops: [], done: false };
    const cmds = simpleCommands(tokenizeShell(script));
    block(cmds, 0, cmds.length, w);
    if (cache.size >= CACHE_SIZE) cache.clear();
    cache.set(script, (ops = Object.freeze(w.ops)));
  }
  return ops;
}

/**
 * The existence of `path` over a run, or null when the script never touches it (then nothing is known: the
 * file may come with the image). A path the script first creates starts absent; one it first removes, present.
 * Removing a directory removes what is under it.
 */
export function fileTimeline(ops: readonly FileOp[], path: string): FileTimeline | null {
  const target = normalize(path);
  const relevant = ops.filter((o) => o.path === target || (o.op === 'remove' && target.startsWith(o.path === '/' ? '/' : `${o.path}/`)));
  if (relevant.length === 0) return null;
  const initial = relevant[0]!.op === 'remove';
  const changes: FileTimeline['changes'] = [];
  let state = initial;
  for (let k = 0; k < relevant.length; k++) {
    const o = relevant[k]!;
    // several operations at one instant: the last one decides
    if (k + 1 < relevant.length && relevant[k + 1]!.at === o.at) continue;
    const exists = o.op === 'create';
    if (exists === state) continue;
    state = exists;
    changes.push({ at: o.at, exists });
  }
  return { initial, changes };
}
