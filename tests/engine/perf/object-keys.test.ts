/**
 * Controllers key their queue and state by `<namespace>/<name>` strings made once per object
 * (cluster/object-keys.ts). They must be exactly the strings a template literal would build, and
 * split back into what they were made of; a key written by hand (a restored wake-up) splits at
 * its first '/', as the controllers' own parsing did.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { namespacedKey, splitNamespacedKey } from "../../../sandbox/engine/cluster/object-keys.ts";

/** Namespaces are DNS labels: never a '/', so a key splits one way only. */
const namespacePart = fc.string({ maxLength: 12 }).filter((s) => !s.includes("/"));
const part = fc.string({ maxLength: 12 });

describe("namespaced keys", () => {
  it("are `<namespace>/<name>` and split back into their parts", () => {
    fc.assert(
      fc.property(namespacePart, part, (namespace, name) => {
        const key = namespacedKey(namespace, name);
        expect(key).toBe(`${namespace}/${name}`);
        expect(namespacedKey(namespace, name)).toBe(key);
        expect(splitNamespacedKey(key)).toEqual({ namespace, name });
      }),
    );
  });

  it("split a key made elsewhere at its first '/'", () => {
    expect(splitNamespacedKey("default/web-0")).toEqual({ namespace: "default", name: "web-0" });
    expect(splitNamespacedKey(`ns-${"x".repeat(3)}/a/b`)).toEqual({ namespace: "ns-xxx", name: "a/b" });
  });

  it("start again past their cap, still right", () => {
    for (let i = 0; i < 100_010; i++) namespacedKey("many", `pod-${i}`);
    expect(splitNamespacedKey(namespacedKey("default", "web-1"))).toEqual({
      namespace: "default",
      name: "web-1",
    });
    expect(namespacedKey("many", "pod-3")).toBe("many/pod-3");
  });
});
