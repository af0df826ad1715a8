import type { Taint } from "kubernetes-types/core/v1";
import { describe, expect, it } from "vitest";
import { startNode, stopNode } from "../../../sandbox/engine/cluster/nodes/power.ts";
import type { KubeObject } from "../../../sandbox/engine/cluster/types.ts";
import { humanDuration } from "../../../sandbox/engine/shell/docker.ts";
import { run } from "../helpers.ts";
import { condition, eventsOf, getPod, podSpec, scenario } from "./fixtures.ts";

const nodeOf = (pod: KubeObject | undefined) => (pod?.spec as { nodeName?: string } | undefined)?.nodeName;
const readyOf = (node: KubeObject) =>
  (
    node.status as { conditions: { type: string; status: string; reason: string; message: string }[] }
  ).conditions.find((c) => c.type === "Ready");

function statefulSet(replicas: number): KubeObject {
  return {
    apiVersion: "apps/v1",
    kind: "StatefulSet",
    metadata: { name: "web", namespace: "default" },
    spec: {
      replicas,
      serviceName: "web",
      selector: { matchLabels: { app: "web" } },
      template: {
        metadata: { labels: { app: "web" } },
        spec: { containers: [{ name: "nginx", image: "nginx:1.27" }] },
      },
    },
  };
}

describe("a node whose container is stopped (docker stop)", () => {
  it("goes Unknown after the 50s grace period, taints, and its pods stay Terminating after 300s", () => {
    const cluster = scenario("multi-node");
    cluster.create(statefulSet(3));
    cluster.advance(60_000);
    const victim = getPod(cluster, "web-1")!;
    const node = nodeOf(victim)!;
    stopNode(cluster, node);
    cluster.advance(49_000);
    expect(readyOf(cluster.api.get("Node", undefined, node))?.status).toBe("True");
    cluster.advance(2_000);
    const down = cluster.api.get("Node", undefined, node);
    expect(readyOf(down)).toMatchObject({
      status: "Unknown",
      reason: "NodeStatusUnknown",
      message: "Kubelet stopped posting node status.",
    });
    expect((down.spec as { taints: Taint[] }).taints.map((t) => `${t.key}:${t.effect}`)).toEqual([
      "node.kubernetes.io/unreachable:NoSchedule",
      "node.kubernetes.io/unreachable:NoExecute",
    ]);
    expect(condition(cluster, "web-1", "Ready")?.status).toBe("False");
    cluster.advance(298_000);
    expect(getPod(cluster, "web-1")?.metadata.deletionTimestamp).toBeUndefined();
    cluster.advance(2_000);
    expect(getPod(cluster, "web-1")?.metadata.deletionTimestamp).toBeDefined();
    expect(eventsOf(cluster, "web-1")).toContain(
      "Normal TaintManagerEviction Marking for deletion Pod default/web-1",
    );
    // No kubelet confirms the deletion, so the StatefulSet cannot replace web-1.
    cluster.advance(600_000);
    expect(getPod(cluster, "web-1")?.metadata.deletionTimestamp).toBeDefined();
    expect(nodeOf(getPod(cluster, "web-1"))).toBe(node);

    startNode(cluster, node);
    cluster.advance(120_000);
    expect(readyOf(cluster.api.get("Node", undefined, node))?.status).toBe("True");
    expect((cluster.api.get("Node", undefined, node).spec as { taints?: Taint[] }).taints).toBeUndefined();
    // The kubelet finished the deletion and the StatefulSet made web-1 again.
    const again = getPod(cluster, "web-1");
    expect(again?.metadata.uid).not.toBe(victim.metadata.uid);
    expect((again?.status as { phase?: string } | undefined)?.phase).toBe("Running");
  });

  it("lets a Deployment-style replacement start elsewhere while the old pod is stuck", () => {
    const cluster = scenario("multi-node");
    cluster.create(podSpec("lonely", { image: "nginx:1.27" }));
    cluster.advance(10_000);
    const node = nodeOf(getPod(cluster, "lonely"))!;
    stopNode(cluster, node);
    cluster.advance(60_000);
    cluster.create(podSpec("fresh", { image: "nginx:1.27" }));
    cluster.advance(10_000);
    expect(nodeOf(getPod(cluster, "fresh"))).not.toBe(node);
  });
});

describe("docker on the host", () => {
  it("lists, stops and starts kind node containers like docker", async () => {
    const [ps, stop, psAll, missing] = await run([
      "docker ps",
      "docker stop kind-control-plane",
      "docker ps -a",
      "docker stop nope",
    ]);
    expect(ps!.stdout.split("\n")[0]).toBe(
      "CONTAINER ID   IMAGE                  COMMAND                  CREATED         STATUS         PORTS                       NAMES",
    );
    expect(ps!.stdout.split("\n")[1]).toMatch(
      /^[0-9a-f]{12} {3}kindest\/node:v1\.34\.0 {3}"\/usr\/local\/bin\/entr…" {3}5 minutes ago {3}Up 5 minutes {3}127\.0\.0\.1:40123->6443\/tcp {3}kind-control-plane$/,
    );
    expect(stop).toEqual({ stdout: "kind-control-plane\n", stderr: "", status: 0 });
    expect(psAll!.stdout).toContain("Exited (137) Less than a second ago");
    expect(missing).toEqual({
      stdout: "",
      stderr: "Error response from daemon: No such container: nope\n",
      status: 1,
    });
  });

  it("words durations as docker does", () => {
    expect([0, 1000, 45_000, 60_000, 300_000, 3_600_000, 7_200_000].map(humanDuration)).toEqual([
      "Less than a second",
      "1 second",
      "45 seconds",
      "About a minute",
      "5 minutes",
      "About an hour",
      "2 hours",
    ]);
  });
});

describe("scenarios", () => {
  it("start the multi-node cluster through the sandbox options and refuse unknown names", async () => {
    const [nodes] = await run(["docker ps"], { scenario: "multi-node" });
    expect(
      nodes!.stdout
        .trim()
        .split("\n")
        .slice(1)
        .map((l) => l.split(/ {3,}/).at(-1)),
    ).toEqual(["kind-worker3", "kind-worker2", "kind-worker", "kind-control-plane"]);
    await expect(run(["true"], { scenario: "nope" })).rejects.toThrow('unknown scenario "nope"');
  });
});
