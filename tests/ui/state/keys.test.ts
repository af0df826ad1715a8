import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { pageKeyFromPath, parseStorageKey, storageKey } from "../../../sandbox/ui/state/keys.ts";

describe("storage keys", () => {
  it("name each page's record, versioned", () => {
    expect(storageKey("playground")).toBe("v1:playground");
    expect(storageKey("lessons/statefulsets", 0)).toBe("v0:lessons/statefulsets");
    expect(parseStorageKey("v1:lessons/statefulsets")).toEqual({ version: 1, page: "lessons/statefulsets" });
    expect(parseStorageKey("keyval")).toBeUndefined();
    expect(parseStorageKey(42)).toBeUndefined();
  });

  it("round-trip, and different pages never share a key (property)", () => {
    const page = fc.string({ minLength: 1 });
    fc.assert(
      fc.property(page, page, fc.nat(), (a, b, version) => {
        expect(parseStorageKey(storageKey(a, version))).toEqual({ page: a, version });
        if (a !== b) expect(storageKey(a, version)).not.toBe(storageKey(b, version));
      }),
    );
  });
});

describe("pageKeyFromPath", () => {
  it("is the path without the base path, so the same page keeps one key wherever it is served", () => {
    expect(pageKeyFromPath("/playground/")).toBe("playground");
    expect(pageKeyFromPath("/lessons/statefulsets/")).toBe("lessons/statefulsets");
    expect(pageKeyFromPath("/stateful-lab/lessons/statefulsets/", "/stateful-lab/")).toBe(
      "lessons/statefulsets",
    );
    expect(pageKeyFromPath("/stateful-lab/playground/index.html", "/stateful-lab")).toBe("playground");
    expect(pageKeyFromPath("/", "/")).toBe("index");
    expect(pageKeyFromPath("/stateful-lab", "/stateful-lab/")).toBe("index");
  });
});
