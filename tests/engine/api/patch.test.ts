import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { applyJsonPatch, applyPatch } from "../../../sandbox/engine/cluster/api/patch.ts";
import { Cluster } from "../../../sandbox/engine/cluster/cluster.ts";
import { ApiError } from "../../../sandbox/engine/cluster/errors.ts";

function bare(): Cluster {
  const cluster = new Cluster();
  cluster.api.create({ apiVersion: "v1", kind: "Namespace", metadata: { name: "default" } });
  return cluster;
}

const sts = {
  apiVersion: "apps/v1",
  kind: "StatefulSet",
  metadata: { name: "web" },
  spec: {
    replicas: 1,
    serviceName: "web",
    selector: { matchLabels: { app: "web" } },
    template: {
      metadata: { labels: { app: "web" } },
      spec: {
        containers: [
          { name: "nginx", image: "nginx:1.27", env: [{ name: "A", value: "1" }] },
          { name: "side", image: "busybox" },
        ],
      },
    },
  },
};

function failure(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error("expected an ApiError");
}

describe("api.patch", () => {
  it("merge patch: null deletes, maps merge, lists are replaced", () => {
    const cluster = bare();
    cluster.api.create({
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "c", labels: { a: "1" } },
      data: { x: "1", y: "2" },
    });
    const patched = cluster.api.patch("ConfigMap", "default", "c", "merge", {
      metadata: { labels: { b: "2" } },
      data: { x: null, z: "3" },
    });
    expect(patched.metadata.labels).toEqual({ a: "1", b: "2" });
    expect(patched.data).toEqual({ y: "2", z: "3" });
  });

  it("strategic merge patch merges containers and env by name and bumps generation", () => {
    const cluster = bare();
    cluster.api.create(sts);
    const patched = cluster.api.patch("StatefulSet", "default", "web", "strategic", {
      spec: {
        replicas: 3,
        template: {
          spec: { containers: [{ name: "nginx", image: "nginx:1.28", env: [{ name: "B", value: "2" }] }] },
        },
      },
    });
    const containers = (
      patched.spec as {
        template: { spec: { containers: { name: string; image: string; env?: unknown[] }[] } };
      }
    ).template.spec.containers;
    expect(containers.map((c) => `${c.name}=${c.image}`)).toEqual(["nginx=nginx:1.28", "side=busybox"]);
    expect(containers[0]!.env).toEqual([
      { name: "A", value: "1" },
      { name: "B", value: "2" },
    ]);
    expect(patched.metadata.generation).toBe(2);
  });

  it("strategic $patch: delete removes one list element; $patch: replace replaces a map; $retainKeys prunes", () => {
    const doc = {
      spec: {
        containers: [{ name: "a" }, { name: "b" }],
        selector: { x: "1", y: "2" },
        strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: 1 } },
      },
    };
    const out = applyPatch(
      doc,
      "strategic",
      {
        spec: {
          containers: [{ name: "a", $patch: "delete" }],
          selector: { $patch: "replace", z: "3" },
          strategy: { $retainKeys: ["type"], type: "Recreate" },
        },
      },
      "Deployment",
    );
    expect(out).toEqual({
      spec: { containers: [{ name: "b" }], selector: { z: "3" }, strategy: { type: "Recreate" } },
    });
  });

  it("applies the result as an update: validation and immutability still hold", () => {
    const cluster = bare();
    cluster.api.create(sts);
    const e = failure(() =>
      cluster.api.patch("StatefulSet", "default", "web", "merge", { spec: { serviceName: "x" } }),
    );
    expect(e.causes[0]!.message.startsWith("spec: Forbidden: updates to statefulset spec")).toBe(true);
    const stale = failure(() =>
      cluster.api.patch("StatefulSet", "default", "web", "merge", { metadata: { resourceVersion: "1" } }),
    );
    expect(stale.reason).toBe("Conflict");
  });
});

describe("JSON patch (RFC 6902)", () => {
  const doc = { a: { b: [1, 2, 3] }, c: "x" };

  it("adds, removes, replaces, moves, copies and tests", () => {
    expect(
      applyJsonPatch(doc, [
        { op: "add", path: "/a/b/1", value: 9 },
        { op: "add", path: "/a/b/-", value: 4 },
        { op: "remove", path: "/c" },
        { op: "replace", path: "/a/b/0", value: 0 },
        { op: "copy", from: "/a/b", path: "/d" },
        { op: "move", from: "/d", path: "/e" },
        { op: "test", path: "/e/1", value: 9 },
        { op: "add", path: "/f~1g", value: true },
      ]),
    ).toEqual({ a: { b: [0, 9, 2, 3, 4] }, e: [0, 9, 2, 3, 4], "f/g": true });
    expect(doc).toEqual({ a: { b: [1, 2, 3] }, c: "x" });
  });

  it("fails with json-patch's texts inside the server's 422", () => {
    const e = failure(() => applyJsonPatch(doc, [{ op: "replace", path: "/spec/replicas", value: 3 }]));
    expect([e.reason, e.code, e.message]).toEqual([
      "Invalid",
      422,
      "the server rejected our request due to an error in our request",
    ]);
    expect(e.causes[0]!.message).toBe(
      "replace operation does not apply: doc is missing path: /spec/replicas: missing value",
    );
    expect(
      failure(() => applyJsonPatch(doc, [{ op: "test", path: "/c", value: "y" }])).causes[0]!.message,
    ).toBe("testing value /c failed: test failed");
    expect(
      failure(() => applyJsonPatch(doc, [{ op: "add", path: "/x/y", value: 1 }])).causes[0]!.message,
    ).toBe('add operation does not apply: doc is missing path: "/x/y": missing value');
  });

  it("add then remove of a new key is the identity (property)", () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.stringMatching(/^[a-z]{1,4}$/), fc.integer()),
        fc.stringMatching(/^[A-Z]{1,4}$/),
        (obj, key) => {
          const out = applyJsonPatch(obj, [
            { op: "add", path: `/${key}`, value: 1 },
            { op: "remove", path: `/${key}` },
          ]);
          expect(out).toEqual(obj);
        },
      ),
    );
  });
});
