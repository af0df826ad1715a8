/** The API's no-op write check: deepEqual ignores key order and undefined-valued keys, nothing else. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { deepEqual, deepEqualExcept } from "../../../sandbox/engine/cluster/api/equality.ts";

/** The same value with its object keys in another order and an undefined-valued key here and there. */
function reshuffled(value: unknown, salt: number): unknown {
  if (Array.isArray(value)) return value.map((v, i) => reshuffled(v, salt + i));
  if (typeof value !== "object" || value === null) return value;
  const entries = Object.entries(value).map(([k, v], i) => [k, reshuffled(v, salt + i)] as const);
  if (salt % 2 === 1) entries.reverse();
  return Object.fromEntries(salt % 3 === 0 ? [...entries, ["absent", undefined]] : entries);
}

describe("deepEqual", () => {
  it("agrees with comparing canonical JSON, whatever the key order and undefined keys", () => {
    const canonical = (v: unknown): string =>
      JSON.stringify(v, (_k, x) =>
        typeof x === "object" && x !== null && !Array.isArray(x)
          ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => (a < b ? -1 : 1)))
          : x,
      );
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), fc.nat(), (a, b, salt) => {
        expect(deepEqual(a, reshuffled(a, salt))).toBe(true);
        expect(deepEqual(a, b)).toBe(canonical(a) === canonical(b));
      }),
    );
  });

  it("leaves out one top-level key on request, and only that one", () => {
    const a = { metadata: { name: "x", resourceVersion: "1" }, spec: { n: 1 } };
    expect(deepEqualExcept(a.metadata, { name: "x", resourceVersion: "2" }, "resourceVersion")).toBe(true);
    expect(deepEqualExcept(a.metadata, { name: "y", resourceVersion: "1" }, "resourceVersion")).toBe(false);
    expect(deepEqualExcept(a, { ...a, spec: { n: 2 } }, "metadata")).toBe(false);
    expect(deepEqualExcept(a, { ...a, metadata: {} }, "metadata")).toBe(true);
    expect(deepEqual({ n: Number.NaN }, { n: Number.NaN })).toBe(true);
  });
});
