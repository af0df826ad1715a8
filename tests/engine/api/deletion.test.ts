import { describe, expect, it } from "vitest";
import type { Cluster } from "../../../sandbox/engine/cluster/cluster.ts";
import type { ApiError } from "../../../sandbox/engine/cluster/errors.ts";
import { createDefaultCluster } from "../../../sandbox/engine/scenarios/index.ts";

function pod(
  cluster: Cluster,
  name: string,
  extra: { nodeName?: string; grace?: number; phase?: string } = {},
) {
  const created = cluster.api.create({
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name },
    spec: {
      containers: [{ name: "c", image: "nginx" }],
      ...(extra.grace !== undefined ? { terminationGracePeriodSeconds: extra.grace } : {}),
    },
  });
  const bound = extra.nodeName
    ? cluster.api.update({ ...created, spec: { ...(created.spec as object), nodeName: extra.nodeName } })
    : created;
  return extra.phase ? cluster.api.updateStatus({ ...bound, status: { phase: extra.phase } }) : bound;
}

describe("graceful pod deletion", () => {
  it("gives a bound pod deletionTimestamp = now + 30s and keeps it for the kubelet", () => {
    const cluster = createDefaultCluster();
    pod(cluster, "web-0", { nodeName: "kind-control-plane" });
    const marked = cluster.api.delete("Pod", "default", "web-0");
    expect(marked.metadata.deletionTimestamp).toBe("2026-01-01T00:00:30Z");
    expect(marked.metadata.deletionGracePeriodSeconds).toBe(30);
    expect(cluster.api.tryGet("Pod", "default", "web-0")).toBeDefined();
    // The kubelet finishes with grace 0 once the containers have stopped.
    cluster.api.delete("Pod", "default", "web-0", { gracePeriodSeconds: 0 });
    expect(cluster.api.tryGet("Pod", "default", "web-0")).toBeUndefined();
  });

  it("uses spec.terminationGracePeriodSeconds, and an explicit grace over it", () => {
    const cluster = createDefaultCluster();
    pod(cluster, "a", { nodeName: "kind-control-plane", grace: 5 });
    pod(cluster, "b", { nodeName: "kind-control-plane", grace: 5 });
    expect(cluster.api.delete("Pod", "default", "a").metadata.deletionGracePeriodSeconds).toBe(5);
    const b = cluster.api.delete("Pod", "default", "b", { gracePeriodSeconds: 12 });
    expect([b.metadata.deletionGracePeriodSeconds, b.metadata.deletionTimestamp]).toEqual([
      12,
      "2026-01-01T00:00:12Z",
    ]);
  });

  it("a dry-run delete answers with the marked pod and changes nothing", () => {
    const cluster = createDefaultCluster();
    const p = pod(cluster, "p", { nodeName: "kind-control-plane" });
    const would = cluster.api.delete("Pod", "default", "p", { dryRun: true });
    expect(would.metadata.deletionGracePeriodSeconds).toBe(30);
    expect(cluster.api.get("Pod", "default", "p")).toEqual(p);
  });

  it("a second delete only shortens the grace period", () => {
    const cluster = createDefaultCluster();
    pod(cluster, "p", { nodeName: "kind-control-plane" });
    const first = cluster.api.delete("Pod", "default", "p");
    const again = cluster.api.delete("Pod", "default", "p", { gracePeriodSeconds: 60 });
    expect(again.metadata.resourceVersion).toBe(first.metadata.resourceVersion);
    const shorter = cluster.api.delete("Pod", "default", "p", { gracePeriodSeconds: 10 });
    expect(shorter.metadata.deletionGracePeriodSeconds).toBe(10);
  });

  it("removes unscheduled and finished pods, and forced deletes, at once", () => {
    const cluster = createDefaultCluster();
    pod(cluster, "pending");
    pod(cluster, "done", { nodeName: "kind-control-plane", phase: "Succeeded" });
    pod(cluster, "forced", { nodeName: "kind-control-plane" });
    cluster.api.delete("Pod", "default", "pending");
    cluster.api.delete("Pod", "default", "done");
    cluster.api.delete("Pod", "default", "forced", { gracePeriodSeconds: 0 });
    expect(cluster.api.list("Pod", { namespace: "default" })).toEqual([]);
  });

  it("a pod with finalizers waits for them even after the kubelet's grace-0 delete", () => {
    const cluster = createDefaultCluster();
    const p = pod(cluster, "p", { nodeName: "kind-control-plane" });
    cluster.api.update({ ...p, metadata: { ...p.metadata, finalizers: ["example.com/x"] } });
    cluster.api.delete("Pod", "default", "p");
    const zero = cluster.api.delete("Pod", "default", "p", { gracePeriodSeconds: 0 });
    expect(zero.metadata.deletionGracePeriodSeconds).toBe(0);
    expect(cluster.api.tryGet("Pod", "default", "p")).toBeDefined();
    cluster.api.update({ ...zero, metadata: { ...zero.metadata, finalizers: [] } });
    expect(cluster.api.tryGet("Pod", "default", "p")).toBeUndefined();
  });

  it("emits MODIFIED for the mark and DELETED for the removal, each with a new resourceVersion", () => {
    const cluster = createDefaultCluster();
    pod(cluster, "p", { nodeName: "kind-control-plane" });
    const seen: string[] = [];
    cluster.watch((e) => seen.push(`${e.type} ${e.object.metadata.resourceVersion}`));
    cluster.api.delete("Pod", "default", "p");
    cluster.api.delete("Pod", "default", "p", { gracePeriodSeconds: 0 });
    const [m, d] = seen;
    expect(m).toMatch(/^MODIFIED \d+$/);
    expect(d).toMatch(/^DELETED \d+$/);
    expect(Number(d!.split(" ")[1])).toBeGreaterThan(Number(m!.split(" ")[1]));
  });
});

describe("namespaces", () => {
  it("refuses content in a missing namespace and in one being deleted", () => {
    const cluster = createDefaultCluster();
    const cm = (namespace: string) => ({
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "x", namespace },
    });
    expect(() => cluster.api.create(cm("nope"))).toThrow('namespaces "nope" not found');
    cluster.api.create({ apiVersion: "v1", kind: "Namespace", metadata: { name: "shop" } });
    const ns = cluster.api.delete("Namespace", undefined, "shop");
    expect((ns.status as { phase: string }).phase).toBe("Terminating");
    let caught: unknown;
    try {
      cluster.api.create(cm("shop"));
    } catch (error) {
      caught = error;
    }
    expect((caught as ApiError).reason).toBe("Forbidden");
    expect((caught as ApiError).message).toBe(
      'configmaps "x" is forbidden: unable to create new content in namespace shop because it is being terminated',
    );
  });

  it("never deletes default, kube-system or kube-public", () => {
    const cluster = createDefaultCluster();
    expect(() => cluster.api.delete("Namespace", undefined, "default")).toThrow(
      'namespaces "default" is forbidden: this namespace may not be deleted',
    );
  });

  it("defaults spec.finalizers and the Active phase", () => {
    const cluster = createDefaultCluster();
    const ns = cluster.api.create({ apiVersion: "v1", kind: "Namespace", metadata: { name: "shop" } });
    expect(ns.spec).toEqual({ finalizers: ["kubernetes"] });
    expect(ns.status).toEqual({ phase: "Active" });
  });
});
