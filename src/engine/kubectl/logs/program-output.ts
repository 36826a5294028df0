// What a container's main process writes to stdout/stderr (both end up in `kubectl logs`), with the time of
// each write, read from its command line like node/command.ts reads durations: `echo`, `printf`, `date`,
// `hostname`, `env`, `cat` of files the script wrote, `seq`, Perl's `print` (the docs' pi Job prints π to
// 2000 digits after computing ~5 s) and Python's `print` with literal arguments; everything else prints
// nothing. Shell scripts (`sh -c`) run with the control flow of node/shell-walk.ts (for loops bind their
// variable; while/until bodies once; `if` takes its then-branch; `while true` repeats until the container
// stops), variables, `$(…)`, `$((…))`, and redirections (`> file` and `> /dev/null` print nothing).
// Time advances only with commands that take time (`sleep`, as command.ts counts it), so output lines land
// where the container's run plan puts them.
import { analyseArgv, IMMEDIATE_RUN_MS } from '../../node/command.ts';
import { bpi } from './pi-digits.ts';
import { LITERAL_BACKTICK, LITERAL_DOLLAR, simpleCommands, tokenize } from './shell-words.ts';
import type { SimpleCommand } from './shell-words.ts';
import { strftime } from './strftime.ts';

/** Output written `atMs` after the process started. */
export interface Chunk {
  atMs: number;
  text: string;
}

export interface ProcessContext {
  /** Environment of the container (image defaults, Kubernetes variables, the container's env). */
  env: Map<string, string>;
  /** When the process started (epoch ms), for `date`. */
  startMs: number;
  hostname: string;
  podIP: string;
  workingDir: string;
}

/** Commands one run interprets at most (a guard against loops that print nothing and take no time). */
const MAX_STEPS = 200_000;

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh']);
const LOOP_WORDS = new Set(['do', 'then', 'else', 'elif']);

const base = (w: string) => w.slice(w.lastIndexOf('/') + 1);

interface State {
  vars: Map<string, string>;
  elapsed: number;
  exit: number | null;
  last: number;
  stopped: boolean;
  steps: number;
  files: Map<string, string>;
  ctx: ProcessContext;
}

// ---- expansion ------------------------------------------------------------------------------------------

/** Integer arithmetic of `$(( … ))`: + - * / % and parentheses, variables by name. */
function arithmetic(expr: string, vars: Map<string, string>): string {
  const tokens = expr.match(/\d+|[A-Za-z_][A-Za-z0-9_]*|\$[A-Za-z_][A-Za-z0-9_]*|[-+*/%()]/g) ?? [];
  let i = 0;
  const value = (t: string): number => {
    const name = t.startsWith('$') ? t.slice(1) : t;
    return /^\d+$/.test(t) ? Number(t) : Math.trunc(Number(vars.get(name) ?? 0)) || 0;
  };
  const primary = (): number => {
    const t = tokens[i++];
    if (t === '(') {
      const v = sum();
      i++;
      return v;
    }
    if (t === '-') return -primary();
    if (t === '+') return primary();
    return t === undefined ? 0 : value(t);
  };
  const product = (): number => {
    let v = primary();
    while (tokens[i] === '*' || tokens[i] === '/' || tokens[i] === '%') {
      const op = tokens[i++];
      const r = primary();
      v = op === '*' ? v * r : r === 0 ? 0 : op === '/' ? Math.trunc(v / r) : v % r;
    }
    return v;
  };
  const sum = (): number => {
    let v = product();
    while (tokens[i] === '+' || tokens[i] === '-') {
      const op = tokens[i++];
      const r = product();
      v = op === '+' ? v + r : v - r;
    }
    return v;
  };
  return String(sum());
}

/** Expands $VAR, ${VAR}, ${VAR:-default}, $?, $(( … )), $( … ) and `…` in a word. */
function expand(word: string, st: State): string {
  let out = '';
  for (let i = 0; i < word.length; i++) {
    const c = word[i]!;
    if (c === '`') {
      const end = word.indexOf('`', i + 1);
      const inner = word.slice(i + 1, end < 0 ? undefined : end);
      out += substitute(inner, st);
      i = end < 0 ? word.length : end;
      continue;
    }
    if (c !== '$') {
      out += c;
      continue;
    }
    const rest = word.slice(i + 1);
    if (rest.startsWith('((')) {
      let depth = 0;
      let j = i + 1;
      for (; j < word.length; j++) {
        if (word[j] === '(') depth++;
        else if (word[j] === ')' && --depth === 0) break;
      }
      out += arithmetic(word.slice(i + 3, j - 1), st.vars);
      i = j;
    } else if (rest.startsWith('(')) {
      let depth = 0;
      let j = i + 1;
      for (; j < word.length; j++) {
        if (word[j] === '(') depth++;
        else if (word[j] === ')' && --depth === 0) break;
      }
      out += substitute(word.slice(i + 2, j), st);
      i = j;
    } else if (rest.startsWith('{')) {
      const end = word.indexOf('}', i);
      const body = word.slice(i + 2, end < 0 ? undefined : end);
      const m = /^([A-Za-z_][A-Za-z0-9_]*)(?::?-(.*))?$/.exec(body);
      const v = m ? st.vars.get(m[1]!) : undefined;
      out += v !== undefined && v !== '' ? v : (m?.[2] ?? '');
      i = end < 0 ? word.length : end;
    } else if (rest.startsWith('?')) {
      out += String(st.last);
      i++;
    } else {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(rest);
      if (m) {
        out += st.vars.get(m[0]) ?? '';
        i += m[0].length;
      } else out += '$';
    }
  }
  return out.replaceAll(LITERAL_DOLLAR, '$').replaceAll(LITERAL_BACKTICK, '`');
}

/** `$(cmd)`: the command's output, trailing newlines removed (time does not pass inside). */
function substitute(script: string, st: State): string {
  const sub: State = { ...st, vars: new Map(st.vars), elapsed: st.elapsed, exit: null, stopped: false };
  let text = '';
  for (const chunk of runScript(script, sub)) text += chunk.text;
  return text.replace(/\n+$/, '');
}

// ---- builtins -------------------------------------------------------------------------------------------

const ECHO_ESCAPES: Record<string, string> = { n: '\n', t: '\t', '\\': '\\', a: '\x07', b: '\b', f: '\f', v: '\v', r: '\r', e: '\x1b' };

function unescape(s: string, stopAtC = false): { text: string; stop: boolean } {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c !== '\\' || i + 1 >= s.length) {
      out += c;
      continue;
    }
    const e = s[++i]!;
    if (e === 'c' && stopAtC) return { text: out, stop: true };
    if (e in ECHO_ESCAPES) out += ECHO_ESCAPES[e];
    else if (e === '0' || /[0-7]/.test(e)) {
      const oct = /^[0-7]{1,3}/.exec(s.slice(e === '0' ? i + 1 : i))![0] ?? '';
      out += String.fromCharCode(parseInt(oct || '0', 8));
      i += e === '0' ? oct.length : oct.length - 1;
    } else out += `\\${e}`;
  }
  return { text: out, stop: false };
}

/** echo [-neE] args (bash/busybox: escapes only with -e). */
function echo(args: string[]): string {
  let newline = true;
  let escapes = false;
  let i = 0;
  for (; i < args.length && /^-[neE]+$/.test(args[i]!); i++) {
    for (const f of args[i]!.slice(1)) {
      if (f === 'n') newline = false;
      else if (f === 'e') escapes = true;
      else escapes = false;
    }
  }
  const text = args.slice(i).join(' ');
  if (!escapes) return newline ? `${text}\n` : text;
  const u = unescape(text, true);
  return u.stop || !newline ? u.text : `${u.text}\n`;
}

/** printf FORMAT [ARGS…]: %s %d %i %u %x %X %o %c %f %e %g %b %%, widths and precision; the format repeats while arguments remain. */
function printf(args: string[]): string {
  const format = args[0];
  if (format === undefined) return '';
  const rest = args.slice(1);
  let out = '';
  let used = 0;
  do {
    const start = used;
    out += format.replace(/%([-+ 0#]*)(\d+|\*)?(?:\.(\d+))?([sdiuxXocfeEgGb%])|\\(.)/g, (m, flags: string, width: string, prec: string, conv: string, esc: string) => {
      if (esc !== undefined) return unescape(`\\${esc}`).text;
      if (conv === '%') return '%';
      const arg = rest[used++] ?? '';
      let text: string;
      switch (conv) {
        case 's':
          text = prec !== undefined ? arg.slice(0, Number(prec)) : arg;
          break;
        case 'b':
          text = unescape(arg).text;
          break;
        case 'c':
          text = arg.slice(0, 1);
          break;
        case 'd':
        case 'i':
        case 'u':
          text = String(Math.trunc(Number(arg) || 0));
          break;
        case 'x':
        case 'X':
        case 'o': {
          const n = Math.trunc(Number(arg) || 0);
          text = n.toString(conv === 'o' ? 8 : 16);
          if (conv === 'X') text = text.toUpperCase();
          break;
        }
        case 'e':
        case 'E':
          text = (Number(arg) || 0).toExponential(prec !== undefined ? Number(prec) : 6).replace(/e([+-])(\d)$/, 'e$10$2');
          if (conv === 'E') text = text.toUpperCase();
          break;
        case 'g':
        case 'G':
          text = String(Number(arg) || 0);
          break;
        default:
          text = (Number(arg) || 0).toFixed(prec !== undefined ? Number(prec) : 6);
      }
      const w = width === undefined || width === '*' ? 0 : Number(width);
      if (text.length < w) text = flags.includes('-') ? text.padEnd(w) : flags.includes('0') && conv !== 's' ? text.padStart(w, '0') : text.padStart(w);
      return text;
    });
    if (used === start) break;
  } while (used < rest.length);
  return out;
}

function seq(args: string[]): string {
  const n = args.map(Number);
  const [first, step, last] = n.length >= 3 ? [n[0]!, n[1]!, n[2]!] : n.length === 2 ? [n[0]!, 1, n[1]!] : [1, 1, n[0] ?? 0];
  if (!(step !== 0) || n.some(Number.isNaN)) return '';
  let out = '';
  for (let v = first, k = 0; (step > 0 ? v <= last : v >= last) && k < 100_000; v += step, k++) out += `${v}\n`;
  return out;
}

function date(args: string[], nowMs: number): string {
  const format = args.find((a) => a.startsWith('+'));
  return `${strftime(format ? format.slice(1) : '%a %b %e %H:%M:%S %Z %Y', nowMs)}\n`;
}

/** Perl one-liners: `print bpi(N)`, `print "text"`, `print N` (with -l a newline per print). */
function perl(args: string[]): { text: string; atMs: number } {
  let code = '';
  let newline = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (/^-[A-Za-z]*e$/.test(a) || /^-[A-Za-z]*E$/.test(a)) {
      if (a.includes('l')) newline = true;
      code = args[i + 1] ?? '';
      break;
    }
    if (/^-[a-z]*l/.test(a)) newline = true;
  }
  let text = '';
  let atMs = 0;
  for (const statement of code.split(';')) {
    const m = /^\s*print\b\s*(.*?)\s*$/.exec(statement);
    if (!m || m[1] === '') continue;
    let value = m[1]!;
    if (value.startsWith('(') && value.endsWith(')')) value = value.slice(1, -1).trim();
    const pi = /^bpi\((\d+)\)$/.exec(value);
    const str = /^"(.*)"$|^'(.*)'$/.exec(value);
    let printed: string | null = null;
    if (pi) {
      printed = bpi(Number(pi[1]));
      atMs = Math.max(atMs, analyseArgv(['perl', '-e', code])?.durationMs ?? 0);
    } else if (str) printed = str[1] !== undefined ? unescape(str[1]).text : str[2]!;
    else if (/^-?\d+(\.\d+)?$/.test(value)) printed = value;
    if (printed !== null) text += newline ? `${printed}\n` : printed;
  }
  return { text, atMs };
}

/** Python's `-c 'print("text")'` with literal strings and numbers. */
function python(args: string[]): string {
  const i = args.indexOf('-c');
  if (i < 0) return '';
  let text = '';
  for (const m of (args[i + 1] ?? '').matchAll(/print\(\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|(-?\d+(?:\.\d+)?))\s*(?:,\s*flush\s*=\s*True\s*)?\)/g)) {
    text += `${m[1] !== undefined ? unescape(m[1]).text : m[2] !== undefined ? unescape(m[2]).text : m[3]}\n`;
  }
  return text;
}

// ---- running ----------------------------------------------------------------------------------------------

/** Where a command's standard output goes: the log, or somewhere else (a file, /dev/null). */
function stdoutTarget(redirects: readonly string[]): { log: boolean; file?: string; append?: boolean } {
  let target: { log: boolean; file?: string; append?: boolean } = { log: true };
  for (const r of redirects) {
    const m = /^(\d?)(>>?|<)(&?)(.*)$/.exec(r);
    if (!m || m[2] === '<') continue;
    const fd = m[1] || '1';
    if (fd !== '1') continue;
    const dest = m[4]!;
    if (m[3] === '&') target = { log: true }; // >&2: stderr, also in the container's log
    else if (dest === '/dev/stdout' || dest === '/dev/stderr' || dest === '/proc/1/fd/1' || dest === '/proc/1/fd/2') target = { log: true };
    else if (dest === '/dev/null') target = { log: false };
    else target = { log: false, file: dest, append: m[2] === '>>' };
  }
  return target;
}

/** The output of one simple command (argv expanded), and the time it takes. */
function runArgv(argv: string[], st: State, stdin: string): { text: string; atMs: number; durationMs: number } {
  let words = argv;
  while (words.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[0]!)) words = words.slice(1);
  if (words[0] === 'exec' || words[0] === 'command' || words[0] === 'nohup') words = words.slice(1);
  const name = base(words[0] ?? '');
  const args = words.slice(1);
  const plan = analyseArgv(words, false);
  const duration = plan && plan.durationMs !== null && plan.durationMs > IMMEDIATE_RUN_MS ? plan.durationMs : 0;
  const done = (text: string, atMs = 0) => ({ text, atMs, durationMs: duration });
  switch (name) {
    case 'echo':
      return done(echo(args));
    case 'printf':
      return done(printf(args));
    case 'date':
      return done(date(args, st.ctx.startMs + st.elapsed));
    case 'hostname':
      return done(`${args.includes('-i') ? st.ctx.podIP : st.ctx.hostname}\n`);
    case 'whoami':
      return done('root\n');
    case 'id':
      return done('uid=0(root) gid=0(root) groups=0(root)\n');
    case 'pwd':
      return done(`${st.ctx.workingDir}\n`);
    case 'uname':
      return done('Linux\n');
    case 'seq':
      return done(seq(args));
    case 'env':
    case 'printenv': {
      if (name === 'printenv' && args.length) return done(args.map((a) => st.vars.get(a)).filter((v) => v !== undefined).map((v) => `${v}\n`).join(''));
      return done([...st.vars].map(([k, v]) => `${k}=${v}\n`).join(''));
    }
    case 'cat':
    case 'tee': {
      const files = args.filter((a) => !a.startsWith('-'));
      if (name === 'tee') {
        for (const f of files) st.files.set(f, (args.includes('-a') ? (st.files.get(f) ?? '') : '') + stdin);
        return done(stdin);
      }
      if (files.length === 0) return done(stdin);
      return done(files.map((f) => (f === '/etc/hostname' ? `${st.ctx.hostname}\n` : (st.files.get(f) ?? ''))).join(''));
    }
    case 'perl': {
      const p = perl(args);
      return { text: p.text, atMs: p.atMs, durationMs: Math.max(duration, p.atMs) };
    }
    case 'python':
    case 'python3':
      return done(python(args));
    case 'sleep':
      return done('', 0);
    default:
      return done('');
  }
}

/** Runs the simple commands `cmds[from..to)` with the control flow of node/shell-walk.ts. */
function* walk(cmds: SimpleCommand[], from: number, to: number, st: State): Generator<Chunk> {
  let pipe = '';
  let i = from;
  while (i < to && !st.stopped && st.exit === null) {
    if (++st.steps > MAX_STEPS) {
      st.stopped = true;
      return;
    }
    const cmd = cmds[i]!;
    // leading `do`/`then` of a compound's body belong to the structure
    let lead = 0;
    while (lead < cmd.words.length && LOOP_WORDS.has(cmd.words[lead]!.word)) lead++;
    const words = cmd.words.slice(lead).map((w) => w.word);
    if (words.length === 0 || words[0] === 'fi' || words[0] === 'done' || words[0] === 'esac') {
      i++;
      continue;
    }
    const head = words[0]!;
    if (head === 'while' || head === 'until' || head === 'for') {
      const end = matchingDone(cmds, i, to);
      const body = bodyStart(cmds, i, end);
      const cond = words[1];
      const endless = (head === 'while' && (cond === 'true' || cond === ':')) || (head === 'until' && cond === 'false');
      const leaves = cmds.slice(body, end).some((c) => c.words.some((w) => w.word === 'exit' || w.word === 'break'));
      if (endless && !leaves) {
        // until the container stops; an iteration that neither prints nor takes time ends the reading
        for (;;) {
          const before = st.elapsed;
          let printed = false;
          for (const c of walk(cmds, body, end, st)) {
            printed = true;
            yield c;
          }
          if (st.stopped || st.exit !== null || (!printed && st.elapsed === before)) {
            st.stopped = true;
            return;
          }
        }
      }
      if (head === 'for') {
        const inAt = words.indexOf('in');
        const items = inAt < 0 ? ['1'] : forItems(words.slice(inAt + 1).filter((w) => w !== 'do'), st);
        for (const item of items) {
          if (st.stopped || st.exit !== null) break;
          st.vars.set(words[1] ?? '_', item);
          yield* walk(cmds, body, end, st);
        }
      } else yield* walk(cmds, body, end, st);
      i = end + 1;
      continue;
    }
    if (head === 'if') {
      let j = i + 1;
      while (j < to && !['fi', 'else', 'elif'].includes(cmds[j]!.words[0]?.word ?? '') && !cmds[j]!.words.some((w) => w.word === 'fi')) j++;
      yield* walk(cmds, i + 1, j, st);
      while (j < to && cmds[j]!.words[0]?.word !== 'fi') j++;
      i = j + 1;
      continue;
    }
    // assignments before (or instead of) the command
    const expanded = cmd.words.slice(lead).map((w) => expand(w.word, st));
    let k = 0;
    while (k < expanded.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(expanded[k]!)) {
      const eq = expanded[k]!.indexOf('=');
      st.vars.set(expanded[k]!.slice(0, eq), expanded[k]!.slice(eq + 1));
      k++;
    }
    const argv = expanded.slice(k);
    i++;
    if (argv.length === 0) continue;
    const name = base(argv[0]!);
    if (name === 'exit') {
      st.exit = argv[1] !== undefined && /^\d+$/.test(argv[1]) ? Number(argv[1]) & 255 : st.last;
      return;
    }
    if (name === 'export' || name === 'readonly' || name === 'local') {
      for (const a of argv.slice(1)) {
        const eq = a.indexOf('=');
        if (eq > 0) st.vars.set(a.slice(0, eq), a.slice(eq + 1));
      }
      continue;
    }
    if (name === 'trap' || name === 'set' || name === ':' || name === 'true' || name === 'cd' || name === 'wait') {
      st.last = 0;
      continue;
    }
    if (name === 'false') {
      st.last = 1;
      continue;
    }
    if (SHELLS.has(name)) {
      const c = argv.findIndex((a) => /^-[a-z]*c[a-z]*$/.test(a));
      if (c >= 0 && argv[c + 1] !== undefined) {
        yield* runScript(argv[c + 1]!, st);
        continue;
      }
    }
    const plan = analyseArgv(argv, false);
    const r = runArgv(argv, st, pipe);
    pipe = '';
    const target = stdoutTarget(cmd.redirects);
    if (cmd.pipedTo) pipe = r.text;
    else if (target.file !== undefined) st.files.set(target.file, (target.append ? (st.files.get(target.file) ?? '') : '') + r.text);
    else if (target.log && r.text !== '') yield { atMs: st.elapsed + r.atMs, text: r.text };
    st.elapsed += r.durationMs;
    st.last = plan?.exitCode ?? 0;
    if (plan && plan.durationMs === null) {
      // a command that never returns (sleep infinity, tail -f, a server): nothing after it runs
      st.stopped = true;
      return;
    }
  }
}

/** Items of `for x in …`: expanded, split on blanks, `{a..b}` ranges expanded. */
function forItems(words: string[], st: State): string[] {
  const out: string[] = [];
  for (const w of words) {
    const brace = /^\{(-?\d+)\.\.(-?\d+)\}$/.exec(w);
    if (brace) {
      const a = Number(brace[1]);
      const b = Number(brace[2]);
      for (let v = a; a <= b ? v <= b : v >= b; v += a <= b ? 1 : -1) out.push(String(v));
      continue;
    }
    out.push(...expand(w, st).split(/\s+/).filter((x) => x !== ''));
  }
  return out;
}

function matchingDone(cmds: SimpleCommand[], start: number, to: number): number {
  let depth = 0;
  for (let j = start; j < to; j++) {
    for (const { word } of cmds[j]!.words) {
      if (word === 'while' || word === 'until' || word === 'for') depth++;
      if (word === 'done' && --depth === 0) return j;
    }
  }
  return to;
}

function bodyStart(cmds: SimpleCommand[], start: number, end: number): number {
  for (let j = start; j < end; j++) {
    const words = cmds[j]!.words.map((w) => w.word);
    if (words[0] === 'do') return j;
    if (words.includes('do')) return j + 1;
  }
  return start + 1;
}

function* runScript(script: string, st: State): Generator<Chunk> {
  const cmds = simpleCommands(tokenize(script));
  yield* walk(cmds, 0, cmds.length, st);
}

/**
 * The output of a container process `argv` (command and args, after Kubernetes' $(VAR) expansion), in time
 * order, lazily: loops that run until the container stops yield forever, so callers stop reading at the time
 * they need.
 */
export function* programOutput(argv: readonly string[], ctx: ProcessContext): Generator<Chunk> {
  const st: State = { vars: new Map(ctx.env), elapsed: 0, exit: null, last: 0, stopped: false, steps: 0, files: new Map(), ctx };
  if (argv.length === 0) return;
  const name = base(argv[0]!);
  if (SHELLS.has(name)) {
    const c = argv.findIndex((a, i) => i > 0 && /^-[a-z]*c[a-z]*$/.test(a));
    if (c >= 0 && argv[c + 1] !== undefined) yield* runScript(argv[c + 1]!, st);
    return;
  }
  // Not a shell: one program, no shell expansion.
  const r = runArgv([...argv], st, '');
  if (r.text !== '') yield { atMs: r.atMs, text: r.text };
}
