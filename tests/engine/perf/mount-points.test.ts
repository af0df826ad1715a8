/**
 * A container's start builds its filesystem view only when an httpGet probe reads it; otherwise
 * it only makes the mount points (makeMountPoints). Either way the trees must end up the same:
 * the container's own layer with every mount path (at the start's time), the node's hostPath and
 * local volume directories, the emptyDirs. Twin clusters start the same pod, one with a probe and
 * one without, and are looked at a minute later.
 */
import { describe, expect, it } from "vitest";
import type { Cluster } from "../../../sandbox/engine/cluster/cluster.ts";
import { containerFilesystem } from "../../../sandbox/engine/cluster/kubelet/filesystem.ts";
import { volumeData } from "../../../sandbox/engine/cluster/storage/volume-data.ts";
import type { KubeObject } from "../../../sandbox/engine/cluster/types.ts";
import { claim, storageCluster } from "../storage/fixture.ts";

function pod(probe: boolean): KubeObject {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: "web", namespace: "default" },
    spec: {
      containers: [
        {
          name: "app",
          image: "nginx:1.27",
          ...(probe ? { readinessProbe: { httpGet: { path: "/", port: 80 } } } : {}),
          volumeMounts: [
            { name: "cfg", mountPath: "/etc/cfg" },
            { name: "sec", mountPath: "/etc/sec/deep" },
            { name: "scratch", mountPath: "/scratch" },
            { name: "host", mountPath: "/host" },
            { name: "sub", mountPath: "/usr/share/nginx/html/sub", subPath: "a/b" },
            { name: "data", mountPath: "/data" },
          ],
        },
      ],
      volumes: [
        { name: "cfg", configMap: { name: "cm" } },
        { name: "sec", secret: { secretName: "s" } },
        { name: "scratch", emptyDir: {} },
        { name: "host", hostPath: { path: "/var/host-data" } },
        { name: "sub", emptyDir: {} },
        { name: "data", persistentVolumeClaim: { claimName: "data" } },
      ],
    },
  } as unknown as KubeObject;
}

function started(probe: boolean): Cluster {
  const cluster = storageCluster();
  cluster.create({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "cm" }, data: { a: "1" } });
  cluster.create({ apiVersion: "v1", kind: "Secret", metadata: { name: "s" }, data: { b: "Mg==" } });
  cluster.create(claim("data"));
  cluster.create(pod(probe));
  cluster.advance(60_000);
  return cluster;
}

/** The container's own layer and the nodes' volume trees, as JSON (times included). */
function trees(cluster: Cluster): { layer: string; nodes: string } {
  const files = containerFilesystem(cluster, cluster.api.get("Pod", "default", "web"), "app");
  if (!files) throw new Error("web is not running");
  return { layer: JSON.stringify(files.root.root), nodes: JSON.stringify(volumeData(cluster).save()) };
}

describe("a container's mount points", () => {
  it("are made at its start the same way whether or not a probe reads its files", () => {
    const probed = trees(started(true));
    const plain = trees(started(false));
    expect(plain.layer).toBe(probed.layer);
    expect(plain.nodes).toBe(probed.nodes);
    for (const path of ["etc", "cfg", "sec", "deep", "scratch", "host", "sub", "data"]) {
      expect(plain.layer).toContain(`"${path}"`);
    }
  });
});
