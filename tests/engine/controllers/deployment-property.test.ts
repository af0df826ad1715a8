import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fenceposts } from "../../../sandbox/engine/cluster/controllers/deployment/util.ts";
import type { KubeObject } from "../../../sandbox/engine/cluster/types.ts";
import { newCluster, readyAll, setPodState } from "./fixtures.ts";

/**
 * A rolling update keeps the two limits of workloads.md §2 at every step: old + new replicas
 * never exceed replicas + maxSurge, and ready pods never fall below replicas − maxUnavailable,
 * whatever order the new pods become ready in.
 */

const limit = fc.constantFrom<number | string>(0, 1, 2, "25%", "50%");

const isReady = (pod: KubeObject) =>
  !pod.metadata.deletionTimestamp &&
  ((pod.status as { conditions?: { type: string; status: string }[] } | undefined)?.conditions ?? []).some(
    (c) => c.type === "Ready" && c.status === "True",
  );

describe("Deployment rolling update limits", () => {
  it("holds maxSurge and maxUnavailable at every change and ends on the new ReplicaSet", {
    timeout: 120_000,
  }, () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }),
        limit,
        limit,
        fc.array(fc.nat(20), { maxLength: 30 }),
        (replicas, maxSurge, maxUnavailable, readyOrder) => {
          fc.pre(!(maxSurge === 0 && maxUnavailable === 0));
          const cluster = newCluster();
          const d: KubeObject = {
            apiVersion: "apps/v1",
            kind: "Deployment",
            metadata: { name: "web", namespace: "default" },
            spec: {
              replicas,
              strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge, maxUnavailable } },
              selector: { matchLabels: { app: "web" } },
              template: {
                metadata: { labels: { app: "web" } },
                spec: { containers: [{ name: "c", image: "v1" }] },
              },
            },
          };
          cluster.create(d);
          readyAll(cluster);
          const { surge, unavailable } = fenceposts(d);
          const problems: string[] = [];
          cluster.watch(() => {
            const sets = cluster.api.list("ReplicaSet", { namespace: "default" });
            const total = sets.reduce((n, rs) => n + ((rs.spec as { replicas: number }).replicas ?? 0), 0);
            if (total > replicas + surge) problems.push(`${total} replicas > ${replicas} + ${surge}`);
            const ready = cluster.api.list("Pod", { namespace: "default" }).filter(isReady).length;
            if (ready < replicas - unavailable)
              problems.push(`${ready} ready < ${replicas} - ${unavailable}`);
          });
          const copy = structuredClone(cluster.api.get("Deployment", "default", "web"));
          (copy.spec as { template: { spec: { containers: { image: string }[] } } }).template.spec
            .containers[0]!.image = "v2";
          cluster.api.update(copy);
          cluster.runControllers();
          for (const pick of readyOrder) {
            const waiting = cluster.api.list("Pod", { namespace: "default" }).filter((p) => !isReady(p));
            const chosen = waiting[pick % Math.max(1, waiting.length)];
            if (chosen) setPodState(cluster, chosen.metadata.name, "Ready");
          }
          readyAll(cluster);
          expect(problems).toEqual([]);
          const fresh = cluster.api
            .list("ReplicaSet", { namespace: "default" })
            .find((rs) => rs.metadata.annotations?.["deployment.kubernetes.io/revision"] === "2")!;
          const pods = cluster.api.list("Pod", { namespace: "default" });
          expect(pods).toHaveLength(replicas);
          for (const pod of pods) expect(pod.metadata.ownerReferences?.[0]?.uid).toBe(fresh.metadata.uid);
        },
      ),
      { numRuns: 30 },
    );
  });
});
