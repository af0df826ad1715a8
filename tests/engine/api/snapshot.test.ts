import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Cluster } from "../../../sandbox/engine/cluster/cluster.ts";
import {
  restoreCluster,
  restoreClusterFromJson,
  saveSnapshot,
  snapshotToJson,
} from "../../../sandbox/engine/cluster/snapshot.ts";
import { StateParts } from "../../../sandbox/engine/cluster/state-parts.ts";
import type { KubeObject } from "../../../sandbox/engine/cluster/types.ts";

type Op =
  | { op: "create"; ns: number; name: number; owner?: number }
  | { op: "delete"; ns: number; name: number; policy: "Background" | "Foreground" | "Orphan" }
  | { op: "generate"; ns: number }
  | { op: "namespace"; ns: number; remove: boolean }
  | { op: "advance"; ms: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    op: fc.constant("create" as const),
    ns: fc.nat(1),
    name: fc.nat(4),
    owner: fc.option(fc.nat(4), { nil: undefined }),
  }),
  fc.record({
    op: fc.constant("delete" as const),
    ns: fc.nat(1),
    name: fc.nat(4),
    policy: fc.constantFrom("Background" as const, "Foreground" as const, "Orphan" as const),
  }),
  fc.record({ op: fc.constant("generate" as const), ns: fc.nat(1) }),
  fc.record({ op: fc.constant("namespace" as const), ns: fc.nat(1), remove: fc.boolean() }),
  fc.record({ op: fc.constant("advance" as const), ms: fc.integer({ min: 0, max: 60_000 }) }),
);

const nsName = (n: number) => (n === 0 ? "default" : `team-${n}`);

/** Runs one operation and returns what a client would have seen (object or error text). */
function apply(cluster: Cluster, o: Op): string {
  try {
    let result: KubeObject | undefined;
    if (o.op === "create") {
      const owner =
        o.owner === undefined ? undefined : cluster.api.tryGet("ConfigMap", nsName(o.ns), `cm-${o.owner}`);
      result = cluster.api.create({
        apiVersion: "v1",
        kind: "ConfigMap",
        metadata: {
          name: `cm-${o.name}`,
          namespace: nsName(o.ns),
          ...(owner
            ? {
                ownerReferences: [
                  {
                    apiVersion: "v1",
                    kind: "ConfigMap",
                    name: owner.metadata.name,
                    uid: owner.metadata.uid!,
                    blockOwnerDeletion: true,
                  },
                ],
              }
            : {}),
        },
      });
    } else if (o.op === "delete") {
      result = cluster.api.delete("ConfigMap", nsName(o.ns), `cm-${o.name}`, { propagationPolicy: o.policy });
    } else if (o.op === "generate") {
      result = cluster.api.create({
        apiVersion: "v1",
        kind: "Secret",
        metadata: { name: "", generateName: "s-", namespace: nsName(o.ns) },
      });
    } else if (o.op === "namespace") {
      result = o.remove
        ? cluster.api.delete("Namespace", undefined, nsName(o.ns))
        : cluster.api.create({ apiVersion: "v1", kind: "Namespace", metadata: { name: nsName(o.ns) } });
    } else {
      cluster.advance(o.ms);
    }
    cluster.runControllers();
    return JSON.stringify(result ?? null);
  } catch (error) {
    cluster.runControllers();
    return `error: ${(error as Error).message}`;
  }
}

function fresh(): Cluster {
  const cluster = new Cluster({ seed: 42 });
  cluster.api.create({ apiVersion: "v1", kind: "Namespace", metadata: { name: "default" } });
  return cluster;
}

describe("snapshot and restore", () => {
  it("is versioned JSON carrying store, revision, clock, rng, queue, history and parts", () => {
    const cluster = fresh();
    let restored = 0;
    cluster.stateParts.register("demo", {
      save: () => ({ n: 7 }),
      restore: (d) => {
        restored = (d as { n: number }).n;
      },
    });
    cluster.clock.wakeAt(cluster.clock.now() + 5000, "garbagecollector", "orphans||x");
    const snapshot = JSON.parse(snapshotToJson(cluster));
    expect(snapshot.version).toBe(2);
    expect(Object.keys(snapshot).sort()).toEqual(
      ["clock", "history", "objects", "parts", "queue", "resourceVersion", "rng", "version"].sort(),
    );
    expect(snapshot.objects.map((o: KubeObject) => o.metadata.name)).toEqual(["default"]);
    expect(snapshot.clock.wakeups).toHaveLength(1);
    expect(snapshot.parts.demo).toEqual({ n: 7 });
    expect(Object.keys(snapshot.parts)).toEqual([
      "demo",
      "event-clock",
      "kubelet",
      "pod-timings",
      "scheduler",
      "volume-data",
    ]);
    const copy = restoreClusterFromJson(JSON.stringify(snapshot));
    expect(copy.clock.now()).toBe(cluster.clock.now());
    expect(copy.store.currentResourceVersion()).toBe(cluster.store.currentResourceVersion());
    expect(copy.history.size).toBe(cluster.history.size);
    // "demo" is not registered by the fresh cluster's subsystems, so nothing received it.
    expect(restored).toBe(0);
  });

  it("hands each registered part its own data back", () => {
    const parts = new StateParts();
    const got: unknown[] = [];
    parts.register("a", { save: () => [1], restore: (d) => got.push(["a", d]) });
    parts.register("b", { save: () => "x", restore: (d) => got.push(["b", d]) });
    expect(parts.save()).toEqual({ a: [1], b: "x" });
    parts.restore({ b: "y", c: 1 });
    expect(got).toEqual([["b", "y"]]);
    expect(() => parts.register("a", { save: () => 0, restore: () => {} })).toThrow(
      'state part "a" is already registered',
    );
  });

  it("refuses an unknown version", () => {
    const snapshot = { ...saveSnapshot(fresh()), version: 3 } as unknown as ReturnType<typeof saveSnapshot>;
    expect(() => restoreCluster(snapshot)).toThrow(
      "the snapshot was saved by a newer version of the sandbox (format 3; this one reads format 2)",
    );
  });

  it("behaves byte for byte like the original after restore (property)", () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 15 }), fc.array(opArb, { maxLength: 15 }), (before, after) => {
        const original = fresh();
        for (const o of before) apply(original, o);
        const copy = restoreClusterFromJson(snapshotToJson(original));
        const a = after.map((o) => apply(original, o));
        const b = after.map((o) => apply(copy, o));
        expect(b).toEqual(a);
        expect(snapshotToJson(copy)).toBe(snapshotToJson(original));
        // Lists come back in etcd key order: namespace, then name.
        const listed = original.api.list("ConfigMap").map((o) => [o.metadata.namespace!, o.metadata.name]);
        const ordered = [...listed].sort(([n1, a1], [n2, a2]) =>
          n1! < n2! ? -1 : n1! > n2! ? 1 : a1! < a2! ? -1 : 1,
        );
        expect(listed).toEqual(ordered);
        const versions = original.history.entries().map((e) => Number(e.resourceVersion));
        expect(versions.every((v, i) => i === 0 || v > versions[i - 1]!)).toBe(true);
      }),
      { numRuns: 60 },
    );
  });
});
