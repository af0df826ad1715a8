/**
 * Seeded randomness (sfc32). Pod name suffixes, UIDs and IPs all come from here so that the same
 * commands always print the same bytes, and a snapshot can carry the generator's state.
 */

export type RngState = [number, number, number, number];

/** apimachinery's rand.String alphabet: no vowels (no words), no 0/1/3 (no look-alikes). */
export const K8S_ALPHANUMS = "bcdfghjklmnpqrstvwxz2456789";

export class Rng {
  #s: RngState;

  constructor(seed: number | RngState = 1) {
    if (Array.isArray(seed)) {
      this.#s = [...seed] as RngState;
    } else {
      this.#s = [0x9e3779b9, 0x243f6a88, 0xb7e15162, seed >>> 0];
      for (let i = 0; i < 15; i++) this.nextUint32();
    }
  }

  nextUint32(): number {
    let [a, b, c, d] = this.#s;
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) >>> 0;
    this.#s = [a >>> 0, b, c, d];
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
    const hex = (n: number) => this.nextUint32().toString(16).padStart(8, "0").slice(0, n);
    const variant = (8 + this.int(4)).toString(16);
    return `${hex(8)}-${hex(4)}-4${hex(3)}-${variant}${hex(3)}-${hex(8)}${hex(4)}`;
  }

  save(): RngState {
    return [...this.#s] as RngState;
  }
}
