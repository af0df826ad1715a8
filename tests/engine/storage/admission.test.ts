import { describe, expect, it } from "vitest";
import { claim, getPv, getPvc, hostPathVolume, storageCluster } from "./fixture.ts";

describe("kind's default StorageClass", () => {
  it("is `standard`, local-path, Delete, WaitForFirstConsumer, marked default and applied by kubectl", () => {
    const sc = storageCluster().api.get("StorageClass", undefined, "standard");
    expect(sc.provisioner).toBe("rancher.io/local-path");
    expect(sc.reclaimPolicy).toBe("Delete");
    expect(sc.volumeBindingMode).toBe("WaitForFirstConsumer");
    expect(sc.allowVolumeExpansion).toBeUndefined();
    expect(sc.metadata.annotations).toEqual({
      "kubectl.kubernetes.io/last-applied-configuration":
        '{"apiVersion":"storage.k8s.io/v1","kind":"StorageClass","metadata":{"annotations":{"storageclass.kubernetes.io/is-default-class":"true"},"name":"standard"},"provisioner":"rancher.io/local-path","reclaimPolicy":"Delete","volumeBindingMode":"WaitForFirstConsumer"}\n',
      "storageclass.kubernetes.io/is-default-class": "true",
    });
  });

  it("defaults reclaimPolicy to Delete and volumeBindingMode to Immediate on a new class", () => {
    const cluster = storageCluster();
    const sc = cluster.create({
      apiVersion: "storage.k8s.io/v1",
      kind: "StorageClass",
      metadata: { name: "fast" },
      provisioner: "example.com/fast",
    });
    expect([sc.reclaimPolicy, sc.volumeBindingMode]).toEqual(["Delete", "Immediate"]);
  });
});

describe("DefaultStorageClass and protection admission", () => {
  it("gives a claim with no class the default class, the pvc-protection finalizer and phase Pending", () => {
    const cluster = storageCluster();
    const created = cluster.create(claim("data"));
    expect(created.spec).toMatchObject({ storageClassName: "standard", volumeMode: "Filesystem" });
    expect(created.metadata.finalizers).toEqual(["kubernetes.io/pvc-protection"]);
    expect(created.status).toEqual({ phase: "Pending" });
  });

  it('leaves `storageClassName: ""` empty: explicitly no class', () => {
    const cluster = storageCluster();
    expect(
      (cluster.create(claim("data", { className: "" })).spec as { storageClassName: string })
        .storageClassName,
    ).toBe("");
  });

  it("leaves the class unset when there is no default, and assigns it retroactively once a default appears", () => {
    const cluster = storageCluster();
    cluster.api.delete("StorageClass", undefined, "standard");
    cluster.create(claim("early"));
    cluster.runControllers();
    expect(
      (getPvc(cluster, "early")!.spec as { storageClassName?: string }).storageClassName,
    ).toBeUndefined();
    cluster.create({
      apiVersion: "storage.k8s.io/v1",
      kind: "StorageClass",
      metadata: { name: "late", annotations: { "storageclass.kubernetes.io/is-default-class": "true" } },
      provisioner: "example.com/none",
    });
    cluster.runControllers();
    expect((getPvc(cluster, "early")!.spec as { storageClassName?: string }).storageClassName).toBe("late");
  });

  it('gives a hand-made PV Retain, Filesystem, hostPath type "", the pv-protection finalizer, and makes it Available', () => {
    const cluster = storageCluster();
    const created = cluster.create(hostPathVolume("pv0"));
    expect(created.status).toEqual({ phase: "Pending", lastPhaseTransitionTime: "2026-01-01T00:00:00Z" });
    expect(created.metadata.finalizers).toEqual(["kubernetes.io/pv-protection"]);
    expect(created.spec).toMatchObject({
      persistentVolumeReclaimPolicy: "Retain",
      volumeMode: "Filesystem",
      hostPath: { path: "/mnt/pv0", type: "" },
    });
    cluster.advance(7000);
    expect(getPv(cluster, "pv0")!.status).toEqual({
      phase: "Available",
      lastPhaseTransitionTime: "2026-01-01T00:00:00Z",
    });
  });
});

describe("PersistentVolumeClaimResize admission", () => {
  function boundClaim() {
    const cluster = storageCluster();
    cluster.create(hostPathVolume("pv", { className: "", size: "5Gi" }));
    cluster.create(claim("data", { className: "" }));
    cluster.runControllers();
    return cluster;
  }
  const grown = (o: ReturnType<typeof getPvc>, size: string) => ({
    ...o!,
    spec: { ...(o!.spec as object), resources: { requests: { storage: size } } },
  });

  it("refuses to grow a claim whose class does not allow expansion, with the plugin's message", () => {
    const cluster = boundClaim();
    expect(() => cluster.api.update(grown(getPvc(cluster, "data"), "2Gi"))).toThrow(
      'persistentvolumeclaims "data" is forbidden: only dynamically provisioned pvc can be resized and the storageclass that provisions the pvc must support resize',
    );
  });

  it("refuses to grow a claim that is not bound", () => {
    const cluster = storageCluster();
    cluster.create(claim("data"));
    expect(() => cluster.api.update(grown(getPvc(cluster, "data"), "2Gi"))).toThrow(
      'persistentvolumeclaims "data" is forbidden: Only bound persistent volume claims can be expanded',
    );
  });

  it("lets other updates of a bound claim through", () => {
    const cluster = boundClaim();
    const current = getPvc(cluster, "data")!;
    const labelled = cluster.api.update({
      ...current,
      metadata: { ...current.metadata, labels: { app: "db" } },
    });
    expect(labelled.metadata.labels).toEqual({ app: "db" });
  });
});
