// The shell grammar the log reader needs (a sibling of node/command.ts tokenizeShell, which drops quoting):
// words keep what was quoted so that expansion happens at run time with the script's variables, control
// operators (`;`, `&&`, `||`, `|`, `&`, newline) are kept, and redirections (`> f`, `>>f`, `2>&1`, `>&2`) are
// recognised. Characters that must not expand (`$` inside '…' or after a backslash) are marked with LITERAL.

/** Marks a `$` or backtick that quoting made literal; expansion turns it back into the character. */
export const LITERAL_DOLLAR = '\uE000';
export const LITERAL_BACKTICK = '\uE001';
/** Marks text that came from double quotes (no word splitting, no globbing) — kept as-is here. */

export type ShellToken = { word: string; quoted: boolean } | { op: ';' | '&&' | '||' | '|' | '&' };

function literal(s: string): string {
  return s.replaceAll('$', LITERAL_DOLLAR).replaceAll('`', LITERAL_BACKTICK);
}

/** Reads a `$( … )` or `$(( … ))` span starting at `i` (at the `$`); returns its end index (exclusive). */
function substitutionEnd(s: string, i: number): number {
  let depth = 0;
  for (let j = i + 1; j < s.length; j++) {
    const c = s[j]!;
    if (c === '(') depth++;
    else if (c === ')') {
      depth--;
      if (depth === 0) return j + 1;
    } else if (c === "'") {
      const end = s.indexOf("'", j + 1);
      if (end < 0) return s.length;
      j = end;
    }
  }
  return s.length;
}

export function tokenize(script: string): ShellToken[] {
  const out: ShellToken[] = [];
  let word = '';
  let inWord = false;
  let quoted = false;
  const flush = () => {
    if (inWord) out.push({ word, quoted });
    word = '';
    inWord = false;
    quoted = false;
  };
  for (let i = 0; i < script.length; i++) {
    const c = script[i]!;
    if (c === "'") {
      const end = script.indexOf("'", i + 1);
      word += literal(script.slice(i + 1, end < 0 ? undefined : end));
      inWord = true;
      quoted = true;
      i = end < 0 ? script.length : end;
    } else if (c === '"') {
      let j = i + 1;
      while (j < script.length && script[j] !== '"') {
        if (script[j] === '\\' && j + 1 < script.length && '"\\$`\n'.includes(script[j + 1]!)) {
          j++;
          if (script[j] !== '\n') word += literal(script[j]!);
        } else if (script[j] === '$' && script[j + 1] === '(') {
          const end = substitutionEnd(script, j);
          word += script.slice(j, end);
          j = end - 1;
        } else word += script[j];
        j++;
      }
      inWord = true;
      quoted = true;
      i = j;
    } else if (c === '\\' && i + 1 < script.length) {
      if (script[i + 1] !== '\n') word += literal(script[i + 1]!);
      i++;
      inWord = true;
    } else if (c === '$' && script[i + 1] === '(') {
      const end = substitutionEnd(script, i);
      word += script.slice(i, end);
      i = end - 1;
      inWord = true;
    } else if (c === '#' && !inWord) {
      while (i < script.length && script[i] !== '\n') i++;
      i--;
    } else if (c === ';' || c === '\n') {
      flush();
      out.push({ op: ';' });
    } else if (c === '&' || c === '|') {
      // `2>&1` and `>&2` keep their `&` inside the redirection word
      if (c === '&' && word.endsWith('>')) {
        word += c;
        inWord = true;
        continue;
      }
      flush();
      if (script[i + 1] === c) {
        out.push({ op: (c + c) as '&&' | '||' });
        i++;
      } else out.push({ op: c });
    } else if (c === ' ' || c === '\t' || c === '\r') {
      flush();
    } else if ((c === '(' || c === ')' || c === '{' || c === '}') && !inWord) {
      // subshells and groups run their commands in sequence like the rest
      continue;
    } else if (c === '>' || c === '<') {
      // a redirection starts a word of its own unless it follows a file descriptor number (`2>`)
      if (inWord && !/^\d$/.test(word)) flush();
      word += c;
      inWord = true;
      if (script[i + 1] === '>' && c === '>') {
        word += '>';
        i++;
      }
      if (script[i + 1] === '&') {
        word += '&';
        i++;
      }
      // the target may follow directly (`>file`, `2>&1`) or as the next word
      let j = i + 1;
      let target = '';
      while (j < script.length && !' \t\r\n;&|'.includes(script[j]!)) target += script[j++]!;
      word += target;
      i = j - 1;
      flush();
    } else {
      word += c;
      inWord = true;
    }
  }
  flush();
  return out;
}

export interface SimpleCommand {
  words: { word: string; quoted: boolean }[];
  /** Redirections of this command: `>f`, `>>f`, `2>&1`, `>&2`, `</x` (as written, target included when glued). */
  redirects: string[];
  /** Set when the next command reads this one's output (`a | b`). */
  pipedTo: boolean;
}

/** Splits tokens into simple commands; a redirection word without its target takes the next word. */
export function simpleCommands(tokens: ShellToken[]): SimpleCommand[] {
  const cmds: SimpleCommand[] = [];
  let cur: SimpleCommand = { words: [], redirects: [], pipedTo: false };
  const push = () => {
    if (cur.words.length || cur.redirects.length) cmds.push(cur);
    cur = { words: [], redirects: [], pipedTo: false };
  };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if ('op' in t) {
      if (t.op === '|') cur.pipedTo = true;
      push();
      continue;
    }
    if (!t.quoted && /^\d?(>>?|<)&?/.test(t.word)) {
      let r = t.word;
      if (/^\d?(>>?|<)&?$/.test(r)) {
        const next = tokens[i + 1];
        if (next && 'word' in next) {
          r += next.word;
          i++;
        }
      }
      cur.redirects.push(r);
      continue;
    }
    cur.words.push(t);
  }
  push();
  return cmds;
}
