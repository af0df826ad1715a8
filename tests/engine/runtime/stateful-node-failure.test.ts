import { describe, expect, it } from "vitest";
import { startNode, stopNode } from "../../../sandbox/engine/cluster/nodes/power.ts";
import type { KubeObject } from "../../../sandbox/engine/cluster/types.ts";
import { condition, getPod, scenario } from "./fixtures.ts";

const nodeOf = (pod: KubeObject | undefined) => (pod?.spec as { nodeName?: string } | undefined)?.nodeName;

function web(): KubeObject {
  return {
    apiVersion: "apps/v1",
    kind: "StatefulSet",
    metadata: { name: "web", namespace: "default" },
    spec: {
      replicas: 3,
      serviceName: "nginx",
      selector: { matchLabels: { app: "nginx" } },
      template: {
        metadata: { labels: { app: "nginx" } },
        spec: {
          containers: [
            {
              name: "nginx",
              image: "registry.k8s.io/nginx-slim:0.8",
              volumeMounts: [{ name: "www", mountPath: "/usr/share/nginx/html" }],
            },
          ],
        },
      },
      volumeClaimTemplates: [
        {
          metadata: { name: "www" },
          spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } } },
        },
      ],
    },
  };
}

describe("a StatefulSet with local-path volumes on the multi-node cluster", () => {
  it("pins each pod to its volume's node, so a force-deleted pod waits for that node", () => {
    const cluster = scenario("multi-node");
    cluster.create(web());
    cluster.advance(120_000);
    for (const name of ["web-0", "web-1", "web-2"]) {
      expect((getPod(cluster, name)?.status as { phase?: string } | undefined)?.phase).toBe("Running");
    }
    const claim = cluster.api.get("PersistentVolumeClaim", "default", "www-web-1");
    const node = nodeOf(getPod(cluster, "web-1"))!;
    expect(claim.metadata.annotations?.["volume.kubernetes.io/selected-node"]).toBe(node);

    stopNode(cluster, node);
    cluster.advance(400_000);
    expect(getPod(cluster, "web-1")?.metadata.deletionTimestamp).toBeDefined();
    cluster.api.delete("Pod", "default", "web-1", { gracePeriodSeconds: 0 });
    cluster.advance(10_000);
    // Recreated, but its volume lives on the dead node: it cannot be scheduled anywhere.
    expect(nodeOf(getPod(cluster, "web-1"))).toBeUndefined();
    expect(condition(cluster, "web-1", "PodScheduled")?.message).toBe(
      "0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 1 node(s) had untolerated taint {node.kubernetes.io/unreachable: }, 2 node(s) had volume node affinity conflict. preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling.",
    );
    startNode(cluster, node);
    cluster.advance(60_000);
    expect(nodeOf(getPod(cluster, "web-1"))).toBe(node);
    expect((getPod(cluster, "web-1")?.status as { phase?: string } | undefined)?.phase).toBe("Running");
  });
});
