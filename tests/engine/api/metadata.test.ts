import { describe, expect, it } from "vitest";
import type { Cluster } from "../../../sandbox/engine/cluster/cluster.ts";
import { ApiError } from "../../../sandbox/engine/cluster/errors.ts";
import type { KubeObject } from "../../../sandbox/engine/cluster/types.ts";
import { createDefaultCluster } from "../../../sandbox/engine/scenarios/index.ts";

const sts = (name = "web", replicas = 1): KubeObject => ({
  apiVersion: "apps/v1",
  kind: "StatefulSet",
  metadata: { name },
  spec: {
    replicas,
    serviceName: name,
    selector: { matchLabels: { app: name } },
    template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: "c", image: "nginx" }] } },
  },
});

function thrown(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error("expected an ApiError");
}

describe("metadata stamping", () => {
  it("generateName gives the base cut to 58 plus 5 characters of the k8s alphabet", () => {
    const cluster = createDefaultCluster();
    const cm = cluster.api.create({
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "", generateName: `${"a".repeat(70)}-` },
    });
    expect(cm.metadata.name).toMatch(/^a{58}[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  });

  it("stamps uid, creationTimestamp and a shared, strictly increasing resourceVersion", () => {
    const cluster = createDefaultCluster();
    const a = cluster.api.create({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "a" } });
    const b = cluster.api.create({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "b" } });
    expect(Number(b.metadata.resourceVersion)).toBe(Number(a.metadata.resourceVersion) + 1);
    expect(a.metadata.uid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(a.metadata.creationTimestamp).toBe("2026-01-01T00:00:00Z");
    expect(a.metadata.generation).toBeUndefined();
  });

  it("refuses a resourceVersion on create", () => {
    const cluster = createDefaultCluster();
    const e = thrown(() =>
      cluster.api.create({
        apiVersion: "v1",
        kind: "ConfigMap",
        metadata: { name: "a", resourceVersion: "5" },
      }),
    );
    expect([e.reason, e.message]).toEqual([
      "BadRequest",
      "resourceVersion should not be set on objects to be created",
    ]);
  });

  it("answers AlreadyExists with the plural and group", () => {
    const cluster = createDefaultCluster();
    cluster.api.create(sts());
    expect(thrown(() => cluster.api.create(sts())).message).toBe('statefulsets.apps "web" already exists');
  });

  it("refuses unknown kinds like a server without that resource", () => {
    const cluster = createDefaultCluster();
    const e = thrown(() =>
      cluster.api.create({ apiVersion: "v1", kind: "Frobnicator", metadata: { name: "x" } }),
    );
    expect([e.reason, e.message]).toEqual(["NotFound", "the server could not find the requested resource"]);
    const wrongGroup = thrown(() => cluster.api.create({ ...sts(), apiVersion: "v1" }));
    expect(wrongGroup.reason).toBe("NotFound");
  });
});

describe("generation", () => {
  it("starts at 1 and moves only when the spec changes", () => {
    const cluster = createDefaultCluster();
    const created = cluster.api.create(sts());
    expect(created.metadata.generation).toBe(1);
    const relabelled = cluster.api.update({
      ...created,
      metadata: { ...created.metadata, labels: { a: "b" } },
    });
    expect(relabelled.metadata.generation).toBe(1);
    const scaled = cluster.api.update({
      ...relabelled,
      spec: { ...(relabelled.spec as object), replicas: 3 },
    });
    expect(scaled.metadata.generation).toBe(2);
    const status = cluster.api.updateStatus({ ...scaled, status: { replicas: 3, observedGeneration: 2 } });
    expect(status.metadata.generation).toBe(2);
    expect(status.status).toEqual({ replicas: 3, observedGeneration: 2 });
  });

  it("gives Pods a generation (1.34) that status updates never move", () => {
    const cluster = createDefaultCluster();
    const pod = cluster.api.create({
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "p" },
      spec: { containers: [{ name: "c", image: "nginx" }] },
    });
    expect(pod.metadata.generation).toBe(1);
    const after = cluster.api.updateStatus({ ...pod, status: { phase: "Running" } });
    expect(after.metadata.generation).toBe(1);
  });

  it("keeps status out of reach of a plain update", () => {
    const cluster = createDefaultCluster();
    const created = cluster.api.create(sts());
    cluster.api.updateStatus({ ...created, status: { replicas: 1 } });
    const updated = cluster.api.update({ ...sts(), status: { replicas: 99 } });
    expect(updated.status).toEqual({ replicas: 1 });
  });
});

describe("resourceVersion preconditions", () => {
  it("fails a stale update with the real Conflict text", () => {
    const cluster = createDefaultCluster();
    const first = cluster.api.create(sts());
    cluster.api.update({ ...first, spec: { ...(first.spec as object), replicas: 2 } });
    const e = thrown(() =>
      cluster.api.update({ ...first, spec: { ...(first.spec as object), replicas: 5 } }),
    );
    expect([e.reason, e.code]).toEqual(["Conflict", 409]);
    expect(e.message).toBe(
      'Operation cannot be fulfilled on statefulsets.apps "web": the object has been modified; please apply your changes to the latest version and try again',
    );
  });

  it("writes nothing for an update that changes nothing", () => {
    const cluster = createDefaultCluster();
    const created = cluster.api.create(sts());
    const same = cluster.api.update(created);
    expect(same.metadata.resourceVersion).toBe(created.metadata.resourceVersion);
  });
});

describe("finalizers and deletionTimestamp", () => {
  const withFinalizer = (cluster: Cluster) =>
    cluster.api.create({
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "cm", finalizers: ["example.com/hold"] },
    });

  it("keeps an object with finalizers until the last one is removed", () => {
    const cluster = createDefaultCluster();
    withFinalizer(cluster);
    const marked = cluster.api.delete("ConfigMap", "default", "cm");
    expect(marked.metadata.deletionTimestamp).toBe("2026-01-01T00:00:00Z");
    expect(marked.metadata.deletionGracePeriodSeconds).toBe(0);
    expect(cluster.api.tryGet("ConfigMap", "default", "cm")).toBeDefined();
    cluster.api.update({ ...marked, metadata: { ...marked.metadata, finalizers: [] } });
    expect(cluster.api.tryGet("ConfigMap", "default", "cm")).toBeUndefined();
  });

  it("refuses new finalizers once deletion has started", () => {
    const cluster = createDefaultCluster();
    withFinalizer(cluster);
    const marked = cluster.api.delete("ConfigMap", "default", "cm");
    const e = thrown(() =>
      cluster.api.update({
        ...marked,
        metadata: { ...marked.metadata, finalizers: ["example.com/hold", "example.com/more"] },
      }),
    );
    expect(e.message).toBe(
      'ConfigMap "cm" is invalid: metadata.finalizers: Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{"example.com/more"}',
    );
    expect(e.details).toEqual({ kind: "ConfigMap", group: "", name: "cm" });
  });

  it("does not let an update move deletionTimestamp", () => {
    const cluster = createDefaultCluster();
    withFinalizer(cluster);
    const marked = cluster.api.delete("ConfigMap", "default", "cm");
    const updated = cluster.api.update({
      ...marked,
      metadata: { ...marked.metadata, deletionTimestamp: undefined, labels: { a: "b" } },
    });
    expect(updated.metadata.deletionTimestamp).toBe(marked.metadata.deletionTimestamp);
  });
});
