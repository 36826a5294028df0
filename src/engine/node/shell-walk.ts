// The control flow of the small shell scripts containers run (`sh -c "…"`), shared by what reads their
// duration and exit code (command.ts) and what reads their file operations (file-lifetime.ts): simple commands
// in order, `for` loops their count of times, `while`/`until` bodies once, the `then` branch of an `if`, and
// endless loops (`while true`, `until false` without exit or break) handed to the visitor.

export const LOOP_WORDS = new Set(['do', 'then', 'else', 'elif']);

export interface ScriptVisitor {
  /** True once nothing more runs (an `exit`, or a command that never returns). */
  stopped(): boolean;
  simple(words: string[]): void;
  /** An endless loop; `runBody` runs its body once. Nothing after the loop runs. */
  endless(runBody: () => void): void;
}

/** Walks the simple commands `cmds[from..to)`. */
export function walkScript(cmds: string[][], from: number, to: number, v: ScriptVisitor): void {
  let i = from;
  while (i < to && !v.stopped()) {
    let words = cmds[i]!;
    // leading `do`/`then` of a compound's body belong to the structure
    while (words.length && LOOP_WORDS.has(words[0]!)) words = words.slice(1);
    if (words.length === 0 || words[0] === 'fi' || words[0] === 'done') {
      i++;
      continue;
    }
    const head = words[0]!;
    if (head === 'while' || head === 'until' || head === 'for') {
      const end = matchingDone(cmds, i, to);
      const body = bodyStartOf(cmds, i, end);
      const cond = words[1];
      const endless = (head === 'while' && (cond === 'true' || cond === ':')) || (head === 'until' && cond === 'false');
      const leaves = cmds.slice(body, end).some((c) => c.includes('exit') || c.includes('break'));
      if (endless && !leaves) {
        v.endless(() => walkScript(cmds, body, end, v));
        return;
      }
      const times = head === 'for' ? forCount(words) : 1;
      for (let k = 0; k < times && !v.stopped(); k++) walkScript(cmds, body, end, v);
      i = end + 1;
      continue;
    }
    if (head === 'if') {
      // the condition is assumed to hold: the `then` branch runs, up to `else`/`elif`/`fi`
      let j = i + 1;
      while (j < to && !['fi', 'else', 'elif'].includes(cmds[j]![0]!) && !cmds[j]!.includes('fi')) j++;
      walkScript(cmds, i + 1, j, v);
      while (j < to && cmds[j]![0] !== 'fi') j++;
      i = j + 1;
      continue;
    }
    v.simple(words);
    i++;
  }
}

/** The index of the `done` closing the loop that starts at `start`. */
export function matchingDone(cmds: string[][], start: number, to: number): number {
  let depth = 0;
  for (let j = start; j < to; j++) {
    for (const w of cmds[j]!) {
      if (w === 'while' || w === 'until' || w === 'for') depth++;
      if (w === 'done') {
        depth--;
        if (depth === 0) return j;
      }
    }
  }
  return to;
}

/** The index of the first command of a loop's body (the one after `do`). */
export function bodyStartOf(cmds: string[][], start: number, end: number): number {
  for (let j = start; j < end; j++) if (cmds[j]![0] === 'do' || cmds[j]!.includes('do')) return cmds[j]![0] === 'do' ? j : j + 1;
  return start + 1;
}

/** `for i in a b c`, `for i in $(seq 1 5)`, `for i in {1..5}`: the number of iterations (1 when unknown). */
export function forCount(words: string[]): number {
  const inAt = words.indexOf('in');
  if (inAt < 0) return 1;
  const items = words.slice(inAt + 1).filter((w) => w !== 'do');
  const joined = items.join(' ');
  const seq = /\$\(seq\s+(?:(\d+)\s+)?(\d+)\)/.exec(joined);
  if (seq) return Math.max(0, Number(seq[2]) - Number(seq[1] ?? 1) + 1);
  const brace = /^\{(\d+)\.\.(\d+)\}$/.exec(joined);
  if (brace) return Math.max(0, Number(brace[2]) - Number(brace[1]) + 1);
  return Math.max(1, items.length);
}
