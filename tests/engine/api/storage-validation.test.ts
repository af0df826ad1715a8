import { describe, expect, it } from "vitest";
import { ApiError } from "../../../sandbox/engine/cluster/errors.ts";
import { createDefaultCluster } from "../../../sandbox/engine/scenarios/index.ts";

function rejection(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error("expected an ApiError");
}

describe("PersistentVolumeClaim rules", () => {
  it("requires access modes and a storage request, with the server's texts", () => {
    const e = rejection(() =>
      createDefaultCluster().api.create({
        apiVersion: "v1",
        kind: "PersistentVolumeClaim",
        metadata: { name: "data" },
        spec: {},
      }),
    );
    expect(e.causes.map((c) => c.message)).toEqual([
      "spec.accessModes: Required value: at least 1 access mode is required",
      "spec.resources[storage]: Required value",
    ]);
  });

  it("refuses an unknown access mode listing the supported ones", () => {
    const e = rejection(() =>
      createDefaultCluster().api.create({
        apiVersion: "v1",
        kind: "PersistentVolumeClaim",
        metadata: { name: "data" },
        spec: { accessModes: ["ReadWriteSometimes"], resources: { requests: { storage: "1Gi" } } },
      }),
    );
    expect(e.causes[0]!.message).toBe(
      'spec.accessModes: Unsupported value: "ReadWriteSometimes": supported values: "ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod"',
    );
  });

  it("keeps the spec immutable apart from what the control plane fills in", () => {
    const cluster = createDefaultCluster();
    const claim = cluster.api.create({
      apiVersion: "v1",
      kind: "PersistentVolumeClaim",
      metadata: { name: "data" },
      spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } } },
    });
    const e = rejection(() =>
      cluster.api.update({
        ...claim,
        metadata: { ...claim.metadata, resourceVersion: undefined },
        spec: { ...(claim.spec as object), accessModes: ["ReadWriteMany"] },
      }),
    );
    expect(e.message).toBe(
      'PersistentVolumeClaim "data" is invalid: spec: Forbidden: spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims',
    );
  });
});

describe("StorageClass rules", () => {
  it("forbids changing parameters, provisioner and reclaim policy", () => {
    const cluster = createDefaultCluster();
    cluster.api.create({
      apiVersion: "storage.k8s.io/v1",
      kind: "StorageClass",
      metadata: { name: "fast" },
      provisioner: "rancher.io/local-path",
      reclaimPolicy: "Delete",
      volumeBindingMode: "Immediate",
    });
    const e = rejection(() =>
      cluster.api.update({
        apiVersion: "storage.k8s.io/v1",
        kind: "StorageClass",
        metadata: { name: "fast" },
        provisioner: "example.com/other",
        parameters: { a: "b" },
        reclaimPolicy: "Retain",
        volumeBindingMode: "Immediate",
      }),
    );
    expect(e.causes.map((c) => c.message)).toEqual([
      "parameters: Forbidden: updates to parameters are forbidden.",
      "provisioner: Forbidden: updates to provisioner are forbidden.",
      "reclaimPolicy: Forbidden: updates to reclaimPolicy are forbidden.",
    ]);
  });
});
