// IsValidIP (apimachinery pkg/util/validation/ip.go, strict form): a parseable address, no
// leading zeros in IPv4 parts, no IPv4-mapped IPv6, and written in canonical form.

import { invalid, type FieldError, type FieldPath } from '../field.ts';

/** Parses like Go's net.ParseIP with k8s' sloppy IPv4 (leading zeros allowed): 16 bytes or null. */
function parseIPSloppy(s: string): { bytes: number[]; v4: boolean } | null {
  if (/^[0-9.]+$/.test(s)) {
    const v4 = parseV4(s, true);
    return v4 ? { bytes: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, ...v4], v4: true } : null;
  }
  const v6 = parseV6(s);
  return v6 ? { bytes: v6, v4: false } : null;
}

function parseV4(s: string, sloppy: boolean): number[] | null {
  const parts = s.split('.');
  if (parts.length !== 4) return null;
  const out: number[] = [];
  for (const p of parts) {
    if (!/^[0-9]+$/.test(p)) return null;
    if (!sloppy && p.length > 1 && p.startsWith('0')) return null;
    const n = Number(p);
    if (n > 255) return null;
    out.push(n);
  }
  return out;
}

function parseV6(s: string): number[] | null {
  if (!s.includes(':')) return null;
  let tail: number[] = [];
  let body = s;
  const lastColon = s.lastIndexOf(':');
  if (s.slice(lastColon + 1).includes('.')) {
    const v4 = parseV4(s.slice(lastColon + 1), false);
    if (!v4) return null;
    tail = v4;
    body = `${s.slice(0, lastColon + 1)}0:0`;
  }
  const halves = body.split('::');
  if (halves.length > 2) return null;
  const parseGroups = (t: string): number[] | null => {
    if (t === '') return [];
    const out: number[] = [];
    for (const g of t.split(':')) {
      if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return null;
      out.push(parseInt(g, 16));
    }
    return out;
  };
  const head = parseGroups(halves[0]!);
  const rest = halves.length === 2 ? parseGroups(halves[1]!) : [];
  if (!head || !rest) return null;
  let groups: number[];
  if (halves.length === 2) {
    const fill = 8 - head.length - rest.length;
    if (fill < 1) return null;
    groups = [...head, ...new Array<number>(fill).fill(0), ...rest];
  } else {
    if (head.length !== 8) return null;
    groups = head;
  }
  const bytes = groups.flatMap((g) => [g >> 8, g & 0xff]);
  if (tail.length) bytes.splice(12, 4, ...tail);
  return bytes;
}

/** net.IP.String(): dotted quad for IPv4 (and IPv4-mapped), RFC 5952 text otherwise. */
function ipString(bytes: number[]): string {
  const mapped = bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff;
  if (mapped) return bytes.slice(12).join('.');
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push((bytes[i]! << 8) | bytes[i + 1]!);
  let bestStart = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen && j - i >= 2) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLen).join(':')}`;
}

export function isValidIP(path: FieldPath, value: string): FieldError[] {
  const ip = parseIPSloppy(value);
  if (!ip) return [invalid(path, value, 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)')];
  const errs: FieldError[] = [];
  if (ip.v4 && !parseV4(value, false)) errs.push(invalid(path, value, 'must not have leading 0s'));
  if (!ip.v4) {
    const mapped = ip.bytes.slice(0, 10).every((b) => b === 0) && ip.bytes[10] === 0xff && ip.bytes[11] === 0xff;
    if (mapped) errs.push(invalid(path, value, 'must not be an IPv4-mapped IPv6 address'));
  }
  if (errs.length) return errs;
  const canonical = ipString(ip.bytes);
  if (value !== canonical) errs.push(invalid(path, value, `must be in canonical form (${JSON.stringify(canonical)})`));
  return errs;
}
