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

  /** An RFC 4122 version-4 UID, the shape metadata.uid has. */
  uuid(): string {
    const hex = (n: number) => hex8(this.nextUint32()).slice(0, n);
    const variant = (8 + this.int(4)).toString(16);
    return `${hex(8)}-${hex(4)}-4${hex(3)}-${variant}${hex(3)}-${hex(8)}${hex(4)}`;
  }

  save(): RngState {
    return [this.#a, this.#b, this.#c, this.#d];
  }
}

const HEX_DIGITS = "0123456789abcdef";

/** A 32-bit number as 8 lowercase hex digits (by hand: toString(16) of a number past 2^31 is slow). */
function hex8(n: number): string {
  let out = "";
  for (let shift = 28; shift >= 0; shift -= 4) out += HEX_DIGITS[(n >>> shift) & 15];
  return out;
}
