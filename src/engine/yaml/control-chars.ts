// go-yaml's reader refuses characters outside YAML's printable set with
// `yaml: control characters are not allowed`. It decodes its input in 512-byte blocks ahead of
// the scanner, so a bad character wins over a syntax error that the scanner meets in or after
// the block holding it, and is never seen when parsing stops before that block.

/** Allowed: tab, LF, CR, 0x20–0x7E, NEL, 0xA0–0xD7FF, 0xE000–0xFFFD, astral (surrogates). */
const DISALLOWED = /[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ud800-\udfff\ue000-\ufffd]/;

const RAW_BLOCK = 512;
/** The scanner asks the reader for up to 4 characters ahead of its position. */
const LOOKAHEAD = 4;

function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** Character index at which the reader has decoded `bytes` bytes of `text`. */
function indexOfByte(text: string, bytes: number): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    if (n >= bytes) return i;
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return text.length;
}

/**
 * The offset of a character the reader refuses before the scanner stopped at `scanned`, or -1.
 */
export function refusedCharacter(chunk: string, scanned: number): number {
  const m = DISALLOWED.exec(chunk);
  if (!m) return -1;
  const at = m.index;
  const blockStart = Math.floor(utf8Length(chunk.slice(0, at)) / RAW_BLOCK) * RAW_BLOCK;
  const decodedFrom = indexOfByte(chunk, blockStart);
  return scanned + LOOKAHEAD >= decodedFrom ? at : -1;
}
