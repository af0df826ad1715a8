import { describe, expect, it } from "vitest";
import { volumeData } from "../../../sandbox/engine/cluster/storage/volume-data.ts";
import { createDefaultCluster } from "../../../sandbox/engine/scenarios/index.ts";

function hostPathPv(name: string, path: string, node?: string) {
  return {
    apiVersion: "v1",
    kind: "PersistentVolume",
    metadata: { name },
    spec: {
      capacity: { storage: "1Gi" },
      accessModes: ["ReadWriteOnce"],
      hostPath: { path },
      ...(node
        ? {
            nodeAffinity: {
              required: {
                nodeSelectorTerms: [
                  { matchExpressions: [{ key: "kubernetes.io/hostname", operator: "In", values: [node] }] },
                ],
              },
            },
          }
        : {}),
    },
  };
}

describe("volume data", () => {
  it("shows a hostPath PV and a pod hostPath volume at the same path on the same node the same files", () => {
    const cluster = createDefaultCluster();
    cluster.create(hostPathPv("data", "/mnt/data"));
    const viaPv = volumeData(cluster).forPersistentVolume("data", "kind-control-plane")!;
    viaPv.writeFile("/index.html", "hello\n", 0);
    expect(volumeData(cluster).forHostPath("kind-control-plane", "/mnt/data").readFile("/index.html")).toBe(
      "hello\n",
    );
    // A parent directory mounted elsewhere sees it too, another node does not.
    expect(volumeData(cluster).forHostPath("kind-control-plane", "/mnt").list("/data")).toEqual([
      "index.html",
    ]);
    expect(volumeData(cluster).forHostPath("kind-worker", "/mnt/data").list("/")).toEqual([]);
  });

  it("uses the node a PV is pinned to, whatever node the caller names", () => {
    const cluster = createDefaultCluster();
    cluster.create(hostPathPv("pinned", "/var/local-path-provisioner/pvc-1", "node-a"));
    volumeData(cluster).forPersistentVolume("pinned", "node-b")!.writeFile("/f", "x", 0);
    expect(
      volumeData(cluster).forHostPath("node-a", "/var/local-path-provisioner/pvc-1").readFile("/f"),
    ).toBe("x");
    expect(volumeData(cluster).forPersistentVolume("pinned")!.readFile("/f")).toBe("x");
  });

  it("keeps one tree per PV for sources that are not on a node, and drops it on delete", () => {
    const cluster = createDefaultCluster();
    const pv = cluster.create({
      apiVersion: "v1",
      kind: "PersistentVolume",
      metadata: { name: "nfs" },
      spec: { capacity: { storage: "1Gi" }, accessModes: ["ReadWriteMany"], nfs: { server: "x", path: "/" } },
    });
    volumeData(cluster).forPersistentVolume("nfs")!.writeFile("/a", "1", 0);
    expect(volumeData(cluster).forPersistentVolume("nfs", "any")!.readFile("/a")).toBe("1");
    volumeData(cluster).deletePersistentVolume(pv);
    expect(volumeData(cluster).forPersistentVolume("nfs")!.list("/")).toEqual([]);
  });

  it("deletes a node-local PV's directory but leaves its neighbours", () => {
    const cluster = createDefaultCluster();
    const a = cluster.create(hostPathPv("a", "/var/lp/a", "n1"));
    cluster.create(hostPathPv("b", "/var/lp/b", "n1"));
    volumeData(cluster).forPersistentVolume("a")!.writeFile("/f", "a", 0);
    volumeData(cluster).forPersistentVolume("b")!.writeFile("/f", "b", 0);
    volumeData(cluster).deletePersistentVolume(a);
    expect(volumeData(cluster).forHostPath("n1", "/var/lp").list("/")).toEqual(["b"]);
  });

  it("is undefined for a missing PV or a node-local PV with no node to put it on", () => {
    const cluster = createDefaultCluster();
    cluster.create(hostPathPv("loose", "/data"));
    expect(volumeData(cluster).forPersistentVolume("nope")).toBeUndefined();
    expect(volumeData(cluster).forPersistentVolume("loose")).toBeUndefined();
  });

  it("round-trips through save and restore, keeping views of one node consistent", () => {
    const cluster = createDefaultCluster();
    volumeData(cluster).forHostPath("n1", "/d").writeFile("/f", "v1", 0);
    const state = volumeData(cluster).save();
    volumeData(cluster).forHostPath("n1", "/d").writeFile("/f", "v2", 0);
    const other = createDefaultCluster();
    volumeData(other).restore(JSON.parse(JSON.stringify(state)));
    expect(volumeData(other).forHostPath("n1", "/d").readFile("/f")).toBe("v1");
    volumeData(other).forHostPath("n1", "/").writeFile("/d/g", "g", 0);
    expect(volumeData(other).forHostPath("n1", "/d").list("/")).toEqual(["f", "g"]);
  });
});
