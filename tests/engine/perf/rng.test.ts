/**
 * The generator keeps its state in four fields so that drawing a number allocates nothing. Its
 * output must stay exactly sfc32's (every name, UID and IP a transcript pins comes from it):
 * checked against a plain reference implementation from any state, through save and restore.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Rng, type RngState } from "../../../sandbox/engine/rng.ts";

/** sfc32 as published (Chris Doty-Humphrey's PractRand), on a plain array. */
function referenceSfc32(state: number[]): number {
  const [a, b, c, d] = state as [number, number, number, number];
  const t = (((a + b) >>> 0) + d) >>> 0;
  state[3] = (d + 1) >>> 0;
  state[0] = (b ^ (b >>> 9)) >>> 0;
  state[1] = (c + (c << 3)) >>> 0;
  state[2] = (((c << 21) | (c >>> 11)) + t) >>> 0;
  return t;
}

const uint32 = fc.nat({ max: 0xffff_ffff });
const state = fc.tuple(uint32, uint32, uint32, uint32);

describe("Rng", () => {
  it("draws sfc32's sequence from any state, and saves the state it reached", () => {
    fc.assert(
      fc.property(state, fc.integer({ min: 1, max: 50 }), (start, draws) => {
        const rng = new Rng([...start] as RngState);
        const reference = [...start];
        for (let i = 0; i < draws; i++) expect(rng.nextUint32()).toBe(referenceSfc32(reference));
        expect(rng.save()).toEqual(reference);
      }),
    );
  });

  it("skips as many numbers as it is told, to the state drawing them reaches", () => {
    fc.assert(
      fc.property(state, fc.nat(20), (start, count) => {
        const rng = new Rng([...start] as RngState);
        const reference = [...start];
        rng.skip(count);
        for (let i = 0; i < count; i++) referenceSfc32(reference);
        expect(rng.save()).toEqual(reference);
      }),
    );
  });

  it("seeds by mixing the seed in for 15 rounds", () => {
    fc.assert(
      fc.property(uint32, (seed) => {
        const reference = [0x9e3779b9, 0x243f6a88, 0xb7e15162, seed];
        for (let i = 0; i < 15; i++) referenceSfc32(reference);
        expect(new Rng(seed).save()).toEqual(reference);
      }),
    );
  });

  it("writes UIDs as version-4 UUIDs: 8-4-4-4-12 lowercase hex digits, leading zeros kept", () => {
    fc.assert(
      fc.property(state, (start) => {
        const rng = new Rng([...start] as RngState);
        const reference = [...start];
        // The variant is drawn first, then the six groups' words.
        const variant = Math.floor((referenceSfc32(reference) / 0x1_0000_0000) * 4);
        const words = Array.from({ length: 4 }, () => referenceSfc32(reference));
        const last = [referenceSfc32(reference), referenceSfc32(reference)];
        const hex = (n: number, digits: number) => n.toString(16).padStart(8, "0").slice(0, digits);
        const expected = `${hex(words[0]!, 8)}-${hex(words[1]!, 4)}-4${hex(words[2]!, 3)}-${(8 + variant).toString(16)}${hex(words[3]!, 3)}-${hex(last[0]!, 8)}${hex(last[1]!, 4)}`;
        const uid = rng.uuid();
        expect(uid).toBe(expected);
        expect(uid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      }),
    );
  });
});
