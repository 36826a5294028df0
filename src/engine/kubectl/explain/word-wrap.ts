// The word wrapping `kubectl explain` applies to descriptions: github.com/mitchellh/go-wordwrap v1.0.1
// `WrapString`, which kubectl's `wrap` template function calls (pkg/util/term NewWordWrapWriter). It breaks
// only at white space, counts runes, keeps words longer than the limit whole, and drops the blanks where it
// breaks a line. Newlines in the text are kept.

const NBSP = '\u00a0';

/** Go's unicode.IsSpace. */
function isSpace(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\v' || c === '\f' || c === '\r' || c === '\u0085' || c === NBSP || /^[\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]$/.test(c);
}

export function wrapString(s: string, lim: number): string {
  let out = '';
  let current = 0;
  let word = '';
  let wordLen = 0;
  let space = '';
  let spaceLen = 0;
  for (const c of s) {
    if (c === '\n') {
      if (wordLen === 0) {
        if (current + spaceLen > lim) current = 0;
        else {
          current += spaceLen;
          out += space;
        }
        space = '';
        spaceLen = 0;
      } else {
        current += spaceLen + wordLen;
        out += space + word;
        space = '';
        spaceLen = 0;
        word = '';
        wordLen = 0;
      }
      out += c;
      current = 0;
    } else if (isSpace(c) && c !== NBSP) {
      if (spaceLen === 0 || wordLen > 0) {
        current += spaceLen + wordLen;
        out += space + word;
        space = '';
        spaceLen = 0;
        word = '';
        wordLen = 0;
      }
      space += c;
      spaceLen++;
    } else {
      word += c;
      wordLen++;
      if (current + wordLen + spaceLen > lim && wordLen < lim) {
        out += '\n';
        current = 0;
        space = '';
        spaceLen = 0;
      }
    }
  }
  if (wordLen === 0) {
    if (current + spaceLen <= lim) out += space;
  } else out += space + word;
  return out;
}

/** kubectl's `indent` template function: pads the first line and every line after a newline. */
export function indent(amount: number, s: string): string {
  const pad = ' '.repeat(amount);
  return pad + s.split('\n').join(`\n${pad}`);
}
