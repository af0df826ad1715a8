import { describe, expect, it } from "vitest";
import { volumeData } from "../../../sandbox/engine/cluster/storage/volume-data.ts";
import {
  claim,
  eventsFor,
  getPv,
  getPvc,
  hostPathVolume,
  podUsing,
  selectNode,
  storageCluster,
} from "./fixture.ts";

/** A bound local-path claim `data` with a file in its volume; returns the PV name. */
function provisioned(cluster: ReturnType<typeof storageCluster>): string {
  cluster.create(claim("data"));
  cluster.runControllers();
  selectNode(cluster, "data");
  cluster.advance(5000);
  const pvName = String((getPvc(cluster, "data")!.spec as { volumeName: string }).volumeName);
  volumeData(cluster).forPersistentVolume(pvName, "kind-control-plane")!.writeFile("/note.txt", "kept\n", 0);
  return pvName;
}

describe("reclaim policy after the claim is deleted", () => {
  it("Retain: the volume goes Released, keeps its claimRef and its data, and does not bind again", () => {
    const cluster = storageCluster();
    cluster.create(hostPathVolume("keep", { className: "", reclaim: "Retain", path: "/data/keep" }));
    cluster.create(claim("c", { className: "" }));
    cluster.runControllers();
    volumeData(cluster).forPersistentVolume("keep", "kind-control-plane")!.writeFile("/f", "x", 0);
    const uid = getPvc(cluster, "c")!.metadata.uid;
    cluster.advance(5000);
    cluster.api.delete("PersistentVolumeClaim", "default", "c");
    cluster.runControllers();
    expect(getPvc(cluster, "c")).toBeUndefined();
    const pv = getPv(cluster, "keep")!;
    expect(pv.status).toEqual({ phase: "Released", lastPhaseTransitionTime: "2026-01-01T00:00:05Z" });
    expect((pv.spec as { claimRef: { name: string; uid: string } }).claimRef).toMatchObject({
      name: "c",
      uid,
    });
    expect(volumeData(cluster).forHostPath("kind-control-plane", "/data/keep").readFile("/f")).toBe("x");
    // A new claim of the same name is a different claim (new uid): the volume stays Released.
    cluster.create(claim("c", { className: "" }));
    cluster.advance(60_000);
    expect(getPv(cluster, "keep")!.status).toMatchObject({ phase: "Released" });
    expect(getPvc(cluster, "c")!.status).toEqual({ phase: "Pending" });
  });

  it("Retain: removing claimRef makes the volume Available again", () => {
    const cluster = storageCluster();
    cluster.create(hostPathVolume("keep", { className: "" }));
    cluster.create(claim("c", { className: "" }));
    cluster.runControllers();
    cluster.api.delete("PersistentVolumeClaim", "default", "c");
    cluster.runControllers();
    const pv = getPv(cluster, "keep")!;
    const { claimRef: _, ...spec } = pv.spec as Record<string, unknown>;
    cluster.api.update({ ...pv, spec });
    cluster.runControllers();
    expect(getPv(cluster, "keep")!.status).toMatchObject({ phase: "Available" });
  });

  it("Delete (local-path): Released, then the helper pod removes the directory and the PV is gone", () => {
    const cluster = storageCluster();
    const pvName = provisioned(cluster);
    const dir = "/var/local-path-provisioner";
    expect(volumeData(cluster).forHostPath("kind-control-plane", dir).list("/")).toHaveLength(1);
    cluster.api.delete("PersistentVolumeClaim", "default", "data");
    cluster.runControllers();
    expect(getPv(cluster, pvName)!.status).toMatchObject({ phase: "Released" });
    cluster.advance(2000);
    expect(getPv(cluster, pvName)).toBeUndefined();
    expect(volumeData(cluster).forHostPath("kind-control-plane", dir).list("/")).toEqual([]);
  });

  it("Delete on a hand-made hostPath PV outside /tmp fails the way the in-tree deleter does", () => {
    const cluster = storageCluster();
    cluster.create(hostPathVolume("web", { className: "", reclaim: "Delete", path: "/mnt/web-data" }));
    cluster.create(claim("c", { className: "" }));
    cluster.runControllers();
    cluster.api.delete("PersistentVolumeClaim", "default", "c");
    cluster.runControllers();
    const pv = getPv(cluster, "web")!;
    const message = "host_path deleter only supports /tmp/.+ but received provided /mnt/web-data";
    expect(pv.status).toMatchObject({ phase: "Failed", message });
    expect(eventsFor(cluster, pv)).toEqual([`Warning VolumeFailedDelete ${message}`]);
  });

  it("Delete on a hand-made hostPath PV under /tmp deletes the PV object", () => {
    const cluster = storageCluster();
    cluster.create(hostPathVolume("scratch", { className: "", reclaim: "Delete", path: "/tmp/scratch" }));
    cluster.create(claim("c", { className: "" }));
    cluster.runControllers();
    cluster.api.delete("PersistentVolumeClaim", "default", "c");
    cluster.runControllers();
    expect(getPv(cluster, "scratch")).toBeUndefined();
  });
});

describe("data on a volume", () => {
  it("survives the pod that wrote it and is gone after a Delete reclaim", () => {
    const cluster = storageCluster();
    cluster.create(podUsing("writer", "data"));
    const pvName = provisioned(cluster);
    cluster.api.delete("Pod", "default", "writer", { gracePeriodSeconds: 0 });
    cluster.runControllers();
    // A later pod on the same node sees the same files through the claim's volume.
    expect(volumeData(cluster).forPersistentVolume(pvName, "kind-control-plane")!.readFile("/note.txt")).toBe(
      "kept\n",
    );
    cluster.api.delete("PersistentVolumeClaim", "default", "data");
    cluster.advance(5000);
    expect(getPv(cluster, pvName)).toBeUndefined();
    expect(
      volumeData(cluster).forHostPath("kind-control-plane", "/var/local-path-provisioner").list("/"),
    ).toEqual([]);
  });
});

describe("protection finalizers", () => {
  it("keeps a claim used by a pod Terminating until the pod is gone, then reclaims", () => {
    const cluster = storageCluster();
    cluster.create(podUsing("web-0", "data"));
    const pvName = provisioned(cluster);
    cluster.api.delete("PersistentVolumeClaim", "default", "data");
    cluster.advance(60_000);
    const pvc = getPvc(cluster, "data")!;
    expect(pvc.metadata.deletionTimestamp).toBeDefined();
    expect(pvc.metadata.finalizers).toEqual(["kubernetes.io/pvc-protection"]);
    expect(getPv(cluster, pvName)!.status).toMatchObject({ phase: "Bound" });

    cluster.api.delete("Pod", "default", "web-0", { gracePeriodSeconds: 0 });
    cluster.runControllers();
    expect(getPvc(cluster, "data")).toBeUndefined();
    cluster.advance(2000);
    expect(getPv(cluster, pvName)).toBeUndefined();
  });

  it("lets a claim go at once when only finished pods reference it", () => {
    const cluster = storageCluster();
    cluster.create(claim("data", { className: "" }));
    const pod = cluster.create(podUsing("job", "data"));
    cluster.api.updateStatus({ ...pod, status: { phase: "Succeeded" } });
    cluster.api.delete("PersistentVolumeClaim", "default", "data");
    cluster.runControllers();
    expect(getPvc(cluster, "data")).toBeUndefined();
  });

  it("keeps a deleted PV Terminating while it is Bound, and lets it go once its claim is gone", () => {
    const cluster = storageCluster();
    cluster.create(hostPathVolume("pv", { className: "" }));
    cluster.create(claim("c", { className: "" }));
    cluster.runControllers();
    cluster.api.delete("PersistentVolume", undefined, "pv");
    cluster.runControllers();
    const pv = getPv(cluster, "pv")!;
    expect(pv.metadata.deletionTimestamp).toBeDefined();
    expect(pv.status).toMatchObject({ phase: "Bound" });
    expect(getPvc(cluster, "c")!.status).toMatchObject({ phase: "Bound" });
    cluster.api.delete("PersistentVolumeClaim", "default", "c");
    cluster.runControllers();
    expect(getPv(cluster, "pv")).toBeUndefined();
  });
});
