// Go's time.Parse for the two layouts metav1.Time and metav1.MicroTime decode with, reduced to
// "does it parse, and if not, what does the error say". Follows the layout walk of Go's
// time/format.go `parse` (Go 1.25): one element at a time, `cannot parse "<rest>" as "<element>"`,
// range errors (`month out of range`), `extra text`, and the final day-of-month check.
// Strings are handled as UTF-8 bytes, as Go does.

export const RFC3339 = '2006-01-02T15:04:05Z07:00';
export const RFC3339_MICRO = '2006-01-02T15:04:05.000000Z07:00';

type Element = '2006' | '01' | '02' | '15' | '04' | '05' | '.000000' | 'Z07:00';
interface Chunk {
  prefix: string;
  element: Element;
}

const LAYOUTS: Record<string, Chunk[]> = {
  [RFC3339]: chunks(false),
  [RFC3339_MICRO]: chunks(true),
};

function chunks(micro: boolean): Chunk[] {
  const list: Chunk[] = [
    { prefix: '', element: '2006' },
    { prefix: '-', element: '01' },
    { prefix: '-', element: '02' },
    { prefix: 'T', element: '15' },
    { prefix: ':', element: '04' },
    { prefix: ':', element: '05' },
  ];
  if (micro) list.push({ prefix: '', element: '.000000' });
  list.push({ prefix: '', element: 'Z07:00' });
  return list;
}

/** null when `value` parses with `layout` (RFC3339 or RFC3339_MICRO), else Go's error text. */
export function goTimeParseError(layout: string, value: string): string | null {
  const chunkList = LAYOUTS[layout];
  if (!chunkList) throw new Error(`unsupported layout ${layout}`);
  const all = utf8Bytes(value);
  let v = all;
  let year = 0;
  let month = -1;
  let day = -1;
  const fail = (elem: string, rest: string, message = ''): string =>
    message
      ? `parsing time ${quote(all)}${message}`
      : `parsing time ${quote(all)} as ${quote(layout)}: cannot parse ${quote(rest)} as ${quote(elem)}`;

  for (let c = 0; c < chunkList.length; c++) {
    const { prefix, element } = chunkList[c];
    const skipped = skip(v, prefix);
    if (skipped.bad) return fail(prefix, skipped.rest);
    v = skipped.rest;
    const hold = v;
    let bad = false;
    let range = '';
    switch (element) {
      case '2006': {
        if (v.length < 4 || !isDigit(v, 0)) {
          bad = true;
          break;
        }
        const n = atoi(v.slice(0, 4));
        v = v.slice(4);
        if (n === null) bad = true;
        else year = n;
        break;
      }
      case '01':
      case '02': {
        const r = getnum(v, true);
        if (!r) {
          bad = true;
          break;
        }
        v = r.rest;
        if (element === '01') {
          month = r.n;
          if (month <= 0 || month > 12) range = 'month';
        } else {
          day = r.n;
        }
        break;
      }
      case '15':
      case '04': {
        const r = getnum(v, element === '04');
        if (!r) {
          bad = true;
          break;
        }
        v = r.rest;
        if (element === '15' && r.n >= 24) range = 'hour';
        if (element === '04' && r.n >= 60) range = 'minute';
        break;
      }
      case '05': {
        const r = getnum(v, true);
        if (!r) {
          bad = true;
          break;
        }
        v = r.rest;
        if (r.n >= 60) {
          range = 'second';
          break;
        }
        // A fraction the layout does not mention is still accepted after the seconds.
        const nextIsFraction = chunkList[c + 1]?.element === '.000000';
        if (!nextIsFraction && v.length >= 2 && (v[0] === '.' || v[0] === ',') && isDigit(v, 1)) {
          let n = 2;
          while (n < v.length && isDigit(v, n)) n++;
          const f = nanoseconds(v, n);
          v = v.slice(n);
          if (f === 'bad') bad = true;
          else if (f === 'range') range = 'fractional second';
        }
        break;
      }
      case '.000000': {
        if (v.length < 7) {
          bad = true;
          break;
        }
        const f = nanoseconds(v, 7);
        v = v.slice(7);
        if (f === 'bad') bad = true;
        else if (f === 'range') range = 'fractional second';
        break;
      }
      case 'Z07:00': {
        if (v.length >= 1 && v[0] === 'Z') {
          v = v.slice(1);
          break;
        }
        if (v.length < 6 || v[3] !== ':') {
          bad = true;
          break;
        }
        const sign = v[0];
        const hh = getnum(v.slice(1, 3), true);
        const mm = hh ? getnum(v.slice(4, 6), true) : null;
        v = v.slice(6);
        if (!hh || !mm) bad = true;
        if (hh && hh.n > 24) range = 'time zone offset hour';
        if (mm && mm.n > 60) range = 'time zone offset minute';
        if (sign !== '+' && sign !== '-') bad = true;
        break;
      }
    }
    if (range) return fail(element, v, `: ${range} out of range`);
    if (bad) return fail(element, hold);
  }
  if (v.length !== 0) return fail('', v, `: extra text: ${quote(v)}`);
  if (month < 0) month = 1;
  if (day < 0) day = 1;
  if (day < 1 || day > daysIn(month, year)) return fail('', v, ': day out of range');
  return null;
}

/** The string as one char per UTF-8 byte, so that slicing works on bytes like Go. */
function utf8Bytes(s: string): string {
  let out = '';
  for (const b of new TextEncoder().encode(s)) out += String.fromCharCode(b);
  return out;
}

function isDigit(s: string, i: number): boolean {
  return i < s.length && s[i] >= '0' && s[i] <= '9';
}

function skip(value: string, prefix: string): { rest: string; bad: boolean } {
  let v = value;
  for (const ch of prefix) {
    if (v.length === 0 || v[0] !== ch) return { rest: v, bad: true };
    v = v.slice(1);
  }
  return { rest: v, bad: false };
}

function getnum(s: string, fixed: boolean): { n: number; rest: string } | null {
  if (!isDigit(s, 0)) return null;
  if (!isDigit(s, 1)) return fixed ? null : { n: s.charCodeAt(0) - 48, rest: s.slice(1) };
  return { n: (s.charCodeAt(0) - 48) * 10 + (s.charCodeAt(1) - 48), rest: s.slice(2) };
}

/** Go's time.atoi: optional sign, then only digits. */
function atoi(s: string): number | null {
  let t = s;
  let neg = false;
  if (t.length > 0 && (t[0] === '-' || t[0] === '+')) {
    neg = t[0] === '-';
    t = t.slice(1);
  }
  if (!/^[0-9]*$/.test(t)) return null;
  const n = t === '' ? 0 : Number(t);
  return neg ? -n : n;
}

function nanoseconds(value: string, nbytes: number): 'ok' | 'bad' | 'range' {
  if (value[0] !== '.' && value[0] !== ',') return 'bad';
  const n = atoi(value.slice(1, Math.min(nbytes, 10)));
  if (n === null) return 'bad';
  return n < 0 ? 'range' : 'ok';
}

function daysIn(month: number, year: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

/** Go's time.quote over a byte string: bytes outside printable ASCII become \xNN. */
function quote(bytes: string): string {
  let out = '"';
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes.charCodeAt(i);
    if (b >= 0x80 || b < 0x20) out += `\\x${b.toString(16).padStart(2, '0')}`;
    else if (b === 0x22 || b === 0x5c) out += `\\${bytes[i]}`;
    else out += bytes[i];
  }
  return `${out}"`;
}
