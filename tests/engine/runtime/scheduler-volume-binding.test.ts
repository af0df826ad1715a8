/**
 * The scheduler while WaitForFirstConsumer claims are provisioned for a pod (VolumeBinding's
 * PreBind): the pod is assumed on the node it chose, so it takes a slot there and the next pod
 * goes elsewhere, and it is not placed again while it waits — as the real scheduler cache does.
 */
import { describe, expect, it } from "vitest";
import type { Cluster } from "../../../sandbox/engine/cluster/cluster.ts";
import { SELECTED_NODE_ANNOTATION } from "../../../sandbox/engine/cluster/scheduler.ts";
import { restoreClusterFromJson, snapshotToJson } from "../../../sandbox/engine/cluster/snapshot.ts";
import type { KubeObject } from "../../../sandbox/engine/cluster/types.ts";
import { statefulSet, www } from "../controllers/fixtures.ts";
import { cluster1, scenario } from "./fixtures.ts";

const parallelWithClaims = (replicas: number) =>
  statefulSet("web", { replicas, podManagementPolicy: "Parallel", volumeClaimTemplates: [www] });

const nodeOf = (pod: KubeObject) => (pod.spec as { nodeName?: string }).nodeName;
const pods = (cluster: Cluster) => cluster.api.list("Pod", { namespace: "default" });

/** Pods per node, by node name. */
function spread(cluster: Cluster): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const pod of pods(cluster)) {
    const node = nodeOf(pod) ?? "<none>";
    counts[node] = (counts[node] ?? 0) + 1;
  }
  return counts;
}

/** Each bound pod sits on the node its claim was provisioned for. */
function expectPodsWithTheirVolumes(cluster: Cluster): void {
  for (const pod of pods(cluster).filter((p) => nodeOf(p) !== undefined)) {
    const claim = cluster.api.get("PersistentVolumeClaim", "default", `www-${pod.metadata.name}`);
    expect(claim.metadata.annotations?.[SELECTED_NODE_ANNOTATION]).toBe(nodeOf(pod));
  }
}

describe("pods waiting for their claims to be provisioned", () => {
  it("spread a Parallel StatefulSet across the workers instead of piling onto the first", () => {
    const cluster = scenario("multi-node");
    cluster.create(parallelWithClaims(6));
    cluster.advance(60_000);
    expect(spread(cluster)).toEqual({ "kind-worker": 2, "kind-worker2": 2, "kind-worker3": 2 });
    expectPodsWithTheirVolumes(cluster);
  });

  it("take a slot on their node: no volume is provisioned for a pod the node cannot take", () => {
    const cluster = cluster1();
    const systemPods = cluster.api.list("Pod").length;
    cluster.create(parallelWithClaims(120));
    cluster.advance(60_000);
    const running = 110 - systemPods;
    expect(spread(cluster)).toEqual({ "kind-control-plane": running, "<none>": 120 - running });
    expect(cluster.api.list("PersistentVolume")).toHaveLength(running);
    const pending = pods(cluster).find((p) => nodeOf(p) === undefined)!;
    const scheduled = (
      pending.status as { conditions?: { type: string; message?: string }[] }
    ).conditions?.find((c) => c.type === "PodScheduled");
    expect(scheduled?.message).toBe(
      "0/1 nodes are available: 1 Too many pods. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.",
    );
  });

  it("keep their node across a snapshot taken while the claims are being provisioned", () => {
    const run = (restoreMidway: boolean) => {
      let cluster = scenario("multi-node");
      cluster.create(parallelWithClaims(6));
      // Step until every claim has a node chosen and none is Bound yet.
      const claims = () => cluster.api.list("PersistentVolumeClaim", { namespace: "default" });
      for (let i = 0; i < 100; i++) {
        const chosen = claims().filter((c) => c.metadata.annotations?.[SELECTED_NODE_ANNOTATION]);
        if (chosen.length === 6) break;
        cluster.advance(10);
      }
      const midway = claims();
      expect(midway.every((c) => c.metadata.annotations?.[SELECTED_NODE_ANNOTATION])).toBe(true);
      expect(midway.some((c) => (c.status as { phase?: string } | undefined)?.phase === "Bound")).toBe(false);
      if (restoreMidway) cluster = restoreClusterFromJson(snapshotToJson(cluster));
      cluster.advance(60_000);
      expectPodsWithTheirVolumes(cluster);
      return pods(cluster).map((p) => `${p.metadata.name} ${nodeOf(p)}`);
    };
    expect(run(true)).toEqual(run(false));
  });
});
