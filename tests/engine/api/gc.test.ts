import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Cluster } from "../../../sandbox/engine/cluster/cluster.ts";
import type { KubeObject } from "../../../sandbox/engine/cluster/types.ts";
import { createDefaultCluster } from "../../../sandbox/engine/scenarios/index.ts";

const cm = (name: string, owners: KubeObject[] = [], block = true): KubeObject => ({
  apiVersion: "v1",
  kind: "ConfigMap",
  metadata: {
    name,
    ...(owners.length > 0
      ? {
          ownerReferences: owners.map((o) => ({
            apiVersion: o.apiVersion,
            kind: o.kind,
            name: o.metadata.name,
            uid: o.metadata.uid!,
            ...(block ? { blockOwnerDeletion: true } : {}),
          })),
        }
      : {}),
  },
});

/** The test's ConfigMaps (every namespace also holds the cluster's kube-root-ca.crt). */
const names = (cluster: Cluster) =>
  cluster.api
    .list("ConfigMap")
    .map((o) => o.metadata.name)
    .filter((name) => name !== "kube-root-ca.crt");

describe("garbage collector", () => {
  it("background: the owner goes at once, then its dependents, recursively", () => {
    const cluster = createDefaultCluster();
    const owner = cluster.api.create(cm("owner"));
    const child = cluster.api.create(cm("child", [owner]));
    cluster.api.create(cm("grandchild", [child]));
    cluster.api.create(cm("bystander"));
    cluster.api.delete("ConfigMap", "default", "owner");
    expect(names(cluster)).toEqual(["bystander", "child", "grandchild"]);
    cluster.runControllers();
    expect(names(cluster)).toEqual(["bystander"]);
    const deletions = cluster.history.entries({ type: "DELETED" }).map((e) => e.name);
    expect(deletions).toEqual(["owner", "child", "grandchild"]);
  });

  it("foreground: the owner waits, Terminating, until blocking dependents are gone", () => {
    const cluster = createDefaultCluster();
    const owner = cluster.api.create(cm("owner"));
    cluster.api.create(cm("child", [owner]));
    const marked = cluster.api.delete("ConfigMap", "default", "owner", { propagationPolicy: "Foreground" });
    expect(marked.metadata.finalizers).toEqual(["foregroundDeletion"]);
    expect(marked.metadata.deletionTimestamp).toBeDefined();
    cluster.runControllers();
    expect(names(cluster)).toEqual([]);
    const deletions = cluster.history.entries({ type: "DELETED" }).map((e) => e.name);
    expect(deletions).toEqual(["child", "owner"]);
  });

  it("foreground waits for a gracefully terminating pod dependent", () => {
    const cluster = createDefaultCluster();
    const owner = cluster.api.create(cm("owner"));
    const p = cluster.api.create({
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "p", ownerReferences: cm("x", [owner]).metadata.ownerReferences! },
      spec: { containers: [{ name: "c", image: "nginx" }] },
    });
    cluster.api.update({ ...p, spec: { ...(p.spec as object), nodeName: "kind-control-plane" } });
    cluster.api.delete("ConfigMap", "default", "owner", { propagationPolicy: "Foreground" });
    cluster.runControllers();
    expect(cluster.api.get("Pod", "default", "p").metadata.deletionTimestamp).toBeDefined();
    expect(names(cluster)).toEqual(["owner"]);
    cluster.api.delete("Pod", "default", "p", { gracePeriodSeconds: 0 });
    cluster.runControllers();
    expect(names(cluster)).toEqual([]);
  });

  it("orphan: dependents lose the reference and stay", () => {
    const cluster = createDefaultCluster();
    const owner = cluster.api.create(cm("owner"));
    const other = cluster.api.create(cm("other"));
    cluster.api.create(cm("child", [owner, other]));
    const marked = cluster.api.delete("ConfigMap", "default", "owner", { propagationPolicy: "Orphan" });
    expect(marked.metadata.finalizers).toEqual(["orphan"]);
    cluster.runControllers();
    expect(names(cluster)).toEqual(["child", "other"]);
    const refs = cluster.api.get("ConfigMap", "default", "child").metadata.ownerReferences;
    expect(refs?.map((r) => r.name)).toEqual(["other"]);
  });

  it("keeps a dependent while one owner lives, dropping the dangling reference", () => {
    const cluster = createDefaultCluster();
    const a = cluster.api.create(cm("a"));
    const b = cluster.api.create(cm("b"));
    cluster.api.create(cm("child", [a, b]));
    cluster.api.delete("ConfigMap", "default", "a");
    cluster.runControllers();
    expect(
      cluster.api.get("ConfigMap", "default", "child").metadata.ownerReferences?.map((r) => r.name),
    ).toEqual(["b"]);
  });
});

describe("namespace deletion", () => {
  it("goes Terminating, empties the namespace, then disappears", () => {
    const cluster = createDefaultCluster();
    cluster.api.create({ apiVersion: "v1", kind: "Namespace", metadata: { name: "shop" } });
    cluster.api.create({ ...cm("a"), metadata: { name: "a", namespace: "shop" } });
    const p = cluster.api.create({
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "p", namespace: "shop" },
      spec: { containers: [{ name: "c", image: "nginx" }] },
    });
    cluster.api.update({ ...p, spec: { ...(p.spec as object), nodeName: "kind-control-plane" } });
    cluster.api.delete("Namespace", undefined, "shop");
    cluster.runControllers();
    expect(cluster.api.list("ConfigMap", { namespace: "shop" })).toEqual([]);
    const ns = cluster.api.get("Namespace", undefined, "shop");
    expect((ns.status as { phase: string }).phase).toBe("Terminating");
    // The pod is still terminating; once the kubelet finishes it the namespace goes.
    cluster.api.delete("Pod", "shop", "p", { gracePeriodSeconds: 0 });
    cluster.runControllers();
    expect(cluster.api.tryGet("Namespace", undefined, "shop")).toBeUndefined();
  });
});

describe("invariants under random operations (property)", () => {
  type Op =
    | { op: "create"; name: number; owners: number[] }
    | { op: "delete"; name: number; policy: "Background" | "Foreground" | "Orphan" }
    | { op: "label"; name: number; value: string };
  const op: fc.Arbitrary<Op> = fc.oneof(
    fc.record({
      op: fc.constant("create" as const),
      name: fc.nat(7),
      owners: fc.uniqueArray(fc.nat(7), { maxLength: 2 }),
    }),
    fc.record({
      op: fc.constant("delete" as const),
      name: fc.nat(7),
      policy: fc.constantFrom("Background" as const, "Foreground" as const, "Orphan" as const),
    }),
    fc.record({
      op: fc.constant("label" as const),
      name: fc.nat(7),
      value: fc.stringMatching(/^[a-z]{1,3}$/),
    }),
  );

  it("resourceVersions strictly increase, lists are sorted, and no object keeps a gone owner", () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 40 }), (ops) => {
        // A bare cluster (no kind boot) keeps each of the many runs cheap.
        const cluster = new Cluster();
        cluster.api.create({ apiVersion: "v1", kind: "Namespace", metadata: { name: "default" } });
        for (const o of ops) {
          const name = `cm-${o.name}`;
          const current = cluster.api.tryGet("ConfigMap", "default", name);
          if (o.op === "create" && !current) {
            const owners = o.owners
              .map((n) => cluster.api.tryGet("ConfigMap", "default", `cm-${n}`))
              .filter((x): x is KubeObject => x !== undefined && x.metadata.name !== name);
            cluster.api.create(cm(name, owners));
          } else if (o.op === "delete" && current) {
            cluster.api.delete("ConfigMap", "default", name, { propagationPolicy: o.policy });
          } else if (o.op === "label" && current) {
            cluster.api.update({ ...current, metadata: { ...current.metadata, labels: { v: o.value } } });
          }
          cluster.runControllers();
        }
        const versions = cluster.history.entries().map((e) => Number(e.resourceVersion));
        expect(versions.every((v, i) => i === 0 || v > versions[i - 1]!)).toBe(true);
        const all = cluster.api.list("ConfigMap");
        const sorted = [...all].sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));
        expect(all).toEqual(sorted);
        const uids = new Set(all.map((o) => o.metadata.uid));
        for (const o of all) {
          for (const ref of o.metadata.ownerReferences ?? []) expect(uids.has(ref.uid)).toBe(true);
          expect(o.metadata.deletionTimestamp).toBeUndefined();
        }
      }),
      { numRuns: 150 },
    );
  });
});

describe("namespace termination conditions", () => {
  it("reports what remains and which finalizers hold it, as the namespace controller does", () => {
    const cluster = createDefaultCluster();
    cluster.api.create({ apiVersion: "v1", kind: "Namespace", metadata: { name: "shop" } });
    cluster.api.create({
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "held", namespace: "shop", finalizers: ["example.com/hold"] },
    });
    cluster.api.delete("Namespace", undefined, "shop");
    cluster.runControllers();
    const ns = cluster.api.get("Namespace", undefined, "shop");
    const conditions = (
      ns.status as { conditions: { type: string; status: string; reason: string; message: string }[] }
    ).conditions;
    expect(conditions.map((c) => [c.type, c.status, c.reason])).toEqual([
      ["NamespaceDeletionDiscoveryFailure", "False", "ResourcesDiscovered"],
      ["NamespaceDeletionGroupVersionParsingFailure", "False", "ParsedGroupVersions"],
      ["NamespaceDeletionContentFailure", "False", "ContentDeleted"],
      ["NamespaceContentRemaining", "True", "SomeResourcesRemain"],
      ["NamespaceFinalizersRemaining", "True", "SomeFinalizersRemain"],
    ]);
    expect(conditions[3]!.message).toBe("Some resources are remaining: configmaps. has 1 resource instances");
    expect(conditions[4]!.message).toBe(
      "Some content in the namespace has finalizers remaining: example.com/hold in 1 resource instances",
    );
    const held = cluster.api.get("ConfigMap", "shop", "held");
    cluster.api.update({ ...held, metadata: { ...held.metadata, finalizers: [] } });
    cluster.runControllers();
    expect(cluster.api.tryGet("Namespace", undefined, "shop")).toBeUndefined();
  });
});
