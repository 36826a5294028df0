// pod-template-hash (§0.1). Upstream (controller.ComputeHash) runs FNV-32a over go-spew's dump of the Go
// PodTemplateSpec struct, plus 8 bytes of collisionCount when set, prints the sum in decimal and maps each
// digit through rand.SafeEncodeString. The spew dump of Go structs cannot be reproduced byte for byte here,
// so the input is a canonical JSON of the template (keys sorted, empty values dropped) instead: the hash is
// stable and has the real alphabet (`4 5 6 7 8 9 b c d f`) and length, but not the real cluster's value.
import { NAME_ALPHABET } from '../../clock/random.ts';

/** FNV-1a, 32 bits, over bytes. */
export function fnv32a(bytes: Uint8Array, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (const b of bytes) {
    h ^= b;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** rand.SafeEncodeString: every character mapped to the name alphabet by its code modulo 27. */
export function safeEncodeString(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) out += NAME_ALPHABET[s.charCodeAt(i) % NAME_ALPHABET.length];
  return out;
}

/** JSON with sorted keys; null, empty objects and empty arrays are left out (Go's zero values). */
export function canonicalJSON(value: unknown): string {
  const norm = (v: unknown): unknown => {
    if (v === null || v === undefined) return undefined;
    if (Array.isArray(v)) {
      const items = v.map((x) => norm(x) ?? null);
      return items.length ? items : undefined;
    }
    if (typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const k of Object.keys(v as Record<string, unknown>).sort()) {
        const x = norm((v as Record<string, unknown>)[k]);
        if (x !== undefined) out[k] = x;
      }
      return Object.keys(out).length ? out : undefined;
    }
    return v;
  };
  return JSON.stringify(norm(value) ?? null);
}

/** ComputeHash(template, collisionCount): the pod-template-hash label value. */
export function computeHash(template: unknown, collisionCount?: number): string {
  let h = fnv32a(new TextEncoder().encode(canonicalJSON(template)));
  if (collisionCount !== undefined) {
    // binary.LittleEndian.PutUint32 into an 8-byte slice: 4 bytes of value, 4 zero bytes, all written.
    const bytes = new Uint8Array(8);
    new DataView(bytes.buffer).setUint32(0, collisionCount >>> 0, true);
    h = fnv32a(bytes, h);
  }
  return safeEncodeString(String(h));
}
