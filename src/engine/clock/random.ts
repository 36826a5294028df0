// Seeded randomness for everything the real system randomises: generated names, uids, tie-breaks.
// Same seed, same sequence: a simulation is reproducible byte for byte.

/** rand.String's alphabet (apimachinery util/rand): no vowels, no 0, 1 or 3. */
export const NAME_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

export class SeededRandom {
  #a: number;
  #b: number;
  #c: number;
  #d: number;
  /** uint32 draws so far (after seeding). */
  #draws = 0;

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
    this.#draws = 0;
  }

  /**
   * Told every name suffix, uid and hex id drawn, with the draw count after it (the fast-forward's search
   * records who is who); null when nobody listens.
   */
  onDrawn: ((value: string, draws: number) => void) | null = null;

  #drawn(value: string): string {
    if (this.onDrawn !== null) this.onDrawn(value, this.#draws);
    return value;
  }

  /** How many numbers were drawn so far. */
  get draws(): number {
    return this.#draws;
  }

  /**
   * Draws `n` numbers, writing the ones at the offsets `at` (ascending, below `n`) into `out` (out[k] for at[k]) as
   * uint32 would have returned them, and discarding the rest.
   */
  skipReading(n: number, at: readonly number[], out: number[]): void {
    SKIP_STATE[0] = this.#a;
    SKIP_STATE[1] = this.#b;
    SKIP_STATE[2] = this.#c;
    SKIP_STATE[3] = this.#d;
    let pos = 0;
    for (let k = 0; k < at.length; k++) {
      skipSteps(at[k]! - pos);
      out[k] = stepValue();
      pos = at[k]! + 1;
    }
    for (let left = n - pos; left > 0; left -= SKIP_CHUNK) skipSteps(Math.min(left, SKIP_CHUNK));
    this.#a = SKIP_STATE[0]!;
    this.#b = SKIP_STATE[1]!;
    this.#c = SKIP_STATE[2]!;
    this.#d = SKIP_STATE[3]!;
    this.#draws += n;
  }

  /** Draws and discards `n` numbers: where the sequence would be after `n` more draws. */
  skip(n: number): void {
    this.skipReading(n, [], []);
  }

  uint32(): number {
    this.#draws++;
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
    return this.#drawn(s);
  }

  /**
   * `words` draws of uint32, each written as 8 zero-padded lowercase hex digits, as one flat string (container
   * ids, digests): the same text as concatenating `uint32().toString(16).padStart(8, '0')`, kept in a sixth of
   * the memory of the joined pieces.
   */
  hexWords(words: number): string {
    const out = new Array<number>(words * 8);
    for (let w = 0; w < words; w++) putHex(out, w * 8, this.uint32(), 8);
    return this.#drawn(String.fromCharCode.apply(null, out));
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
    // xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx, written as one flat string: every object and event keeps its uid,
    // and a uid joined from pieces would be kept as a tree of ten strings (≈ 420 bytes instead of ≈ 60).
    const out = UUID_CODES;
    putHex(out, 0, a, 8);
    putHex(out, 9, b2 >>> 16, 4);
    putHex(out, 14, b2 & 0xffff, 4);
    putHex(out, 19, c2 >>> 16, 4);
    putHex(out, 24, c2 & 0xffff, 4);
    putHex(out, 28, d, 8);
    return this.#drawn(String.fromCharCode.apply(null, out));
  }
}

/**
 * skip's state and steps: uint32's update on int32 locals (shifts masked instead of `>>>`, which keeps V8 on
 * integer code), in chunks so that the function is optimised after the first few (a year of a busy CronJob is
 * tens of millions of draws: 60 ms instead of 350).
 */
const SKIP_STATE = new Int32Array(4);
const SKIP_CHUNK = 1 << 16;

function skipSteps(n: number): void {
  let a = SKIP_STATE[0]!;
  let b = SKIP_STATE[1]!;
  let c = SKIP_STATE[2]!;
  let d = SKIP_STATE[3]!;
  for (let i = 0; i < n; i++) {
    const t = (a + b + d) | 0;
    d = (d + 1) | 0;
    a = b ^ ((b >> 9) & 0x7fffff);
    b = (c + (c << 3)) | 0;
    c = (((c << 21) | ((c >> 11) & 0x1fffff)) + t) | 0;
  }
  SKIP_STATE[0] = a;
  SKIP_STATE[1] = b;
  SKIP_STATE[2] = c;
  SKIP_STATE[3] = d;
}

/** One of uint32's steps on SKIP_STATE, returning what uint32 returns. */
function stepValue(): number {
  const a = SKIP_STATE[0]!;
  const b = SKIP_STATE[1]!;
  const c = SKIP_STATE[2]!;
  const d = SKIP_STATE[3]!;
  const t = (a + b + d) | 0;
  SKIP_STATE[3] = (d + 1) | 0;
  SKIP_STATE[0] = b ^ ((b >> 9) & 0x7fffff);
  SKIP_STATE[1] = (c + (c << 3)) | 0;
  SKIP_STATE[2] = (((c << 21) | ((c >> 11) & 0x1fffff)) + t) | 0;
  return t >>> 0;
}

/** Character codes of lowercase hex digits. */
const HEX_CODES = Array.from('0123456789abcdef', (ch) => ch.charCodeAt(0));
const DASH = 0x2d;
/** Scratch character codes of one uuid (the dashes stay in place). */
const UUID_CODES: number[] = Array.from({ length: 36 }, (_, i) => (i === 8 || i === 13 || i === 18 || i === 23 ? DASH : 0));

/** Writes `n` as `digits` lowercase hex digits (zero-padded) into `out` from `at`. */
function putHex(out: number[], at: number, n: number, digits: number): void {
  for (let i = at + digits - 1; i >= at; i--) {
    out[i] = HEX_CODES[n & 15]!;
    n >>>= 4;
  }
}
