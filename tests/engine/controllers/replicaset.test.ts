import type { ReplicaSetSpec } from "kubernetes-types/apps/v1";
import { describe, expect, it } from "vitest";
import type { Cluster } from "../../../sandbox/engine/cluster/cluster.ts";
import { podsToDelete } from "../../../sandbox/engine/cluster/controllers/replicaset.ts";
import type { KubeObject } from "../../../sandbox/engine/cluster/types.ts";
import { editSpec, eventMessages, newCluster, podNames, setPodState, type Typed } from "./fixtures.ts";

function replicaSet(name: string, replicas: number): KubeObject {
  return {
    apiVersion: "apps/v1",
    kind: "ReplicaSet",
    metadata: { name, namespace: "default" },
    spec: {
      replicas,
      selector: { matchLabels: { app: "web" } },
      template: {
        metadata: { labels: { app: "web" } },
        spec: { containers: [{ name: "nginx", image: "nginx" }] },
      },
    },
  };
}

function scaleTo(cluster: Cluster, replicas: number) {
  editSpec<ReplicaSetSpec>(cluster, "ReplicaSet", "rs", (spec) => {
    spec.replicas = replicas;
  });
}

describe("ReplicaSet controller", () => {
  it("creates pods named <rs>-<5 chars> from the template, owned by the ReplicaSet", () => {
    const cluster = newCluster();
    cluster.create(replicaSet("rs", 3));
    cluster.runControllers();
    const names = podNames(cluster);
    expect(names).toHaveLength(3);
    for (const name of names) expect(name).toMatch(/^rs-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    const rs = cluster.api.get("ReplicaSet", "default", "rs");
    const first = cluster.api.get("Pod", "default", names[0]!);
    expect(first.metadata.generateName).toBe("rs-");
    expect(first.metadata.labels).toEqual({ app: "web" });
    expect(first.metadata.ownerReferences).toEqual([
      {
        apiVersion: "apps/v1",
        kind: "ReplicaSet",
        name: "rs",
        uid: rs.metadata.uid,
        controller: true,
        blockOwnerDeletion: true,
      },
    ]);
    expect(eventMessages(cluster, "SuccessfulCreate").sort()).toEqual(
      names.map((n) => `Created pod: ${n}`).sort(),
    );
    const event = cluster.api.list("Event", { namespace: "default" })[0]!;
    expect(event.source).toEqual({ component: "replicaset-controller" });
  });

  it("reports replicas, fullyLabeled, ready and available counts and the observed generation", () => {
    const cluster = newCluster();
    cluster.create(replicaSet("rs", 2));
    cluster.runControllers();
    setPodState(cluster, podNames(cluster)[0]!, "Ready");
    expect(cluster.api.get("ReplicaSet", "default", "rs").status).toEqual({
      replicas: 2,
      fullyLabeledReplicas: 2,
      readyReplicas: 1,
      availableReplicas: 1,
      observedGeneration: 1,
    });
  });

  it("deletes not-ready pods before ready ones when scaling down", () => {
    const cluster = newCluster();
    cluster.create(replicaSet("rs", 3));
    cluster.runControllers();
    const [a, b, c] = podNames(cluster) as [string, string, string];
    setPodState(cluster, a, "Ready");
    setPodState(cluster, c, "Ready");
    scaleTo(cluster, 2);
    expect(podNames(cluster)).toEqual([a, c]);
    expect(eventMessages(cluster, "SuccessfulDelete")).toEqual([`Deleted pod: ${b}`]);
  });

  it("adopts a matching orphan instead of creating, and releases a pod whose labels stop matching", () => {
    const cluster = newCluster();
    cluster.create({
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "stray", namespace: "default", labels: { app: "web" } },
      spec: { containers: [{ name: "nginx", image: "nginx" }] },
    });
    cluster.create(replicaSet("rs", 1));
    cluster.runControllers();
    expect(podNames(cluster)).toEqual(["stray"]);
    expect(cluster.api.get("Pod", "default", "stray").metadata.ownerReferences?.[0]?.name).toBe("rs");
    const relabelled = structuredClone(cluster.api.get("Pod", "default", "stray"));
    relabelled.metadata.labels = { app: "other" };
    cluster.api.update(relabelled);
    cluster.runControllers();
    expect(cluster.api.get("Pod", "default", "stray").metadata.ownerReferences).toBeUndefined();
    expect(podNames(cluster)).toHaveLength(2);
  });
});

describe("ReplicaSet pod creation failures", () => {
  it("records FailedCreate with the API server's refusal, one per sync", () => {
    const cluster = newCluster();
    // A template the API server refuses for pods (stored directly: ReplicaSet validation would catch it).
    const base = replicaSet("rs", 3) as Typed<ReplicaSetSpec>;
    base.spec.template!.spec!.containers[0]!.name = "Bad_Name";
    const rs = { ...base, metadata: { ...base.metadata, uid: "rs-uid" } };
    cluster.store.put(rs);
    cluster.emit({ type: "ADDED", object: rs });
    cluster.runControllers();
    expect(podNames(cluster)).toEqual([]);
    const failures = cluster.api
      .list("Event", { namespace: "default" })
      .filter((e) => e.reason === "FailedCreate");
    // One failure per sync (the burst stops at the first), and the status write resyncs once.
    expect(failures.map((e) => e.type)).toEqual(["Warning", "Warning"]);
    expect(failures[0]!.message).toMatch(
      /^Error creating: Pod "rs-[a-z0-9]{5}" is invalid: spec\.containers\[0\]\.name: /,
    );
  });
});

describe("deletion preference (ActivePodsWithRanks)", () => {
  const at = (s: number) => new Date(Date.UTC(2026, 0, 1) + s * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
  const pod = (
    name: string,
    opts: { node?: string; phase?: string; ready?: boolean; created?: number; restarts?: number },
  ) =>
    ({
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name, uid: name, creationTimestamp: at(opts.created ?? 0) },
      spec: { nodeName: opts.node ?? "n1" },
      status: {
        phase: opts.phase ?? "Running",
        conditions: [
          {
            type: "Ready",
            status: opts.ready === false ? "False" : "True",
            lastTransitionTime: at(opts.created ?? 0),
          },
        ],
        containerStatuses: [{ restartCount: opts.restarts ?? 0 }],
      },
    }) as KubeObject;
  const now = Date.UTC(2026, 0, 1) + 3600_000;
  const order = (pods: KubeObject[]) =>
    podsToDelete(pods, pods, pods.length - 1, now).map((p) => p.metadata.name);

  it("prefers unscheduled, then Pending, then not ready, then more restarts, then newer", () => {
    expect(order([pod("running", {}), pod("unscheduled", { node: "" })])).toEqual(["unscheduled"]);
    expect(order([pod("running", {}), pod("pending", { phase: "Pending" })])).toEqual(["pending"]);
    expect(order([pod("ready", {}), pod("notready", { ready: false })])).toEqual(["notready"]);
    expect(order([pod("calm", { created: 10 }), pod("crashy", { created: 10, restarts: 4 })])).toEqual([
      "crashy",
    ]);
    // Ready for 59 minutes vs 1 minute: different log2 buckets, the newer goes.
    expect(order([pod("old", { created: 60 }), pod("new", { created: 3540 })])).toEqual(["new"]);
  });
});
