// go-yaml v2's scalar resolution (resolve.go `resolve`, decode.go `scalar`) for a target of
// type interface{}: YAML 1.1 booleans, Go-syntax integers, floats, timestamps kept as text,
// explicit core tags checked, unknown tags ignored, !!binary decoded.
import { isGoTimestamp, parseFloat64, parseInt64, parseInt64Base, parseUint64, parseUint64Base, type GoInteger } from './go-numbers.ts';

export const TAG_PREFIX = 'tag:yaml.org,2002:';
const STR = `${TAG_PREFIX}str`;
const BOOL = `${TAG_PREFIX}bool`;
const INT = `${TAG_PREFIX}int`;
const FLOAT = `${TAG_PREFIX}float`;
const NULL = `${TAG_PREFIX}null`;
const TIMESTAMP = `${TAG_PREFIX}timestamp`;
const BINARY = `${TAG_PREFIX}binary`;
const MERGE = `${TAG_PREFIX}merge`;

/** A decoded scalar, typed as the Go value go-yaml stores in an interface{}. */
export type GoScalar =
  | { t: 'null' }
  | { t: 'bool'; v: boolean }
  | { t: 'int'; v: number; exact?: string }
  | { t: 'uint'; v: number; exact?: string }
  | { t: 'float'; v: number }
  | { t: 'str'; v: string };

const NULL_VALUE: GoScalar = { t: 'null' };
const TRUE: GoScalar = { t: 'bool', v: true };
const FALSE: GoScalar = { t: 'bool', v: false };

/** The exact spellings go-yaml looks up before anything else. */
const SPELLINGS = new Map<string, [string, GoScalar]>();
for (const s of ['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON']) SPELLINGS.set(s, [BOOL, TRUE]);
for (const s of ['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF']) SPELLINGS.set(s, [BOOL, FALSE]);
for (const s of ['', '~', 'null', 'Null', 'NULL']) SPELLINGS.set(s, [NULL, NULL_VALUE]);
for (const s of ['.nan', '.NaN', '.NAN']) SPELLINGS.set(s, [FLOAT, { t: 'float', v: NaN }]);
for (const s of ['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF']) SPELLINGS.set(s, [FLOAT, { t: 'float', v: Infinity }]);
for (const s of ['-.inf', '-.Inf', '-.INF']) SPELLINGS.set(s, [FLOAT, { t: 'float', v: -Infinity }]);
SPELLINGS.set('<<', [MERGE, { t: 'str', v: '<<' }]);

/** What the first character says the scalar may be (go-yaml's resolveTable). */
function hintOf(text: string): string {
  if (text === '') return 'N';
  const c = text[0]!;
  if (c === '+' || c === '-') return 'S';
  if (c >= '0' && c <= '9') return 'D';
  if ('yYnNtTfFoO~'.includes(c)) return 'M';
  if (c === '.') return '.';
  return '';
}

function resolvable(tag: string): boolean {
  return tag === '' || tag === STR || tag === BOOL || tag === INT || tag === FLOAT || tag === NULL || tag === TIMESTAMP;
}

export function shortTag(tag: string): string {
  return tag.startsWith(TAG_PREFIX) ? `!!${tag.slice(TAG_PREFIX.length)}` : tag;
}

function asInt(n: GoInteger): GoScalar {
  return n.exact === undefined ? { t: 'int', v: n.value } : { t: 'int', v: n.value, exact: n.exact };
}

function asUint(n: GoInteger): GoScalar {
  return n.exact === undefined ? { t: 'uint', v: n.value } : { t: 'uint', v: n.value, exact: n.exact };
}

/** The resolution proper: [resolved tag, value]. */
function resolveByRules(tag: string, text: string): [string, GoScalar] {
  const hint = hintOf(text);
  if (hint === '' || tag === STR) return [STR, { t: 'str', v: text }];
  const spelled = SPELLINGS.get(text);
  if (spelled) return spelled;
  if (hint === '.') {
    const f = parseFloat64(text);
    if (f !== null) return [FLOAT, { t: 'float', v: f }];
  } else if (hint === 'D' || hint === 'S') {
    if ((tag === '' || tag === TIMESTAMP) && isGoTimestamp(text)) return [TIMESTAMP, { t: 'str', v: text }];
    const plain = text.replace(/_/g, '');
    const i = parseInt64(plain);
    if (i) return [INT, asInt(i)];
    const u = parseUint64(plain);
    if (u) return [INT, asUint(u)];
    if (/^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/.test(plain)) {
      const f = parseFloat64(plain);
      if (f !== null) return [FLOAT, { t: 'float', v: f }];
    }
    // go-yaml retries a `0b` prefix with an explicit base, which lets a sign follow it.
    if (plain.startsWith('0b')) {
      const b = parseInt64Base(plain.slice(2), 2);
      if (b) return [INT, asInt(b)];
      const ub = parseUint64Base(plain.slice(2), 2);
      if (ub) return [INT, asUint(ub)];
    } else if (plain.startsWith('-0b')) {
      const b = parseInt64Base(`-${plain.slice(3)}`, 2);
      if (b) return [INT, asInt(b)];
    }
  }
  return [STR, { t: 'str', v: text }];
}

/**
 * Resolve a scalar node as go-yaml decodes it into interface{}. Throws a string (go-yaml's
 * failf text without `yaml: `) when an explicit tag does not fit or !!binary is not base64.
 */
export function decodeScalar(tag: string, implicit: boolean, text: string): GoScalar {
  if (tag === '' && !implicit) return { t: 'str', v: text };
  // Fast path: plain text that cannot be anything but a string.
  if (tag === '' && hintOf(text) === '') return { t: 'str', v: text };
  if (tag === BINARY) return { t: 'str', v: decodeBinary(text) };
  if (!resolvable(tag)) return { t: 'str', v: text };
  let [rtag, out] = resolveByRules(tag, text);
  if (tag !== '' && tag !== rtag && tag !== STR) {
    if (tag === FLOAT && rtag === INT && out.t === 'int') {
      rtag = FLOAT;
      out = { t: 'float', v: out.exact !== undefined ? Number(out.exact) : out.v };
    } else {
      throw `cannot decode ${shortTag(rtag)} \`${text}\` as a ${shortTag(tag)}`;
    }
  }
  return out;
}

/** Is this mapping key a merge key (`<<` plain, or tagged !!merge)? */
export function isMergeKey(tag: string, implicit: boolean, text: string): boolean {
  return text === '<<' && (implicit || tag === MERGE);
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Go base64.StdEncoding.DecodeString (line breaks ignored), then Go's JSON view of the bytes. */
function decodeBinary(text: string): string {
  const s = text.replace(/[\r\n]/g, '');
  const bad = '!!binary value contains invalid base64 data';
  if (s.length % 4 !== 0) throw bad;
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i += 4) {
    const q = s.slice(i, i + 4);
    const pad = q.endsWith('==') ? 2 : q.endsWith('=') ? 1 : 0;
    if (pad > 0 && i + 4 !== s.length) throw bad;
    let n = 0;
    for (let k = 0; k < 4 - pad; k++) {
      const d = B64.indexOf(q[k]!);
      if (d < 0) throw bad;
      n = (n << 6) | d;
    }
    if (pad === 2 && q[1] === '=') throw bad;
    n <<= 6 * pad;
    bytes.push((n >> 16) & 0xff);
    if (pad < 2) bytes.push((n >> 8) & 0xff);
    if (pad < 1) bytes.push(n & 0xff);
  }
  return goBytesToJSONString(bytes);
}

/** encoding/json writes each byte of invalid UTF-8 as U+FFFD. */
function goBytesToJSONString(bytes: number[]): string {
  let out = '';
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    let need = 0;
    let cp = 0;
    if (b < 0x80) {
      out += String.fromCharCode(b);
      i++;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      cp = b & 0x1f;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      cp = b & 0x0f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      cp = b & 0x07;
    } else {
      out += '\ufffd';
      i++;
      continue;
    }
    let ok = i + need < bytes.length;
    for (let k = 1; ok && k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) ok = false;
      else cp = (cp << 6) | (c & 0x3f);
    }
    // Reject overlong forms, surrogates and values above U+10FFFF, as utf8.DecodeRune does.
    if (ok && ((need === 2 && cp < 0x800) || (need === 3 && (cp < 0x10000 || cp > 0x10ffff)) || (cp >= 0xd800 && cp <= 0xdfff))) ok = false;
    if (ok) {
      out += String.fromCodePoint(cp);
      i += need + 1;
    } else {
      out += '\ufffd';
      i++;
    }
  }
  return out;
}
