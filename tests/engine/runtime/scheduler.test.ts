import fc from "fast-check";
import type { Taint, Toleration } from "kubernetes-types/core/v1";
import { describe, expect, it } from "vitest";
import { failedSchedulingMessage, untoleratedTaint } from "../../../sandbox/engine/cluster/scheduler.ts";
import type { KubeObject } from "../../../sandbox/engine/cluster/types.ts";
import { cluster1, condition, eventsOf, getPod, podSpec, scenario } from "./fixtures.ts";

const nodeOf = (pod: KubeObject | undefined) => (pod?.spec as { nodeName?: string } | undefined)?.nodeName;

describe("scheduling on the default single-node cluster", () => {
  it("reports a nodeSelector nobody matches with the scheduler's exact message", () => {
    const cluster = cluster1();
    cluster.create(podSpec("p", { image: "nginx" }, { nodeSelector: { disk: "ssd" } }));
    cluster.advance(1000);
    const message =
      "0/1 nodes are available: 1 node(s) didn't match Pod's node affinity/selector. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.";
    expect(eventsOf(cluster, "p")).toEqual([`Warning FailedScheduling ${message}`]);
    expect(condition(cluster, "p", "PodScheduled")).toMatchObject({
      status: "False",
      reason: "Unschedulable",
      message,
    });
    expect(nodeOf(getPod(cluster, "p"))).toBeUndefined();
  });

  it("binds the pod once a node gets the label", () => {
    const cluster = cluster1();
    cluster.create(podSpec("p", { image: "nginx" }, { nodeSelector: { disk: "ssd" } }));
    cluster.advance(1000);
    const node = cluster.api.get("Node", undefined, "kind-control-plane");
    cluster.api.update({
      ...node,
      metadata: { ...node.metadata, labels: { ...node.metadata.labels, disk: "ssd" } },
    });
    cluster.advance(2000);
    expect(nodeOf(getPod(cluster, "p"))).toBe("kind-control-plane");
    expect(eventsOf(cluster, "p")).toContain(
      "Normal Scheduled Successfully assigned default/p to kind-control-plane",
    );
  });

  it("refuses a cordoned node and counts requests against allocatable cpu", () => {
    const cluster = cluster1();
    cluster.create(podSpec("big", { image: "nginx", resources: { requests: { cpu: "5" } } }));
    cluster.advance(1000);
    expect(condition(cluster, "big", "PodScheduled")?.message).toBe(
      "0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.",
    );
    const node = cluster.api.get("Node", undefined, "kind-control-plane");
    cluster.api.update({ ...node, spec: { ...(node.spec as object), unschedulable: true } });
    cluster.create(podSpec("small", { image: "nginx" }));
    cluster.advance(1000);
    expect(condition(cluster, "small", "PodScheduled")?.message).toBe(
      "0/1 nodes are available: 1 node(s) were unschedulable. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.",
    );
  });

  it("waits for a missing claim with the PreFilter message", () => {
    const cluster = cluster1();
    cluster.create(
      podSpec(
        "p",
        { image: "nginx" },
        { volumes: [{ name: "data", persistentVolumeClaim: { claimName: "data" } }] },
      ),
    );
    cluster.advance(1000);
    expect(condition(cluster, "p", "PodScheduled")?.message).toBe(
      '0/1 nodes are available: persistentvolumeclaim "data" not found. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.',
    );
  });
});

describe("scheduling on the multi-node scenario", () => {
  it("keeps workloads off the tainted control plane and spreads them over the workers", () => {
    const cluster = scenario("multi-node");
    for (const name of ["a", "b", "c"]) cluster.create(podSpec(name, { image: "nginx" }));
    cluster.advance(1000);
    const nodes = ["a", "b", "c"].map((n) => nodeOf(getPod(cluster, n)));
    expect(new Set(nodes)).toEqual(new Set(["kind-worker", "kind-worker2", "kind-worker3"]));
  });

  it("names the control-plane taint when nothing else fits", () => {
    const cluster = scenario("multi-node");
    cluster.create(
      podSpec("p", { image: "nginx" }, { nodeSelector: { "node-role.kubernetes.io/control-plane": "" } }),
    );
    cluster.advance(1000);
    expect(condition(cluster, "p", "PodScheduled")?.message).toBe(
      "0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 3 node(s) didn't match Pod's node affinity/selector. preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling.",
    );
  });

  it("runs kube-proxy and kindnet on every node and coredns on the control plane", () => {
    const cluster = scenario("multi-node");
    const system = cluster.api.list("Pod", { namespace: "kube-system" });
    for (const node of ["kind-control-plane", "kind-worker", "kind-worker2", "kind-worker3"]) {
      const here = system
        .filter((p) => nodeOf(p) === node)
        .map((p) => p.metadata.name.replace(/-[a-z0-9]{5}$/, ""));
      expect(here).toEqual(expect.arrayContaining(["kindnet", "kube-proxy"]));
    }
    const phases = system.map((p) => (p.status as { phase?: string }).phase);
    expect(new Set(phases)).toEqual(new Set(["Running"]));
  });
});

describe("scheduler invariants (property)", () => {
  const taintArb = fc.constantFrom<Taint>(
    { key: "dedicated", value: "db", effect: "NoSchedule" },
    { key: "gpu", effect: "NoExecute" },
    { key: "soft", effect: "PreferNoSchedule" },
  );
  const tolArb = fc.constantFrom<Toleration>(
    { key: "dedicated", operator: "Equal", value: "db", effect: "NoSchedule" },
    { key: "gpu", operator: "Exists" },
    { operator: "Exists" },
  );

  it("binds pods only to schedulable nodes whose taints they tolerate, with unique pod IPs", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ cordon: fc.boolean(), taints: fc.array(taintArb, { maxLength: 2 }) }), {
          minLength: 3,
          maxLength: 3,
        }),
        fc.array(fc.array(tolArb, { maxLength: 2 }), { minLength: 1, maxLength: 6 }),
        (nodeSetups, podTolerations) => {
          const cluster = scenario("multi-node");
          ["kind-worker", "kind-worker2", "kind-worker3"].forEach((name, i) => {
            const node = cluster.api.get("Node", undefined, name);
            const setup = nodeSetups[i]!;
            cluster.api.update({
              ...node,
              spec: { ...(node.spec as object), unschedulable: setup.cordon, taints: setup.taints },
            });
          });
          podTolerations.forEach((tolerations, i) => {
            cluster.create(podSpec(`p${i}`, { image: "nginx" }, { tolerations }));
          });
          cluster.advance(30_000);
          const ips = new Set<string>();
          for (const pod of cluster.api.list("Pod")) {
            const name = nodeOf(pod);
            const ip = (pod.status as { podIP?: string } | undefined)?.podIP;
            const hostNetwork = (pod.spec as { hostNetwork?: boolean }).hostNetwork;
            if (ip && !hostNetwork) {
              expect(ips.has(ip)).toBe(false);
              ips.add(ip);
            }
            if (pod.metadata.namespace !== "default" || !name) continue;
            const node = cluster.api.get("Node", undefined, name).spec as {
              unschedulable?: boolean;
              taints?: Taint[];
            };
            const tolerations = (pod.spec as { tolerations?: Toleration[] }).tolerations;
            // A cordoned node takes only pods that tolerate node.kubernetes.io/unschedulable.
            const cordon: Taint[] = node.unschedulable
              ? [{ key: "node.kubernetes.io/unschedulable", effect: "NoSchedule" }]
              : [];
            expect(untoleratedTaint([...(node.taints ?? []), ...cordon], tolerations)).toBeUndefined();
          }
        },
      ),
      { numRuns: 12 },
    );
  }, 60_000);

  it("sorts FailedScheduling reasons and sums preemption outcomes", () => {
    expect(
      failedSchedulingMessage(3, ["Insufficient cpu", "node(s) were unschedulable", "Insufficient cpu"]),
    ).toBe(
      "0/3 nodes are available: 1 node(s) were unschedulable, 2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.",
    );
  });
});
