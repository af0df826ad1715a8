import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  applyMergePatch,
  applyStrategicPatch,
  type JsonObject,
  threeWayPatch,
} from "../../../sandbox/engine/kubectl/apply/strategic-merge.ts";

/** Nested maps with string leaves: the shape of labels, annotations, data and most of a spec. */
const tree: fc.Arbitrary<JsonObject> = fc.letrec((tie) => ({
  node: fc.dictionary(
    fc.constantFrom("a", "b", "c", "d"),
    fc.oneof(fc.string({ maxLength: 3 }), tie("node")),
    {
      maxKeys: 4,
    },
  ),
})).node as fc.Arbitrary<JsonObject>;

describe("three-way strategic merge", () => {
  it("live ends up with every field of the manifest", () => {
    fc.assert(
      fc.property(tree, tree, tree, (original, modified, current) => {
        const result = applyStrategicPatch(
          current,
          threeWayPatch(original, modified, current, "ConfigMap"),
          "ConfigMap",
        );
        const contains = (whole: JsonObject, part: JsonObject): void => {
          for (const [k, v] of Object.entries(part)) {
            if (typeof v === "object" && v !== null && !Array.isArray(v)) {
              const inner = whole[k];
              if (
                typeof inner === "object" &&
                inner !== null &&
                !Array.isArray(inner) &&
                Object.keys(v).length > 0
              ) {
                contains(inner, v);
              } else if (Object.keys(v).length > 0) {
                throw new Error(`missing ${k}`);
              }
            } else {
              expect(whole[k]).toEqual(v);
            }
          }
        };
        contains(result, modified);
      }),
    );
  });

  it("drops top-level fields the last manifest had and the new one does not, keeps fields only live has", () => {
    fc.assert(
      fc.property(tree, tree, tree, (original, modified, current) => {
        const result = applyStrategicPatch(
          current,
          threeWayPatch(original, modified, current, "ConfigMap"),
          "ConfigMap",
        );
        for (const key of Object.keys(result)) {
          if (key in original && !(key in modified)) throw new Error(`kept dropped field ${key}`);
        }
        for (const [key, value] of Object.entries(current)) {
          if (!(key in original) && !(key in modified)) expect(result[key]).toEqual(value);
        }
      }),
    );
  });

  it("is empty when the manifest did not change and live already has it", () => {
    fc.assert(
      fc.property(tree, tree, (manifest, extra) => {
        const live = applyMergePatch(extra, manifest) as JsonObject;
        expect(threeWayPatch(manifest, manifest, live, "ConfigMap")).toEqual({});
      }),
    );
  });

  it("merges containers by name and deletes the ones the manifest dropped", () => {
    const original = {
      spec: {
        containers: [
          { name: "a", image: "x" },
          { name: "b", image: "y" },
        ],
      },
    };
    const modified = { spec: { containers: [{ name: "a", image: "x2" }] } };
    const current: JsonObject = {
      spec: {
        containers: [
          { name: "a", image: "x", tty: true },
          { name: "b", image: "y" },
        ],
      },
    };
    const patch = threeWayPatch(original, modified, current, "Pod");
    expect(applyStrategicPatch(current, patch, "Pod")).toEqual({
      spec: { containers: [{ name: "a", image: "x2", tty: true }] },
    });
  });
});
