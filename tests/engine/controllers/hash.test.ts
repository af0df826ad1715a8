import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  computePodTemplateHash,
  fnv32,
  fnv32a,
  goJson,
  hashControllerRevision,
  safeEncodeString,
} from "../../../sandbox/engine/cluster/controllers/hash.ts";

const bytes = (text: string) => new TextEncoder().encode(text);

describe("FNV-32 and FNV-32a", () => {
  it("match the published test vectors", () => {
    expect(fnv32(bytes(""))).toBe(0x811c9dc5);
    expect(fnv32a(bytes(""))).toBe(0x811c9dc5);
    expect(fnv32(bytes("a"))).toBe(0x050c5d7e);
    expect(fnv32a(bytes("a"))).toBe(0xe40c292c);
    expect(fnv32a(bytes("foobar"))).toBe(0xbf9cf968);
    expect(fnv32(bytes("foobar"))).toBe(0x31f0b262);
  });
});

describe("SafeEncodeString (workloads.md §1)", () => {
  it("maps decimal digits onto 4 5 6 7 8 9 b c d f", () => {
    expect(safeEncodeString("0123456789")).toBe("456789bcdf");
  });
});

describe("controller-revision-hash", () => {
  // pkg/controller/statefulset/testdata/compatibility_revision_1.34.0.json: a revision written by
  // a real 1.34 controller, named test-776999688b, with this exact data and collisionCount 0.
  const data = {
    spec: {
      template: {
        $patch: "replace",
        metadata: { annotations: { test: "value" }, labels: { app: "foo" } },
        spec: {
          containers: [
            {
              image: "test",
              imagePullPolicy: "Always",
              name: "test",
              resources: {},
              terminationMessagePath: "/dev/termination-log",
              terminationMessagePolicy: "File",
            },
          ],
          dnsPolicy: "ClusterFirst",
          restartPolicy: "Always",
          schedulerName: "default-scheduler",
          securityContext: {},
          terminationGracePeriodSeconds: 30,
        },
      },
    },
  };

  it("reproduces a real 1.34 revision name byte for byte", () => {
    expect(hashControllerRevision(goJson(data), 0)).toBe("776999688b");
  });

  it("changes with the collision count", () => {
    expect(hashControllerRevision(goJson(data), 1)).not.toBe("776999688b");
  });
});

describe("goJson", () => {
  it("sorts keys at every level and escapes HTML characters as Go does", () => {
    expect(goJson({ b: 1, a: { d: [{ z: 1, y: "<&>" }], c: null } })).toBe(
      '{"a":{"c":null,"d":[{"y":"\\u003c\\u0026\\u003e","z":1}]},"b":1}',
    );
  });
});

describe("pod-template-hash", () => {
  it("only ever uses the ten characters a decimal number encodes to, 1-10 of them", () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.option(fc.nat(1000), { nil: undefined }), (template, collisions) => {
        expect(computePodTemplateHash(template, collisions)).toMatch(/^[456789bcdf]{1,10}$/);
      }),
    );
  });

  it("is stable for equal templates whatever their key order, and moves with collisionCount", () => {
    const a = { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "n", image: "nginx" }] } };
    const b = { spec: { containers: [{ image: "nginx", name: "n" }] }, metadata: { labels: { app: "web" } } };
    expect(computePodTemplateHash(a)).toBe(computePodTemplateHash(b));
    expect(computePodTemplateHash(a, 1)).not.toBe(computePodTemplateHash(a));
  });
});
