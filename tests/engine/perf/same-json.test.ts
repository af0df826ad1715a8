/**
 * sameJson(a, b) says what comparing JSON.stringify(a) and JSON.stringify(b) says, for anything
 * JSON.stringify takes: key order, left-out keys (undefined, functions, symbols), array holes,
 * non-finite numbers and -0, Dates and other objects with their own JSON.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { sameJson } from "../../../sandbox/engine/cluster/api/equality.ts";

const stringifyEqual = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Values JSON.stringify takes (no BigInt, which it refuses; no cycles). */
const value = fc.anything({
  withBigInt: false,
  withBoxedValues: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withNullPrototype: true,
  withObjectString: true,
  withSparseArray: true,
  withTypedArray: true,
  withUnicodeString: true,
  maxDepth: 4,
});

/** A value JSON-equal to `v` built another way: its JSON parsed back, or keys re-added in a new order. */
function relative(v: unknown, shuffle: boolean): unknown {
  const text = JSON.stringify(v);
  if (text === undefined) return undefined;
  const copy = JSON.parse(text) as unknown;
  if (!shuffle || typeof copy !== "object" || copy === null || Array.isArray(copy)) return copy;
  return Object.fromEntries(Object.entries(copy).reverse());
}

describe("sameJson", () => {
  it("agrees with comparing JSON texts for any two values", () => {
    fc.assert(
      fc.property(value, value, (a, b) => {
        expect(sameJson(a, b)).toBe(stringifyEqual(a, b));
      }),
      { numRuns: 2000 },
    );
  });

  it("agrees for a value and its JSON round trip, reordered or not", () => {
    fc.assert(
      fc.property(value, fc.boolean(), (a, shuffle) => {
        const b = relative(a, shuffle);
        expect(sameJson(a, b)).toBe(stringifyEqual(a, b));
        expect(sameJson(b, a)).toBe(stringifyEqual(b, a));
      }),
      { numRuns: 2000 },
    );
  });

  it("knows JSON's own equalities and differences", () => {
    const cases: [unknown, unknown][] = [
      [{ a: 1, b: undefined }, { a: 1 }],
      [
        { a: 1, b: 2 },
        { b: 2, a: 1 },
      ],
      [
        [undefined, () => 1],
        [null, null],
      ],
      [NaN, null],
      [[Number.POSITIVE_INFINITY], [null]],
      [-0, 0],
      [{ f: () => 1 }, {}],
      [new Date(0), "1970-01-01T00:00:00.000Z"],
      [undefined, null],
      ["1", 1],
      [
        { "2": "x", "1": "y" },
        { "1": "y", "2": "x" },
      ],
    ];
    for (const [a, b] of cases) expect(sameJson(a, b)).toBe(stringifyEqual(a, b));
  });
});
