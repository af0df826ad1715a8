import { describe, expect, it } from "vitest";
import type { Cluster } from "../../../sandbox/engine/cluster/cluster.ts";
import { containerFilesystem } from "../../../sandbox/engine/cluster/kubelet/filesystem.ts";
import { claim, getPv, getPvc, podUsing, storageCluster } from "./fixture.ts";

/** The kubelet's mount-aware view of the `app` container, once the pod runs. */
function filesOf(cluster: Cluster, pod: string) {
  const fs = containerFilesystem(cluster, cluster.api.get("Pod", "default", pod), "app");
  if (!fs) throw new Error(`${pod} is not running`);
  return fs;
}

describe("data in a claim's volume, as pods see it", () => {
  it("outlives the pod that wrote it, and is gone once a Delete reclaim removed the volume", () => {
    const cluster = storageCluster();
    cluster.create(claim("data"));
    cluster.create(podUsing("writer", "data"));
    cluster.advance(15_000);
    filesOf(cluster, "writer").writeFile("/data/note.txt", "saved\n", cluster.clock.now());
    const first = String((getPvc(cluster, "data")!.spec as { volumeName: string }).volumeName);

    cluster.api.delete("Pod", "default", "writer");
    cluster.advance(40_000);
    expect(cluster.api.tryGet("Pod", "default", "writer")).toBeUndefined();
    cluster.create(podUsing("reader", "data"));
    cluster.advance(15_000);
    expect(filesOf(cluster, "reader").readFile("/data/note.txt")).toBe("saved\n");

    cluster.api.delete("Pod", "default", "reader");
    cluster.api.delete("PersistentVolumeClaim", "default", "data");
    cluster.advance(40_000);
    expect(getPvc(cluster, "data")).toBeUndefined();
    expect(getPv(cluster, first)).toBeUndefined();

    cluster.create(claim("data"));
    cluster.create(podUsing("reader", "data"));
    cluster.advance(15_000);
    expect((getPvc(cluster, "data")!.spec as { volumeName: string }).volumeName).not.toBe(first);
    expect(filesOf(cluster, "reader").list("/data")).toEqual([]);
  });
});
