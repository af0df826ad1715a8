/** The API server's copy of what it is given behaves as structuredClone, only faster for JSON-like objects. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cloneJson } from "../../../sandbox/engine/cluster/api/clone.ts";

describe("cloneJson", () => {
  it("gives what structuredClone gives for JSON-like values, sharing nothing with the original", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const copy = cloneJson(value);
        expect(copy).toStrictEqual(structuredClone(value));
        if (typeof value === "object" && value !== null) expect(copy).not.toBe(value);
      }),
    );
  });

  it("keeps undefined values, an own __proto__ key, cycles and non-plain values as structuredClone does", () => {
    const withUndefined = { a: undefined, b: [1, { c: undefined }] };
    expect(cloneJson(withUndefined)).toStrictEqual(structuredClone(withUndefined));
    const hostile = JSON.parse('{"__proto__": {"polluted": true}, "x": 1}');
    const copy = cloneJson(hostile);
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(Object.keys(copy)).toEqual(["__proto__", "x"]);
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
    const cyclic: Record<string, unknown> = { name: "loop" };
    cyclic.self = cyclic;
    const cloned = cloneJson(cyclic);
    expect(cloned.self).toBe(cloned);
    const date = { at: new Date(0) };
    expect(cloneJson(date).at).toBeInstanceOf(Date);
    expect(() => cloneJson({ f: () => 1 })).toThrow();
  });
});
