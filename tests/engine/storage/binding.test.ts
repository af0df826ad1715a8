import { describe, expect, it } from "vitest";
import type { KubeObject } from "../../../sandbox/engine/cluster/types.ts";
import { claim, eventsFor, getPv, getPvc, hostPathVolume, storageCluster } from "./fixture.ts";

const spec = (o: KubeObject | undefined) => o?.spec as Record<string, unknown>;

describe("static binding (FindMatchingVolume)", () => {
  it("binds a hostPath PV and a class-less claim both ways, with the controller's annotations", () => {
    const cluster = storageCluster();
    cluster.create(
      hostPathVolume("task-pv", { size: "5Gi", className: "", modes: ["ReadWriteOnce", "ReadOnlyMany"] }),
    );
    cluster.create(claim("task-pvc", { size: "1Gi", className: "" }));
    cluster.runControllers();

    const pv = getPv(cluster, "task-pv")!;
    const pvc = getPvc(cluster, "task-pvc")!;
    expect(pv.status).toMatchObject({ phase: "Bound" });
    expect(spec(pv).claimRef).toEqual({
      kind: "PersistentVolumeClaim",
      namespace: "default",
      name: "task-pvc",
      uid: pvc.metadata.uid,
      apiVersion: "v1",
      resourceVersion: expect.any(String),
    });
    expect(pv.metadata.annotations).toEqual({ "pv.kubernetes.io/bound-by-controller": "yes" });
    expect(spec(pvc).volumeName).toBe("task-pv");
    expect(pvc.metadata.annotations).toEqual({
      "pv.kubernetes.io/bind-completed": "yes",
      "pv.kubernetes.io/bound-by-controller": "yes",
    });
    // The claim reports the volume's full size and modes, not its own request.
    expect(pvc.status).toEqual({
      phase: "Bound",
      accessModes: ["ReadWriteOnce", "ReadOnlyMany"],
      capacity: { storage: "5Gi" },
    });
    expect(eventsFor(cluster, pvc)).toEqual([]);
  });

  it("picks the smallest volume that fits, among those with the fewest extra access modes", () => {
    const cluster = storageCluster();
    cluster.create(hostPathVolume("big", { size: "10Gi", className: "" }));
    cluster.create(hostPathVolume("small", { size: "2Gi", className: "" }));
    cluster.create(hostPathVolume("tiny", { size: "500Mi", className: "" }));
    cluster.create(
      hostPathVolume("rwx", { size: "1Gi", className: "", modes: ["ReadWriteOnce", "ReadWriteMany"] }),
    );
    cluster.runControllers();
    cluster.create(claim("c", { size: "1Gi", className: "" }));
    cluster.runControllers();
    expect(spec(getPvc(cluster, "c")).volumeName).toBe("small");
    expect(getPv(cluster, "rwx")!.status).toMatchObject({ phase: "Available" });
  });

  it("honours class, access modes, capacity (1Gi = 1024Mi) and label selectors", () => {
    const cluster = storageCluster();
    cluster.create(hostPathVolume("other-class", { size: "1Gi", className: "manual" }));
    cluster.create(hostPathVolume("read-only", { size: "1Gi", className: "", modes: ["ReadOnlyMany"] }));
    cluster.create(hostPathVolume("unlabelled", { size: "1024Mi", className: "" }));
    cluster.create(hostPathVolume("labelled", { size: "3Gi", className: "", labels: { tier: "db" } }));
    cluster.runControllers();
    cluster.create(claim("any", { className: "" }));
    cluster.create(claim("db", { className: "", selector: { matchLabels: { tier: "db" } } }));
    cluster.create(claim("manual", { className: "manual", size: "2Gi" }));
    cluster.runControllers();
    expect(spec(getPvc(cluster, "any")).volumeName).toBe("unlabelled");
    expect(spec(getPvc(cluster, "db")).volumeName).toBe("labelled");
    // Too small for 2Gi: a named class with no provisioner running stays Pending.
    expect(getPvc(cluster, "manual")!.status).toEqual({ phase: "Pending" });
  });

  it("binds a claim that names its volume without marking the claim bound-by-controller", () => {
    const cluster = storageCluster();
    cluster.create(hostPathVolume("chosen", { size: "1Gi", className: "" }));
    cluster.create(hostPathVolume("bigger", { size: "8Gi", className: "" }));
    cluster.create(claim("c", { className: "", volumeName: "bigger" }));
    cluster.runControllers();
    const pvc = getPvc(cluster, "c")!;
    expect(pvc.metadata.annotations).toEqual({ "pv.kubernetes.io/bind-completed": "yes" });
    expect(pvc.status).toMatchObject({ phase: "Bound", capacity: { storage: "8Gi" } });
    expect(getPv(cluster, "bigger")!.metadata.annotations).toEqual({
      "pv.kubernetes.io/bound-by-controller": "yes",
    });
  });

  it("reports a named volume that does not fit with the controller's VolumeMismatch event", () => {
    const cluster = storageCluster();
    cluster.create(hostPathVolume("small", { size: "1Gi", className: "" }));
    cluster.create(claim("c", { size: "2Gi", className: "", volumeName: "small" }));
    cluster.runControllers();
    expect(getPvc(cluster, "c")!.status).toEqual({ phase: "Pending" });
    expect(eventsFor(cluster, getPvc(cluster, "c")!)).toEqual([
      'Warning VolumeMismatch Cannot bind to requested volume "small": requested PV is too small',
    ]);
  });

  it("keeps a volume pre-bound by claimRef for its claim only, and does not mark it bound-by-controller", () => {
    const cluster = storageCluster();
    cluster.create(
      hostPathVolume("reserved", { className: "", claimRef: { namespace: "default", name: "owner" } }),
    );
    cluster.runControllers();
    expect(getPv(cluster, "reserved")!.status).toMatchObject({ phase: "Available" });
    cluster.create(claim("intruder", { className: "" }));
    cluster.runControllers();
    expect(getPvc(cluster, "intruder")!.status).toEqual({ phase: "Pending" });
    cluster.create(claim("owner", { className: "" }));
    cluster.runControllers();
    expect(spec(getPvc(cluster, "owner")).volumeName).toBe("reserved");
    expect(getPv(cluster, "reserved")!.metadata.annotations).toBeUndefined();
    expect((spec(getPv(cluster, "reserved")).claimRef as { uid: string }).uid).toBe(
      getPvc(cluster, "owner")!.metadata.uid,
    );
  });

  it("says FailedBinding when a class-less claim finds no volume, and binds once one appears", () => {
    const cluster = storageCluster();
    cluster.create(claim("c", { className: "" }));
    cluster.runControllers();
    expect(eventsFor(cluster, getPvc(cluster, "c")!)).toEqual([
      "Normal FailedBinding no persistent volumes available for this claim and no storage class is set",
    ]);
    cluster.create(hostPathVolume("late", { className: "" }));
    cluster.runControllers();
    expect(getPvc(cluster, "c")!.status).toMatchObject({ phase: "Bound" });
  });

  it("marks a bound claim Lost with ClaimLost when its volume disappears", () => {
    const cluster = storageCluster();
    cluster.create(hostPathVolume("pv", { className: "" }));
    cluster.create(claim("c", { className: "" }));
    cluster.runControllers();
    // Strip the protection finalizer the way an admin forcing it would, then delete.
    const pv = getPv(cluster, "pv")!;
    cluster.api.update({ ...pv, metadata: { ...pv.metadata, finalizers: [] } });
    cluster.api.delete("PersistentVolume", undefined, "pv");
    cluster.runControllers();
    const pvc = getPvc(cluster, "c")!;
    expect(pvc.status).toEqual({ phase: "Lost" });
    expect(eventsFor(cluster, pvc)).toEqual([
      "Warning ClaimLost Bound claim has lost its PersistentVolume. Data on the volume is lost!",
    ]);
  });

  it("repeats a Pending claim's event at most once per 15s resync when something re-queues it", () => {
    const cluster = storageCluster();
    cluster.create(claim("c", { className: "", size: "10Gi" }));
    cluster.runControllers();
    cluster.create(hostPathVolume("small-1", { className: "", size: "1Gi" }));
    cluster.runControllers();
    const only =
      "Normal FailedBinding no persistent volumes available for this claim and no storage class is set";
    expect(eventsFor(cluster, getPvc(cluster, "c")!)).toEqual([only]);
    cluster.advance(16_000);
    cluster.create(hostPathVolume("small-2", { className: "", size: "2Gi" }));
    cluster.runControllers();
    expect(eventsFor(cluster, getPvc(cluster, "c")!)).toEqual([`${only} (x2)`]);
  });
});
