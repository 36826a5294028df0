// What a container's command line does, when it is recognisable: how long a run lasts (or that it runs until
// stopped), its exit code and how the process reacts to SIGTERM. A small reading of the commands that lesson
// manifests use (`sleep 3600`, `sh -c "echo hi; sleep 5; exit 3"`, `while true; do …; done`, the docs' pi Job
// `perl -Mbignum=bpi -wle 'print bpi(2000)'`); anything else is "not recognised" and the image decides.
import { parseGoDuration } from '../cron/go-duration.ts';
import { walkScript } from './shell-walk.ts';

/** A process that exits at once (echo, true, date …) still takes a moment. */
export const IMMEDIATE_RUN_MS = 100;
/** `perl -Mbignum=bpi -wle 'print bpi(2000)'` (the Job example of the Kubernetes docs) computes for a few seconds. */
export const PI_RUN_MS = 5_000;

export interface CommandPlan {
  /** ms one run lasts; null: until stopped. */
  durationMs: number | null;
  exitCode: number;
  /**
   * SIGTERM: 'ignore' for a shell, `sleep` or `tail` running as PID 1 without a `trap` (PID 1 gets no default
   * signal actions, so it is SIGKILLed at the end of the grace period), otherwise the exit code it ends with,
   * or 'default' to let the image decide (servers started by the command line).
   */
  sigterm: 'ignore' | 'default' | number;
}

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh']);
const QUICK = new Set([
  'echo', 'printf', 'date', 'env', 'printenv', 'hostname', 'ls', 'cat', 'whoami', 'uname', 'id', 'pwd', 'touch',
  'mkdir', 'cp', 'mv', 'rm', 'ln', 'chmod', 'chown', 'wget', 'curl', 'nslookup', 'df', 'du', 'uptime', 'test', '[',
]);
/** Commands that start a server in the foreground. */
const SERVER_COMMANDS = new Set(['nginx', 'httpd', 'httpd-foreground', 'apache2-foreground', 'redis-server', 'memcached', 'postgres', 'mysqld', 'docker-entrypoint.sh']);

function base(word: string): string {
  return word.slice(word.lastIndexOf('/') + 1);
}

/** GNU sleep: a number with an optional s/m/h/d suffix; several arguments add up; `infinity` never ends. */
export function sleepMs(args: string[]): number | null | undefined {
  let total = 0;
  if (args.length === 0) return undefined;
  for (const a of args) {
    if (a === 'infinity' || a === 'inf') return null;
    const m = /^(\d+(?:\.\d*)?|\.\d+)([smhd]?)$/.exec(a);
    if (!m) {
      const go = parseGoDuration(a);
      if (go.ok) {
        total += Number(go.nanoseconds / 1_000_000n);
        continue;
      }
      return undefined;
    }
    const unit = { '': 1000, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] as '' | 's' | 'm' | 'h' | 'd'];
    total += Math.round(Number(m[1]) * unit);
  }
  return total;
}

// ---- a tiny shell reader ----------------------------------------------------------------------------------

export type Token = { word: string } | { op: string };

/** Words and control operators (`;`, `&&`, `||`, `|`, `&`, newline), honouring quotes and backslashes. */
export function tokenizeShell(script: string): Token[] {
  const out: Token[] = [];
  let word = '';
  let inWord = false;
  const flush = () => {
    if (inWord) out.push({ word });
    word = '';
    inWord = false;
  };
  for (let i = 0; i < script.length; i++) {
    const c = script[i]!;
    if (c === "'") {
      const end = script.indexOf("'", i + 1);
      word += script.slice(i + 1, end < 0 ? undefined : end);
      inWord = true;
      i = end < 0 ? script.length : end;
    } else if (c === '"') {
      let j = i + 1;
      while (j < script.length && script[j] !== '"') {
        if (script[j] === '\\' && j + 1 < script.length) j++;
        word += script[j];
        j++;
      }
      inWord = true;
      i = j;
    } else if (c === '\\' && i + 1 < script.length) {
      word += script[++i];
      inWord = true;
    } else if (c === '#' && !inWord) {
      while (i < script.length && script[i] !== '\n') i++;
      i--;
    } else if (c === ';' || c === '\n') {
      flush();
      out.push({ op: ';' });
    } else if (c === '&' || c === '|') {
      flush();
      if (script[i + 1] === c) {
        out.push({ op: c + c });
        i++;
      } else out.push({ op: c });
    } else if (c === ' ' || c === '\t' || c === '\r') {
      flush();
    } else if ((c === '(' || c === ')' || c === '{' || c === '}') && !inWord) {
      // subshells and groups: their commands run in sequence like the rest
      continue;
    } else {
      word += c;
      inWord = true;
    }
  }
  flush();
  return out;
}

/** Simple commands (word lists) in order; operators only separate them here. */
export function simpleCommands(tokens: Token[]): string[][] {
  const cmds: string[][] = [];
  let cur: string[] = [];
  for (const t of tokens) {
    if ('op' in t) {
      if (cur.length) cmds.push(cur);
      cur = [];
    } else cur.push(t.word);
  }
  if (cur.length) cmds.push(cur);
  return cmds;
}

interface ScriptState {
  elapsed: number;
  forever: boolean;
  exit: number | null;
  last: number;
  trapTerm: number | null;
  server: boolean;
}


/** Runs the simple commands `cmds[from..to)` once, updating the state; stops on `exit` or a forever command. */
function runBlock(cmds: string[][], from: number, to: number, st: ScriptState): void {
  walkScript(cmds, from, to, {
    stopped: () => st.forever || st.exit !== null,
    simple: (words) => runSimple(words, st),
    endless: () => {
      st.forever = true;
    },
  });
}

function runSimple(words: string[], st: ScriptState): void {
  // variable assignments before the command
  let w = words;
  while (w.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(w[0]!)) w = w.slice(1);
  if (w.length === 0) return;
  if (w[0] === 'exec') w = w.slice(1);
  const name = base(w[0] ?? '');
  const args = w.slice(1);
  if (name === 'exit') {
    st.exit = args.length && /^\d+$/.test(args[0]!) ? Number(args[0]) & 255 : st.last;
    return;
  }
  if (name === 'trap') {
    const action = args[0] ?? '';
    if (args.slice(1).some((s) => /^(SIG)?TERM$|^15$/.test(s))) {
      const m = /exit\s+(\d+)/.exec(action);
      st.trapTerm = m ? Number(m[1]) & 255 : 0;
    }
    return;
  }
  const single = analyseArgv(w, false);
  if (!single) {
    st.last = 0;
    return;
  }
  if (single.durationMs === null) {
    st.forever = true;
    if (single.sigterm === 'default') st.server = true;
    return;
  }
  // quick commands take no noticeable time inside a script; the script as a whole takes at least a moment
  if (single.durationMs > IMMEDIATE_RUN_MS) st.elapsed += single.durationMs;
  st.last = single.exitCode;
}

/** `sh -c SCRIPT`: the script's duration, exit code and SIGTERM handling. */
export function analyseScript(script: string): CommandPlan {
  const cmds = simpleCommands(tokenizeShell(script));
  const st: ScriptState = { elapsed: 0, forever: false, exit: null, last: 0, trapTerm: null, server: false };
  runBlock(cmds, 0, cmds.length, st);
  const sigterm = st.trapTerm !== null ? st.trapTerm : st.server ? 'default' : 'ignore';
  if (st.forever) return { durationMs: null, exitCode: 0, sigterm };
  return { durationMs: Math.max(st.elapsed, IMMEDIATE_RUN_MS), exitCode: st.exit ?? st.last, sigterm };
}

/**
 * The plan of a command line (`command` followed by `args`), or null when it is not recognised.
 * `top`: this process is PID 1 (a bare `sleep` then ignores SIGTERM).
 */
export function analyseArgv(argv: string[], top = true): CommandPlan | null {
  if (argv.length === 0) return null;
  const name = base(argv[0]!);
  const args = argv.slice(1);
  const pid1 = top ? 'ignore' : 0;
  if (SHELLS.has(name)) {
    const flag = args.findIndex((a) => /^-[a-z]*c[a-z]*$/.test(a));
    if (flag >= 0 && args[flag + 1] !== undefined) return analyseScript(args[flag + 1]!);
    // a shell without -c reads its (empty) stdin and exits 0
    if (args.length === 0) return { durationMs: IMMEDIATE_RUN_MS, exitCode: 0, sigterm: 'ignore' };
    return null;
  }
  switch (name) {
    case 'sleep': {
      const ms = sleepMs(args);
      if (ms === undefined) return { durationMs: IMMEDIATE_RUN_MS, exitCode: 1, sigterm: pid1 };
      return { durationMs: ms === null ? null : Math.max(ms, IMMEDIATE_RUN_MS), exitCode: 0, sigterm: pid1 };
    }
    case 'true':
    case ':':
      return { durationMs: IMMEDIATE_RUN_MS, exitCode: 0, sigterm: pid1 };
    case 'false':
      return { durationMs: IMMEDIATE_RUN_MS, exitCode: 1, sigterm: pid1 };
    case 'exit':
      return { durationMs: IMMEDIATE_RUN_MS, exitCode: args.length && /^\d+$/.test(args[0]!) ? Number(args[0]) & 255 : 0, sigterm: pid1 };
    case 'tail':
      if (args.includes('-f') || args.includes('-F') || args.includes('--follow')) return { durationMs: null, exitCode: 0, sigterm: pid1 };
      return { durationMs: IMMEDIATE_RUN_MS, exitCode: 0, sigterm: pid1 };
    case 'ping': {
      const c = args.indexOf('-c');
      if (c >= 0 && /^\d+$/.test(args[c + 1] ?? '')) return { durationMs: Math.max(Number(args[c + 1]) * 1000, IMMEDIATE_RUN_MS), exitCode: 0, sigterm: pid1 };
      return { durationMs: null, exitCode: 0, sigterm: pid1 };
    }
    case 'perl':
      if (args.some((a) => a.includes('bpi('))) return { durationMs: PI_RUN_MS, exitCode: 0, sigterm: 'default' };
      return null;
    case 'python':
    case 'python3':
      if (args[0] === '-m' && args[1] === 'http.server') return { durationMs: null, exitCode: 0, sigterm: 'default' };
      return null;
  }
  if (QUICK.has(name)) return { durationMs: IMMEDIATE_RUN_MS, exitCode: 0, sigterm: pid1 };
  if (SERVER_COMMANDS.has(name)) return { durationMs: null, exitCode: 0, sigterm: 'default' };
  return null;
}
