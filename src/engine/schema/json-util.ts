// Small helpers shared by the decoders and validators: JSON value tests, Go's key order, Go's
// number text, and paths that are built while walking but only materialized for an error.
import type { PathSegment } from '../validate/field.ts';

export type Json = Record<string, unknown>;

export function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The number as kubectl writes it on the wire (Go and JSON.stringify agree on float64 text). */
export function numberText(v: number | bigint): string {
  return typeof v === 'bigint' ? v.toString() : JSON.stringify(v);
}

/** Go's string order (byte order of UTF-8, which is code point order). */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const ca = a.codePointAt(i)!;
    const cb = b.codePointAt(i)!;
    if (ca !== cb) return ca - cb;
    if (ca > 0xffff) i++;
  }
  return a.length - b.length;
}

const SURROGATE_OR_HIGH = /[\ud800-\uffff]/;

/** An object's keys in Go's sort order, the order kubectl's JSON has them. */
export function sortedKeys(o: Json): string[] {
  const keys = Object.keys(o);
  if (keys.length < 2) return keys;
  // UTF-16 order equals code point order unless surrogates meet characters from U+E000 up.
  return keys.some((k) => SURROGATE_OR_HIGH.test(k)) ? keys.sort(compareCodePoints) : keys.sort();
}

/** Paths as sigs.k8s.io/json, pruning and kube-openapi print them: `a.b[0].c`, map keys as `.key`. */
export function goStrictPath(path: readonly PathSegment[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else {
      const name = typeof seg === 'string' ? seg : seg.key;
      out += out === '' ? name : `.${name}`;
    }
  }
  return out;
}

/** A path as a chain of links, cheap to extend while walking a document. */
export interface Loc {
  readonly parent: Loc | null;
  readonly seg: PathSegment;
}

export function at(parent: Loc | null, seg: PathSegment): Loc {
  return { parent, seg };
}

export function segmentsOf(loc: Loc | null): PathSegment[] {
  const out: PathSegment[] = [];
  for (let l = loc; l; l = l.parent) out.push(l.seg);
  return out.reverse();
}
