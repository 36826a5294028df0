// Seeded randomness for everything the real system randomises: generated names, uids, tie-breaks.
// Same seed, same sequence: a simulation is reproducible byte for byte.

/** rand.String's alphabet (apimachinery util/rand): no vowels, no 0, 1 or 3. */
export const NAME_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

export class SeededRandom {
  #a: number;
  #b: number;
  #c: number;
  #d: number;

  constructor(seed: number) {
    // sfc32 seeded through splitmix32 so that small seeds (0, 1, 2 …) still give well-mixed states.
    let s = seed >>> 0;
    const next = () => {
      s = (s + 0x9e3779b9) | 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
      z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
      return (z ^ (z >>> 15)) >>> 0;
    };
    this.#a = next();
    this.#b = next();
    this.#c = next();
    this.#d = next();
    for (let i = 0; i < 12; i++) this.uint32();
  }

  uint32(): number {
    const t = (((this.#a + this.#b) | 0) + this.#d) | 0;
    this.#d = (this.#d + 1) | 0;
    this.#a = this.#b ^ (this.#b >>> 9);
    this.#b = (this.#c + (this.#c << 3)) | 0;
    this.#c = (this.#c << 21) | (this.#c >>> 11);
    this.#c = (this.#c + t) | 0;
    return t >>> 0;
  }

  /** A float in [0, 1). */
  float(): number {
    return this.uint32() / 4294967296;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.float() * n);
  }

  /** `n` characters of the name alphabet, as the API server's generateName suffix. */
  nameSuffix(n = 5): string {
    let s = '';
    for (let i = 0; i < n; i++) s += NAME_ALPHABET[this.int(NAME_ALPHABET.length)];
    return s;
  }

  /** A version-4 UUID, as metadata.uid. */
  uuid(): string {
    const a = this.uint32();
    const b = this.uint32();
    const c = this.uint32();
    const d = this.uint32();
    // Set the version (4) and variant (10xx) bits as RFC 4122 requires.
    const b2 = ((b & 0xffff0fff) | 0x00004000) >>> 0;
    const c2 = ((c & 0x3fffffff) | 0x80000000) >>> 0;
    return `${hex32(a)}-${hex16(b2 >>> 16)}-${hex16(b2 & 0xffff)}-${hex16(c2 >>> 16)}-${hex16(c2 & 0xffff)}${hex32(d)}`;
  }
}

/** Two lowercase hex digits per byte value (uids are drawn for every object and event). */
const HEX_BYTE = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

function hex16(n: number): string {
  return HEX_BYTE[(n >>> 8) & 0xff] + HEX_BYTE[n & 0xff];
}

function hex32(n: number): string {
  return hex16(n >>> 16) + hex16(n & 0xffff);
}
