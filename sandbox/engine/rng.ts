/**
 * Seeded randomness (sfc32). Pod name suffixes, UIDs and IPs all come from here so that the same
 * commands always print the same bytes, and a snapshot can carry the generator's state.
 */

export type RngState = [number, number, number, number];

/** apimachinery's rand.String alphabet: no vowels (no words), no 0/1/3 (no look-alikes). */
export const K8S_ALPHANUMS = "bcdfghjklmnpqrstvwxz2456789";

export class Rng {
  // The state as four numbers rather than an array: nextUint32 runs for every name, UID and
  // Event, and must not allocate.
  #a: number;
  #b: number;
  #c: number;
  #d: number;

  constructor(seed: number | RngState = 1) {
    if (Array.isArray(seed)) {
      [this.#a, this.#b, this.#c, this.#d] = seed;
    } else {
      [this.#a, this.#b, this.#c, this.#d] = [0x9e3779b9, 0x243f6a88, 0xb7e15162, seed >>> 0];
      for (let i = 0; i < 15; i++) this.nextUint32();
    }
  }

  nextUint32(): number {
    const a = this.#a;
    const b = this.#b;
    const c = this.#c;
    const t = (((a + b) >>> 0) + this.#d) >>> 0;
    this.#d = (this.#d + 1) >>> 0;
    this.#a = (b ^ (b >>> 9)) >>> 0;
    this.#b = (c + (c << 3)) >>> 0;
    this.#c = (((c << 21) | (c >>> 11)) + t) >>> 0;
    return t;
  }

  /**
   * Moves the sequence on by `count` numbers nobody reads (every Event takes four, to keep the
   * seeded sequence names and UIDs rely on).
   */
  skip(count: number): void {
    // nextUint32 is inlined here (a small method in a hot loop), so no number is boxed for a
    // result nobody reads, as it was in the recorder's own loop.
    for (let i = 0; i < count; i++) this.nextUint32();
  }

  /** A float in [0, 1). */
  next(): number {
    return this.nextUint32() / 0x1_0000_0000;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** A string of `length` characters from kubernetes' rand.String alphabet. */
  k8sString(length: number): string {
    let out = "";
    for (let i = 0; i < length; i++) out += K8S_ALPHANUMS[this.int(K8S_ALPHANUMS.length)];
    return out;
  }

  /**
   * An RFC 4122 version-4 UID, the shape metadata.uid has: the variant digit, then six numbers
   * whose leading 8, 4, 3, 3, 8 and 4 hex digits make the groups. Written into one reused array of
   * character codes and made a string at once (every object and Event gets one: concatenating
   * digit by digit made some thirty short-lived strings per UID).
   */
  uuid(): string {
    const codes = UUID_CODES;
    codes[19] = HEX_CODES[8 + this.int(4)]!;
    for (let group = 0; group < UUID_GROUPS.length; group++) {
      const n = this.nextUint32();
      const { at, digits } = UUID_GROUPS[group]!;
      for (let i = 0; i < digits; i++) codes[at + i] = HEX_CODES[(n >>> (28 - 4 * i)) & 15]!;
    }
    return String.fromCharCode.apply(null, codes);
  }

  save(): RngState {
    return [this.#a, this.#b, this.#c, this.#d];
  }
}

const HEX_DIGITS = "0123456789abcdef";
const HEX_CODES = Array.from(HEX_DIGITS, (c) => c.charCodeAt(0));

/** `xxxxxxxx-xxxx-4xxx-Vxxx-xxxxxxxxxxxx`: where each random number's digits go (V is the variant). */
const UUID_GROUPS = [
  { at: 0, digits: 8 },
  { at: 9, digits: 4 },
  { at: 15, digits: 3 },
  { at: 20, digits: 3 },
  { at: 24, digits: 8 },
  { at: 32, digits: 4 },
] as const;
/** The UID being written; its dashes and version digit never change. */
const UUID_CODES = Array.from("00000000-0000-4000-8000-000000000000", (c) => c.charCodeAt(0));
